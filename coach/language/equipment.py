"""Equipment as athletes name it ("spin bike", "a lake", "stairmaster") mapped to the
engine's equipment words, from ``<lang>/equipment.yaml``: the one table of such words."""

from __future__ import annotations

import re
from functools import cache

from coach.language.lexicon import alternation, any_of, blank, entry, normalise, pattern
from coach.language.negation import is_negated


@cache
def _phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    table: dict[str, list[str]] = entry("equipment", "equipment")
    pairs = [(phrase, word) for word, phrases in table.items() for phrase in [word, *phrases]]
    pairs.sort(key=lambda pair: -len(pair[0]))
    return tuple((re.compile(alternation([p.replace("_", " ")])), w) for p, w in pairs)


@cache
def _any_phrase() -> re.Pattern[str]:
    # Most messages name no equipment: one search settles that instead of ~200.
    return any_of(regex for regex, _ in _phrases())


@cache
def lack_pattern() -> re.Pattern[str]:
    return re.compile(alternation(entry("equipment", "lack")))


def equipment_words() -> frozenset[str]:
    """Every equipment word the table maps to."""
    return frozenset(entry("equipment", "equipment"))


def mentions(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for each equipment phrase in ``text`` (lower-cased, normalised),
    longest phrases first so "mountain bike" is not also a "bike"."""
    remaining = normalise(text)
    found: list[tuple[str, int, int]] = []
    if not _any_phrase().search(remaining):
        return found
    for regex, word in _phrases():
        matches = list(regex.finditer(remaining))
        for match in matches:
            found.append((word, match.start(), match.end()))
            remaining = blank(remaining, match.start(), match.end())
    return sorted(found, key=lambda item: item[1])


@cache
def _places() -> tuple[tuple[re.Pattern[str], str], ...]:
    table: dict[str, list[str]] = entry("equipment", "closable_places")
    return tuple((re.compile(alternation(p)), word) for word, p in table.items())


def places(text: str) -> list[tuple[str, int, int]]:
    """Equipment phrases and the places that stand for them ("the park": trails)."""
    lowered = normalise(text)
    found = mentions(lowered)
    for regex, word in _places():
        found += [(word, m.start(), m.end()) for m in regex.finditer(lowered)]
    return found


def equipment_word(phrase: str) -> str | None:
    """The equipment word for one phrase ("Spin bike", "stair_master"), or None."""
    cleaned = normalise(phrase.replace("_", " ").replace("-", " "))
    for regex, word in _phrases():
        if regex.fullmatch(cleaned):
            return word
    return None


@cache
def _past_or_broken() -> re.Pattern[str]:
    return re.compile(alternation(entry("equipment", "past_or_broken")))


def _clause_of(lowered: str, start: int, end: int) -> str:
    """The clause a mention stands in, with a "but it's broken" that follows it."""
    before = max((m.end() for m in re.finditer(r"[,;.!?+&]|\band\b|\bbut\b(?!\s+(?:it|its|i)\b)",
                                                lowered[:start])), default=0)
    after = re.search(r"[,;.!?+&]|\band\b|\bbut\b(?!\s+(?:it|its|i)\b)", lowered[end:])
    return lowered[before:end + (after.start() if after else len(lowered) - end)]


@cache
def _gym_grammar() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(what follows a gym word to list its contents, the small room before a gym word,
    the words before a bike that make it one's own)."""
    contents = "|".join(sorted(entry("equipment", "gym_contents"), key=len, reverse=True))
    small = "|".join(sorted(entry("equipment", "small_gym"), key=len, reverse=True))
    # "gym at work has ...": where the gym is may stand between it and its list.
    return (re.compile(rf"^(?:'?s)?(?:\s+(?:at|in|near|by)\s+(?:[\w']+\s+){{0,2}}?)?\s*"
                       rf"(?:{contents})(?!\w)"),
            re.compile(rf"(?:\bin|\bat)\s+(?:\w+\s+)?(?:{small})(?:'?s)?\s*$"),
            re.compile(alternation(entry("equipment", "own"))))


def _gym_only_place(lowered: str, found_at: list[tuple[str, int, int]]) -> set[int]:
    """Starts of mentions that name no equipment of the athlete's own: a plain bike in a
    gym's list ("gym has ellipticals, bikes") is the gym's; a small gym that only says
    where a named machine stands ("a treadmill in our building's gym") is no gym."""
    contents, small, own = _gym_grammar()
    dropped: set[int] = set()
    for word, start, end in found_at:
        if word != "gym":
            continue
        if small.search(lowered[:start]) and any(
                other != "gym" and s < start for other, s, _ in found_at
                if _clause_of(lowered, s, start) == _clause_of(lowered, start, end)):
            dropped.add(start)
        # "a pool at the leisure centre": a venue named only as where a pool or a track
        # stands is that thing's place, no gym ("rowers at the Y" are a gym's machines).
        before = [other for other, s, _ in found_at if s < start and _clause_of(
            lowered, s, start).strip() == _clause_of(lowered, start, end).strip()]
        if pattern("equipment", "venue").fullmatch(lowered[start:end]) and re.search(
                r"\b(?:at|in)\s+(?:the\s+|my\s+|our\s+|a\s+|local\s+|the local\s+)?$",
                lowered[:start]) and before and set(before) <= set(
                entry("equipment", "venue_things")):
            dropped.add(start)
        if contents.match(lowered[end:]):
            stop = re.search(r"[.;!?+]|\bi\b", lowered[end:])
            last = end + (stop.start() if stop else len(lowered) - end)
            dropped.update(
                s for other, s, e in found_at if other == "bike" and end < s < last
                and lowered[s:e].startswith("bike")
                and not own.search(lowered[max(end, s - 12):s]))
    return dropped


@cache
def _no_after() -> re.Pattern[str]:
    return re.compile(r"^[\s:=-]*" + alternation(entry("equipment", "no_after"))
                      + r"\s*(?:[,;.!]|$)")


def _answered_no(lowered: str, end: int) -> bool:
    """"rower yes, bike no": a thing answered with a no right after it is not had."""
    return bool(_no_after().match(lowered[end:]))


def _disliked(lowered: str, start: int) -> bool:
    """Whether a dislike cue ("anything but", "hate", "not a fan of") comes just before
    the word at ``start`` (a word such as "the" may sit between), in its clause."""
    before = re.split(r"[,.;!?]", lowered[max(0, start - 40):start])[-1]
    return bool(re.search(pattern("activities", "dislike").pattern + r"\s+(?:\w+\s+)?$",
                          before))


def read_equipment(text: str) -> tuple[str, ...]:
    """Equipment words said in ``text``, leaving out what is said to be lacking: "no gym,
    just a treadmill" is a treadmill; "used to have a gym membership but cancelled it" is
    nothing."""
    lowered = normalise(text)
    found_at = mentions(lowered)
    places_only = _gym_only_place(lowered, found_at)
    found_at = [m for m in found_at if m[1] not in places_only]
    said = [(word, lowered[start:end]) for word, start, end in found_at
            if not is_negated(lowered, start, end)
            and not _past_or_broken().search(_clause_of(lowered, start, end))
            and not _answered_no(lowered, end)]
    # "a lake for swimming": the activity word names no pool when the water is named.
    activity_words: dict[str, list[str]] = entry("equipment", "activity_words")
    # "anything but swimming", "hate cycling": an activity not liked names no kit.
    disliked = {lowered[start:end] for _, start, end in found_at
                if lowered[start:end] in activity_words and _disliked(lowered, start)}
    found = {word for word, phrase in said if phrase not in disliked and not (
        phrase in activity_words and any(
            other in activity_words[phrase] for other, other_phrase in said
            if other_phrase not in activity_words))}
    # Everyone has a floor at home: "a treadmill at home" names a treadmill; "stuff at
    # home" and nothing else is home.
    return tuple(sorted(found - {"home"})) or tuple(sorted(found))
