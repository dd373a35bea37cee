"""Understanding why a run was missed, from free text, without an LLM.

Deterministic rules (regular expressions, word lists, a negation scope) so the same words
always give the same substitution, and a test can pin every rule down.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Literal

from coach.language import body, read_activities
from coach.language.days import read_day
from coach.language.durations import available_minutes
from coach.language.equipment import lack_pattern
from coach.language.equipment import mentions as equipment_mentions
from coach.language.equipment import places as equipment_places
from coach.language.lexicon import entry
from coach.language.lexicon import pattern as phrases

# The negation scope is the language layer's; triage and intent import it from here too.
from coach.language.negation import clause_start as clause_start
from coach.language.negation import find_unnegated as find_unnegated
from coach.language.negation import is_negated as is_negated
from coach.language.negation import normalise as normalise

# --- the words, from the language layer (coach/language/<lang>/reasons.yaml) ------------------


@cache
def _words(key: str) -> re.Pattern[str]:
    """The alternatives of ``key`` in reasons.yaml, as whole words."""
    return re.compile(r"\b(?:" + "|".join(entry("reasons", key)) + r")\b")


@cache
def _raw(key: str) -> re.Pattern[str]:
    """A ``raw`` pattern of reasons.yaml, which sets its own word boundaries."""
    return re.compile("|".join(entry("reasons", "raw")[key]))


@cache
def _weather() -> tuple[tuple[str, re.Pattern[str]], ...]:
    kinds = entry("reasons", "weather")
    found = []
    for kind, alternatives in kinds.items():
        source = r"\b(?:" + "|".join(alternatives) + r")\b"
        if kind == "cold":
            source += "|" + _raw("cold_numbers").pattern
        found.append((kind, re.compile(source)))
    return tuple(found)


@cache
def _soreness_only() -> frozenset[str]:
    return frozenset(entry("reasons", "soreness_only"))


@cache
def _out_of_use() -> re.Pattern[str]:
    """Said right after a piece of kit: closed, flat, in the shop."""
    states = [*entry("reasons", "closed_word"), *entry("reasons", "kit_out_of_use")]
    return re.compile(_raw("kit_state_link").pattern + "(?:" + "|".join(states) + ")")


def _closed_word() -> str:
    return "(?:" + "|".join(entry("reasons", "closed_word")) + ")"


def conditions_for(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Body-part labels and catalogue conditions named in ``text`` (an injury or reason)."""
    lowered = normalise(text)
    # The body parts are the language layer's (coach/language/en/body.yaml).
    parts = body.parts_named(lowered)
    conditions: set[str] = set()
    for label in parts:
        conditions |= body.conditions_of(label)
    if _words("fracture_history").search(lowered):
        conditions.add("fracture_recovery")
    return parts, frozenset(conditions)


def conditions_from_injuries(injuries: Iterable[str]) -> frozenset[str]:
    """Conditions implied by the athlete's known injuries and limitations."""
    found: set[str] = set()
    for injury in injuries:
        _, conditions = conditions_for(injury)
        found |= conditions
        lowered = normalise(injury)
        if _words("downhill").search(lowered):
            found.add("downhill_pain")
        if _words("speed_injury").search(lowered):
            found.add("speed_pain")
    return frozenset(found)


ASSUMED_BUSY_MINUTES = 20  # "busy" with no minutes said: a short session fits most days


