"""Where it hurts and how much: body parts, sides and pain scores, from
``<lang>/body.yaml``. A score ("3/10", "like a 6", "2-ish") is never a body part."""

from __future__ import annotations

import re
from functools import cache

from coach.language.lexicon import alternation, any_of, blank, entry, pattern
from coach.language.negation import clause_start, is_negated


@cache
def _body_parts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    parts: dict[str, list[str]] = entry("body", "parts")
    return tuple((label, re.compile(alternation(p))) for label, p in parts.items())


@cache
def _any_body_part() -> re.Pattern[str]:
    # Most sentences name no body part: one search settles that instead of one per part.
    return any_of(regex for _, regex in _body_parts())


@cache
def sides() -> tuple[tuple[str, re.Pattern[str]], ...]:
    sides: dict[str, list[str]] = entry("body", "sides")
    return tuple((side, re.compile(alternation(words))) for side, words in sides.items())


@cache
def _score_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in entry("body", "score_patterns"))


@cache
def _spelled_score() -> re.Pattern[str]:
    words = "|".join(entry("body", "number_words"))
    return re.compile(rf"\b({words})\b(?=\s*(?:/|out ?of|outta|of)\s*(?:10|ten)\b)|"
                      rf"(?:(?<=out of )|(?<=outof )|(?<=outta )|(?<=/)|(?<=/ ))(ten)\b")


def pain_score(lowered: str) -> int | None:
    """The pain score said in ``lowered``: "3/10", "like a 6", "two out of ten", "4ish"."""
    numbers: dict[str, int] = entry("body", "number_words")
    lowered = _spelled_score().sub(lambda m: str(numbers[m.group(0)]), lowered)
    lowered = _spelled_anywhere().sub(lambda m: str(numbers[m.group(0)]), lowered)
    # "3/10 on the run, 5/10 at my desk": the worst score given is the one to log. Each
    # part of the text is read once, by the first pattern that reads it ("6/10 ish" is 6).
    found: list[int] = []
    taken: list[tuple[int, int]] = []
    for regex in _score_patterns():
        for match in regex.finditer(lowered):
            start, end = match.span()
            value = int(match.group(1))
            if 0 <= value <= 10 and all(end <= s or start >= e for s, e in taken):
                found.append(value)
                taken.append((start, end))
    if not found and _zero_pain().search(lowered):
        return 0  # "stress fracture in my left foot, no pain now"
    return max(found) if found else None


@cache
def _spelled_anywhere() -> re.Pattern[str]:
    return re.compile(alternation(entry("body", "number_words_anywhere")))


@cache
def _zero_pain() -> re.Pattern[str]:
    return re.compile(alternation(entry("body", "zero_pain")))


@cache
def _painless_after() -> re.Pattern[str]:
    return re.compile(r"[^.;,!?]{0,30}?" + alternation(entry("body", "painless_after")))


def _negated_part(text: str, start: int, end: int) -> bool:
    """"no knee pain", "don't have knee issues": a cue at most three words before the part.
    A cue further back negates something else ("couldn't do intervals, achilles sore")."""
    # "right calf is tight but doesn't hurt": said not to hurt, it is no injury.
    if _painless_after().match(text[end:end + 50]):
        return True
    if not is_negated(text, start, end):
        return False
    before = text[clause_start(text, start):start].split()[-3:]
    cues = set(entry("negation", "cues"))
    cue_at = [i for i, w in enumerate(before) if w.strip(",.") in cues or w.endswith("n't")]
    # "no - achilles", "no, my knee": the "no" answers something else.
    answered = bool(cue_at) and any(
        not re.search(r"\w", w) or w.endswith(",") for w in before[cue_at[-1]:])
    return (bool(cue_at) and not answered) or bool(
        re.match(r"\s*-?\s*free\b|\s*(?:is|has)?\s*gone\b", text[end:end + 12]))


def sites(lowered: str, *, negated_too: bool = False) -> list[tuple[str, int]]:
    """(label, position) of each body part named, once each; ``negated_too`` keeps
    "no more knee pain" (healed), otherwise a negated part is not named."""
    found: list[tuple[str, int]] = []
    # "legs are shot after this week": tired legs name no part that hurts.
    remaining = pattern("body", "tired_legs").sub(lambda m: " " * len(m.group(0)), lowered)
    if not _any_body_part().search(remaining):
        return []
    for label, regex in _body_parts():
        matches = list(regex.finditer(remaining))
        for match in matches:
            if negated_too or not _negated_part(remaining, match.start(), match.end()):
                found.append((label, match.start()))
        for match in matches:
            remaining = blank(remaining, match.start(), match.end())
    found.sort(key=lambda item: item[1])
    labels: list[tuple[str, int]] = []
    for label, start in found:
        if label not in (seen := [lab for lab, _ in labels]) and not (
                label == "leg" and seen):
            labels.append((label, start))
    return labels