FatigueLevel = Literal["mild", "high"]
IllnessKind = Literal["above_neck", "stomach", "general"]


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    """What the reason text says, as facts the engine can act on."""

    text: str
    pain: bool = False
    pain_score: int | None = None  # 0-10; estimated from words when no number is given
    pain_locations: tuple[str, ...] = ()
    conditions: frozenset[str] = frozenset()
    soreness_only: bool = False
    pain_rising: bool = False
    sharp: bool = False
    weather: str | None = None
    smoke: bool = False
    closed: frozenset[str] = frozenset()
    general_closure: bool = False
    travel: bool = False
    hotel: bool = False  # staying somewhere with a hotel's kit (substitution.HOTEL_KIT)
    mentioned_equipment: frozenset[str] = frozenset()
    lacking_equipment: frozenset[str] = frozenset()
    time_cap: int | None = None
    no_time: bool = False
    # True when the cap is our guess from "busy"/"kids" with no minutes said: the reply
    # must not pretend the athlete told us how long they have.
    time_cap_assumed: bool = False
    fatigue: FatigueLevel | None = None
    illness: IllnessKind | None = None
    fun: bool = False
    # Activities the pain is put down to ("sore after the rower"): never offered for it.
    blamed: frozenset[str] = frozenset()
    # Activities ruled out in so many words ("not the bike", "no swimming pls"): never
    # offered for this reason either.
    refused: frozenset[str] = frozenset()
    notes: tuple[str, ...] = field(default=())

    @property
    def indoor_only(self) -> bool:
        """Weather, smoke or a general closure keep the athlete inside."""
        return bool(self.weather or self.smoke or self.general_closure)


def _pain_score(text: str) -> int | None:
    """A score said in numbers: the language layer's one reader ("4/10", "like a 6")."""
    return body.pain_score(text)


def _pain_facts(text: str) -> tuple[bool, int | None, bool, bool, bool]:
    """(pain, score, soreness_only, sharp, rising) for text with illness words removed."""
    hits = find_unnegated(_words("pain_words"), text)
    score = _pain_score(text)
    if not hits:
        # A score beside a pain word or a body part is pain ("foot is grumpy, like 4/10"),
        # as the language layer reads it.
        # Legs alone with a score are how tired they feel ("legs 3/10 today").
        if score is not None and score > 0 and (_words("pain_stems").search(text) or any(
                label != "leg" for label, _ in body.sites(text))):
            return True, score, False, False, False
        return False, None, False, False, False
    words = {m.group(0) for m in hits}
    soreness_only = words <= _soreness_only()
    sharp = bool(_words("sharp").search(text))
    rising = bool(_words("rising").search(text))
    if score is None:
        # An unrated pain counts as moderate (4): safety first. Soreness counts as 2.
        score = 2 if soreness_only else 4
        if _words("severe").search(text):
            score = 8
        elif _words("strong").search(text):
            score = 6
        elif _words("moderate").search(text):
            score = max(score, 4) if not soreness_only else 3
        elif _words("mild").search(text):
            score = 2 if soreness_only else 3
    if sharp or rising:
        # Pain that turns sharp or rises means stop running: treat it as at least moderate.
        score = max(score, 5)
    if score == 0:
        return False, 0, False, False, False
    return True, score, soreness_only, sharp, rising


def says_now(text: str) -> bool:
    """The reason speaks of the present ("time is tight today", "only 20 min now"); the
    words are the language layer's (``days.yaml``, ``present``)."""
    return bool(phrases("days", "present").search(normalise(text)))


def _time_cap(text: str) -> tuple[int | None, bool, bool]:
    """(minutes available, short of time, whether those minutes are our guess)."""
    caps = available_minutes(text)  # the one duration reader's "time I have"
    no_time = bool(find_unnegated(_words("no_time"), text)
                   or find_unnegated(_words("time_tight"), text))
    if _words("no_time_at_all").search(text):
        return 0, True, False
    if caps:
        return min(caps), True, False
    return (ASSUMED_BUSY_MINUTES, True, True) if no_time else (None, False, False)