_CLAUSE_END = re.compile(r"[,;!?\n]|\.(?!\d)|\s(?:but|though|although|whereas|while)\s")


def clause_spans(lowered: str) -> list[tuple[int, int]]:
    """Spans of the clauses of ``lowered``, cut at punctuation and "but"."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_END.finditer(lowered):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(lowered)))
    return [(a, b) for a, b in spans if lowered[a:b].strip()]


@cache
def _healed_grammar() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return pattern("body", "healed_now"), pattern("body", "hurts_now")


def healed_spans(lowered: str) -> list[tuple[int, int]]:
    """The clauses that speak of an injury that is over ("calf strain last spring, fine
    since", "had ITB 2 years ago, all good now"): one naming a part and saying it healed,
    with nothing said to hurt beside it, or saying it healed right after the clause that
    named the part. An old injury not said to be over ("an old ankle sprain") stays."""
    healed, hurts = _healed_grammar()
    if still_planned_around(lowered):
        return []
    spans: list[tuple[int, int]] = []
    previous: tuple[int, int] | None = None
    for start, end in clause_spans(lowered):
        clause = lowered[start:end]
        has_part = bool(sites(clause, negated_too=True))
        over = healed.search(clause) and not hurts.search(healed.sub(" ", clause))
        if over and not has_part and previous is not None:
            spans.append(previous)
        if has_part and over:
            spans.append((start, end))
        previous = (start, end) if has_part else previous
    return spans


def still_planned_around(lowered: str) -> bool:
    """An injury said over that still shapes training: a joint replaced or rebuilt ("hip
    replacement in 2022, fully healed"), or healing said with a reservation ("fine now
    mostly", "healed but i'm nervous about it")."""
    return bool(pattern("body", "lasting").search(lowered)
                or pattern("body", "healed_with_reservation").search(lowered))


@cache
def injury_verbs() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind of injury, its verbs): "pulled" is a strain, "sprained" a sprain."""
    verbs: dict[str, list[str]] = entry("body", "injury_verbs")
    return tuple((kind, re.compile(alternation(words))) for kind, words in verbs.items())


def current_sites(lowered: str) -> list[tuple[str, int]]:
    """The parts named that hurt now: a healed injury said beside a current one is left
    out ("calf strain last spring, fine since. right hip sore lately" -> the hip); when
    every part named is healed, all are kept (whether anything hurts is the none-answer's
    question, not this one's)."""
    found = sites(lowered)
    over = healed_spans(lowered)
    now = [(label, at) for label, at in found if not any(a <= at < b for a, b in over)]
    return now or found


def pain_spans(lowered: str) -> list[tuple[int, int]]:
    """From each body part named to the end of its sentence: what a plan reader skips
    ("sat long 90, knee is a 3/10 though")."""
    spans: list[tuple[int, int]] = []
    for _, regex in _body_parts():
        for match in regex.finditer(lowered):
            end = re.search(r"[.;\n)]|$", lowered[match.start():])
            # "(left hip niggle": the side and the words just before the part go too.
            before = re.search(r"(?:\(?\s*(?:my|the|a|left|right|sore|tight|bad)\s+)*$",
                               lowered[:match.start()])
            start = before.start() if before else match.start()
            spans.append((start, match.start() + (end.start() if end else 0)))
    return spans


def parts_named(lowered: str) -> tuple[str, ...]:
    """The labels of every body part named, negated or not ("no more knee pain": knee)."""
    return tuple(label for label, _ in sites(lowered, negated_too=True))


def conditions_of(label: str) -> frozenset[str]:
    """The catalogue conditions a body part rules activities out for ("achilles":
    achilles_calf, lower_limb)."""
    table: dict[str, list[str]] = entry("body", "conditions")
    return frozenset(table.get(label, ()))


def part_fragment() -> str:
    """A regex fragment (no boundaries) matching any body part named."""
    parts: dict[str, list[str]] = entry("body", "parts")
    return "(?:" + "|".join(sorted((p for ps in parts.values() for p in ps),
                                   key=len, reverse=True)) + ")"