def _equipment(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Equipment the reason names ("the hotel has a gym") and equipment it lacks ("no
    bike", "the pool is closed"); the words are the language layer's one table."""
    mentioned: set[str] = set()
    lacking: set[str] = set()
    for word, start, end in equipment_mentions(text):
        before = text[clause_start(text, start):start]
        after = text[end:end + 30]
        if lack_pattern().search(" ".join(before.split()[-4:])) or _out_of_use().match(after):
            lacking.add(word)
        else:
            mentioned.add(word)
    faults: dict[str, list[str]] = entry("equipment", "faults")
    for word, phrases_of_fault in faults.items():
        # "skipped it, flat tyre lol": the bike is out of use though never named.
        if find_unnegated(re.compile(r"\b(?:" + "|".join(phrases_of_fault) + r")\b"), text):
            lacking.add(word)
    return frozenset(mentioned - lacking - {"home"}), frozenset(lacking)


def _closures(text: str) -> tuple[frozenset[str], bool]:
    closed: set[str] = set()
    for word, start, end in equipment_places(text):
        near = text[max(0, start - 30):end + 40]
        if re.search(rf"\b{_closed_word()}\b", near):
            closed.add(word)
    general = bool(_words("general_closure").search(text))
    if _words("fire").search(text) and _words("trails").search(text):
        closed.add("trails")
    return frozenset(closed), general


def _away_now(pattern: re.Pattern[str], text: str) -> bool:
    """Travel said of today: a flight tomorrow or a trip on Friday leaves the athlete at
    home today, with their own kit, unless the same sentence says they are away now."""
    for match in find_unnegated(pattern, text):
        start = max(text.rfind(mark, 0, match.start()) for mark in ".;!?\n") + 1
        ends = [i for i in (text.find(mark, match.end()) for mark in ".;!?\n") if i >= 0]
        sentence = text[start:min(ends, default=len(text))]
        if not _words("travel_later").search(sentence) or _words("travel_now").search(sentence):
            return True
    return False


def without_travel_days(text: str) -> str:
    """``text`` with the days its travel names taken out ("in a hotel until thursday",
    "flight tomorrow morning"): those are the trip's days, not a missed run's. Text that
    speaks of no travel comes back as it is."""
    lowered = normalise(text)
    if not _words("travel").search(lowered):
        return text
    span = re.compile(_words("travel_days").pattern + r"(?:\W+\w+){1,3}")
    return span.sub(" ", lowered)


def says_home_now(text: str) -> bool:
    """"what can I do at home instead?": today is at home, not at a hotel told of lately."""
    return bool(_words("home_now").search(normalise(text)))


def stay_ends(text: str, *, told_on: date) -> date | None:
    """The last day of a stay the text tells of ("in a hotel until thursday"), counted from
    the day it was told; None when it names no end."""
    lowered = normalise(text)
    until = _words("stay_until").search(lowered)
    if until is None:
        return None
    return read_day(lowered[until.end():], today=told_on, direction="future")


@cache
def _clause_end() -> re.Pattern[str]:
    return re.compile(r"[,;.!?]|" + phrases("blame", "clause_ends").pattern)


def _blamed(lowered: str) -> frozenset[str]:
    """Catalogue ids of the activities a pain is put down to: named within a few words
    after a cause cue, in the same clause, unnegated ("sore after the rower" -> rowing;
    "sore, can I row?" blames nothing)."""
    window = int(entry("blame", "cause_window"))
    blamed: set[str] = set()
    for cue in phrases("blame", "cause_cues").finditer(lowered):
        if is_negated(lowered, cue.start()):
            continue
        clause = _clause_end().split(lowered[cue.end():], maxsplit=1)[0]
        words = " ".join(clause.split()[:window])
        blamed.update(read_activities(words).likes)
    return frozenset(blamed)


def _without_others_illness(lowered: str) -> str:
    """The text without clauses about someone else ("cat was sick", "sick kid", "wife
    has the flu"): a clause naming another and no "i" or "me" tells of their illness."""
    others, first_person = _words("others"), _words("first_person")
    if _words("me_too").search(lowered):
        return lowered  # "kids have been sick and now i have it too"
    joiners = "|".join(entry("reasons", "clause_joiners"))
    clauses = re.split(rf"([,.;!?\n]|\s[-–]\s|\b(?:{joiners})\b)", lowered)
    return "".join(" " if others.search(clause) and not first_person.search(clause)
                   else clause for clause in clauses)


def parse_reason(text: str) -> ReasonInfo:
    """Facts from the reason text. Empty or unknown text gives an all-clear ReasonInfo."""
    lowered = normalise(text)
    if not lowered:
        return ReasonInfo(text=text)
    boredom_cleaned = _words("boredom_phrases").sub(" bored-of ", lowered)
    body_text = _words("time_tight").sub(" ", _words("not_locomotor").sub(" ", boredom_cleaned))

    pain, score, soreness_only, sharp, rising = _pain_facts(body_text)
    locations: tuple[str, ...] = ()
    conditions: frozenset[str] = frozenset()
    if pain:
        locations, conditions = conditions_for(body_text)
        # Past fractures only shape the plan through the athlete's injuries; a break in
        # today's reason is triage's business.
        conditions -= {"fracture_recovery"}
        extra: set[str] = set()
        for match in _words("downhill").finditer(body_text):
            if not is_negated(body_text, match.start()):
                extra.add("downhill_pain")
        if _raw("speed_pain").search(body_text):
            extra.add("speed_pain")
        if (locations and _raw("climb_cause").search(body_text)
                and not _words("downhill").search(body_text)):
            extra.add("climbing_pain")
        conditions |= extra
        if extra - {"climbing_pain"} and not _pain_score(body_text) and score == 4:
            # Pain only on descents or at speed, unrated: the plan avoids those, so it
            # counts as mild (the article's author kept running flat and easy).
            score = 3

    weather = None
    for kind, pattern in _weather():
        if find_unnegated(pattern, boredom_cleaned):
            weather = kind
            break
    if weather == "weather" and _words("not_weather").search(boredom_cleaned):
        weather = None
    smoke = bool(find_unnegated(_words("smoke"), boredom_cleaned))
    closed, general_closure = _closures(boredom_cleaned)
    travel = _away_now(_words("travel"), boredom_cleaned)
    hotel = _away_now(_words("hotel"), boredom_cleaned)
    mentioned, lacking = _equipment(boredom_cleaned)
    time_cap, no_time, cap_assumed = _time_cap(boredom_cleaned)

    fatigue: FatigueLevel | None = None
    if find_unnegated(_words("fatigue_high"), boredom_cleaned):
        fatigue = "high"
    elif find_unnegated(_words("fatigue"), boredom_cleaned) or phrases(
            "body", "tired_legs").search(boredom_cleaned):
        fatigue = "mild"  # "legs are shot" after a hard week is tiredness, not pain

    illness: IllnessKind | None = None
    own = _without_others_illness(boredom_cleaned)
    if find_unnegated(_words("illness_stomach"), own):
        illness = "stomach"
    elif find_unnegated(_words("illness_head"), own):
        illness = "above_neck"
    elif find_unnegated(_words("illness_general"), own.replace("bored-of", "")):
        illness = "general"

    fun = bool(find_unnegated(_words("fun"), lowered)) or "bored-of" in boredom_cleaned

    return ReasonInfo(
        text=text, pain=pain, pain_score=score, pain_locations=locations,
        conditions=conditions, soreness_only=soreness_only, pain_rising=rising, sharp=sharp,
        weather=weather, smoke=smoke, closed=closed | lacking, general_closure=general_closure,
        travel=travel or hotel, hotel=hotel, mentioned_equipment=mentioned,
        lacking_equipment=lacking,
        time_cap=time_cap, no_time=no_time,
        time_cap_assumed=cap_assumed,
        fatigue=fatigue, illness=illness, fun=fun,
        blamed=_blamed(body_text) if pain else frozenset(),
        refused=frozenset(read_activities(lowered).dislikes),
    )
