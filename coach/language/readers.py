"""Readers of what athletes write, as they write it.

Each reader takes text as people type it (typos, emoji, relative days, several facts in
one line) and returns a value, or None when the text does not say. Every English word
they use is data in ``coach/language/en/*.yaml``; sessions and durations have one reader
(``coach.language.durations``), days one (``coach.language.days``), equipment one
(``coach.language.equipment``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from functools import cache
from typing import Literal

from rapidfuzz import fuzz, process

from coach.language import body, corrections, durations
from coach.language import days as _days
from coach.language.equipment import equipment_words, mentions
from coach.language.equipment import read_equipment as _read_equipment
from coach.language.lexicon import alternation, entry, normalise, pattern, strip_symbols
from coach.language.negation import is_negated
from coach.language.plans import PlannedRun, parse_weekly_plan
from coach.language.typos import correct
from coach.language.zones import parse_timezone

Answer = Literal["yes", "no", "skip"]
CheckinStatus = Literal["done", "missed", "swapped", "pain"]
MessageIntent = Literal[
    "missed_run", "pain", "plan_question", "article_question", "profile_update", "done",
    "greeting", "thanks", "other",
]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Plan = Mapping[int, tuple[str, int]]


@dataclass(frozen=True, slots=True)
class SessionReading:
    """A session the text refers to. ``kind``/``minutes`` are None when not said;
    ``from_plan`` is True when they were taken from the athlete's plan for ``day``."""

    kind: str | None
    minutes: int | None
    day: date | None = None
    from_plan: bool = False
    reps: int | None = None
    work_minutes: float | None = None
    rest_minutes: float | None = None
    available_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class PainReading:
    score: int | None
    sites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Preferences:
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoalReading:
    """``goal`` is the distance when one is named ("marathon"), else the text; ``words``
    is the athlete's own wording with the date cut out ("Berlin marathon on")."""

    goal: str | None
    race_date: date | None
    words: str | None = None
    # The race named ("half marathon", "trail 50k"), if any, and whether the athlete said
    # it has no date yet ("tbc", "no date yet"): a goal, not a refusal, and no date to ask.
    race: str | None = None
    no_date_yet: bool = False
    # The date stands for a month said without a day ("end of june", "mid-march"): one
    # day by convention (days.yaml ``month_parts``), so the date is not asked again.
    race_date_approximate: bool = False


@dataclass(frozen=True, slots=True)
class MessageReading:
    """What a free message is about. ``update`` holds profile corrections such as
    ``{"long_run_minutes": 150}``, ``{"equipment_add": ["indoor_bike"]}``,
    ``{"race_date": date(...)}``, ``{"injuries_remove": ["achilles"]}``,
    ``{"plan_weeks": 20}``, ``{"goal": "half marathon"}``, ``{"timezone": "Europe/Berlin"}``;
    ``plan_set`` rows replace the week, or with ``plan_partial`` only their days."""

    intent: MessageIntent
    session: SessionReading | None = None
    day: date | None = None
    pain: PainReading | None = None
    update: dict[str, object] = field(default_factory=dict)


# --- durations, days, sessions -------------------------------------------------------------


def read_duration(text: str) -> int | None:
    """Minutes in "2h30", "2.5 hrs", "1:45", "90'", "45min", "an hour"; None if none."""
    return durations.read_duration(text)


def read_day(text: str, *, today: date, direction: _days.Direction = "past") -> date | None:
    """The day meant by "yesterday", "last night", "on Tuesday" (the last one), "dec 18",
    "in three weeks"; None when the text names no day. ``direction="future"`` reads
    weekdays and yearless dates forward (plans, races)."""
    return _days.read_day(correct(normalise(text)), today=today, direction=direction)


@cache
def _possessive_minutes() -> re.Pattern[str]:
    days = "|".join(entry("sessions", "day_possessive"))
    return re.compile(rf"(?<![\w'])(?:{days})'?s\s+(\d{{2,3}})"
                      r"(?![\w/.:']|\s*(?:k|km|mi|x|/|miles?)\b)")


def _plan_day_of_kind(kind: str, plan: Plan, today: date, direction: str) -> date | None:
    """The day (today first) whose planned session is ``kind``: the most recent one
    ("past"), the next one ("future") or the closer of the two ("nearest")."""
    if direction == "nearest":
        offsets = [0, *(o for d in range(1, 7) for o in (d, -d))]
    else:
        offsets = [0, *(-d if direction == "past" else d for d in range(1, 7))]
        offsets += [-o for o in offsets[1:]]
    for offset in offsets:
        day = today + timedelta(days=offset)
        entry_ = plan.get(day.weekday())
        if entry_ and entry_[0] == kind:
            return day
    return None


def read_session(
    text: str,
    *,
    today: date,
    plan: Plan | None = None,
    direction: _days.Direction = "past",
    default_today: bool = False,
    prefer_plan_minutes: bool = False,
    today_first: bool = False,
) -> SessionReading | None:
    """The session a message refers to: "my long run" is the plan's long run (kind from
    the text, minutes and day from the plan); "today's run", "yesterday's", "tuesday's"
    are those days' entries; explicit minutes in the text win (time the athlete merely
    has, "only 25 min", is ``available_minutes``). None when the text names no session
    and no day. ``default_today``: with no day said, the session is today's."""
    lowered = correct(normalise(text))
    words = durations.read_session_words(lowered)
    # "missed tue's easy run.. actually no it was wed, the tempo": the session corrected
    # is the one the correction names.
    fixed = _days.corrected_part(lowered)
    if fixed is not None and durations.read_kind(fixed) is not None:
        words = durations.read_session_words(fixed)
    # "taking today off" misses a session; it does not name a rest day's.
    kind = words.kind if words.kind != "rest" or not plan else None
    minutes = words.minutes
    at = durations.kind_position(lowered)
    day_said = read_day(lowered, today=today, direction=direction) if at is None else (
        _days.read_day_near(lowered, at, today=today, direction=direction))
    if minutes is None and day_said is not None:
        bare = _possessive_minutes().search(lowered)
        if bare and 10 <= int(bare.group(1)) <= durations.MAX_MINUTES:
            minutes = int(bare.group(1))
    if kind is None and minutes is None and day_said is None and not durations.names_a_run(
            lowered) and not default_today:
        return None
    # ``today_first``: with no day said, the session is today's even if the plan has
    # that kind on another day (a run just done).
    day = day_said
    if day is not None and plan and kind is not None and _days.says_weekend(lowered):
        # "my long one at the weekend": the weekend's day with that kind in the plan.
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)
        weekend = [saturday, saturday + timedelta(days=1)]
        day = next((d for d in weekend if (plan.get(d.weekday()) or ("", 0))[0] == kind), day)
    elif day is not None and plan and kind is None and _days.says_weekend(lowered):
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)
        runs = [d for d in (saturday, saturday + timedelta(days=1))
                if (plan.get(d.weekday()) or ("rest", 0))[0] != "rest"]
        day = runs[0] if len(runs) == 1 else day
    from_plan = False
    if day is None and plan and kind is None and pattern("messages", "next_run").search(lowered):
        # "skipping my next run": the next day after today the plan has a run on.
        day = next((today + timedelta(days=o) for o in range(1, 8)
                    if (plan.get((today + timedelta(days=o)).weekday()) or ("rest", 0))[0]
                    != "rest"), None)
    if day is None and today_first:
        day = today
    if day is None and kind is not None and plan:
        day = _plan_day_of_kind(kind, plan, today, direction)
    if day is None and default_today:
        day = today
    planned = plan.get(day.weekday()) if plan and day else None
    if planned and planned[0] != "rest":
        planned_kind, planned_minutes = planned
        if kind is None or kind == planned_kind or (kind == "easy" and planned_kind in (
                "recovery", "long")):
            if kind is None:
                kind = planned_kind
                from_plan = True
            if kind == planned_kind and (minutes is None or prefer_plan_minutes):
                minutes = planned_minutes
                from_plan = True
            elif kind == planned_kind and _rounds_the_plan(lowered, minutes, planned_minutes):
                minutes = planned_minutes  # "was meant to be an hour and a bit": the plan's
                from_plan = True
    if kind == "rest":
        minutes = 0
    if kind is None and minutes is None and day is None:
        return None
    return SessionReading(
        kind=kind, minutes=minutes, day=day, from_plan=from_plan, reps=words.reps,
        work_minutes=words.work_minutes, rest_minutes=words.rest_minutes,
        available_minutes=words.available_minutes,
    )


def _rounds_the_plan(lowered: str, said: int | None, planned: int) -> bool:
    """The length said is the plan's, told roughly: said as what the run was meant to be
    ("was meant to be an hour and a bit", "supposed to be about 50") and within
    ``ROUGH_MINUTES`` of the plan's."""
    return said is not None and abs(said - planned) <= ROUGH_MINUTES and bool(
        pattern("sessions", "planned_length").search(lowered)) and bool(
        pattern("sessions", "rough_length").search(lowered))


# A length told roughly differs from the plan's by at most this much.
ROUGH_MINUTES = 15


# --- names ---------------------------------------------------------------------------------


def read_name(text: str) -> str:
    """The name in an answer to "what should I call you?": "it's Mia" -> "Mia",
    "sam here" -> "sam", "call me jo" -> "jo", "Mary Ann" -> "Mary Ann" (spelt as they
    spell it).

    The words around a name (``names.yaml``) are dropped unless nothing else is left;
    after the first word, capitalised words are the name; in an all-lower-case answer of
    three words or more, the last.
    """
    plain = strip_symbols(text)
    without = re.sub(alternation(entry("names", "filler")), " ", plain, flags=re.IGNORECASE)
    if re.search(r"\w", without):
        plain = without
    words = [word.strip(".,!?") for word in plain.split()]
    words = [word for word in words if word and "'" not in word and "’" not in word]
    if not words:
        return " ".join(text.split())[:60]
    later_caps = [word for word in words[1:] if word[:1].isupper()]
    if later_caps and not words[0][:1].isupper():
        chosen = later_caps
    elif words[0][:1].isupper():
        chosen = [words[0], *[w for w in words[1:] if w[:1].isupper()]]
    elif 3 <= len(words) <= 5 and all(word.isalpha() for word in words):
        chosen = words[-1:]
    else:
        chosen = words
    return " ".join(chosen)[:60]


# --- yes, no, skip, none -------------------------------------------------------------------

_EMOJI_OR_PUNCT = re.compile(r"[^\w\s'/+-]")


def _bare(text: str) -> str:
    return " ".join(_EMOJI_OR_PUNCT.sub(" ", normalise(text)).split())


def read_answer(text: str) -> Answer | None:
    """"yes ok", "sure 👍" -> yes; "nah", "rather not" -> no; "skip", "maybe later" -> skip;
    None when the text is not an answer ("is it private?")."""
    lowered = normalise(text)
    if not lowered:
        return None
    if pattern("answers", "yes_first").search(lowered):
        return "yes"
    # "ok but don't share it w anyone": a yes with a condition is a yes ("ok but no" is not).
    condition = re.search(rf"^(.*?)[\s,]+{alternation(entry('answers', 'condition'))}\s", lowered)
    if condition and read_answer(condition.group(1)) == "yes":
        rest = lowered[condition.end():]
        if read_answer(rest) != "no" or len(rest.split()) > 2:
            return "yes"
    # "hmm not really", "umm yeah ok": a sound of hesitation before a clear answer.
    opener = re.compile(rf"^(?:{alternation(entry('answers', 'hesitation'))}[\s,.!…]*)+")
    if opener.match(lowered) and opener.sub("", lowered).strip():
        return read_answer(opener.sub("", lowered))
    if pattern("answers", "skip").search(lowered):
        return "skip"
    if pattern("answers", "unsure").search(lowered):
        return None
    if pattern("answers", "no").search(lowered) or any(
            e in lowered for e in entry("answers", "no_emoji")) or (
            pattern("answers", "no_learners").search(lowered)):
        return "no"
    if pattern("answers", "yes").search(lowered) or pattern(
            "answers", "yes_learners").search(lowered) or any(
            e in text for e in entry("answers", "yes") if not e.isascii()):
        return "yes"
    return None


@cache
def _filler() -> re.Pattern[str]:
    return re.compile(alternation(entry("answers", "filler")))


@cache
def _none_words() -> re.Pattern[str]:
    return re.compile(alternation(entry("answers", "none")))


def is_none_answer(text: str) -> bool:
    """"none", "nothing", "nope", "n/a", "none rn", "zip, nada" mean: nothing to report;
    so does an injury said to be over ("had a stress fracture last spring, all healed
    now") when nothing is said to hurt now."""
    lowered = _fine_parts().sub("none", normalise(text))
    downplay = pattern("answers", "downplay").match(lowered)
    if downplay and _sore_part_named(lowered[downplay.end():]):
        return False  # "nothing major - the calf tightens on long runs": told anyway
    if complaints_beside_healed(normalise(text)):
        return False  # "old achilles thing, healed now. bunions lol": bunions are told
    if pattern("body", "healed_now").search(lowered) and not pattern(
            "body", "hurts_now").search(lowered) and not body.still_planned_around(lowered):
        return True
    if pattern("answers", "nothing_specific").search(lowered) and body.pain_score(
            lowered) is None and not pattern("body", "injury_types").search(lowered) and not (
            _sore_part_named(lowered)):
        return True
    parts = [_bare(p) for p in re.split(r"[,;]|\.(?:\s|$)|\band\b", lowered)]
    parts = [p for p in parts if p]
    # "none currently, had shin splints in 2023": none now, and the rest only past.
    now_none = [p for p in parts if _none_words().search(p) and pattern(
        "answers", "now_words").search(p) and not _filler().sub(
        " ", pattern("answers", "now_words").sub(" ", _none_words().sub(" ", p))).strip()]
    # "no injury now. some times the calf is hard after long run": a part said to hurt
    # beside the "none" is told anyway.
    if now_none and not any(pattern("body", "hurts_now").search(p) for p in parts) and (
            body.pain_score(lowered) is None) and not any(
            _sore_part_named(p) for p in parts if p not in now_none):
        return True
    if not parts:
        return text.strip() in ("-", "—", "0")
    said_none = False
    for part in parts:
        # Each part is "none" words and filler only: "none that i know of", "nothing at
        # the moment, knock on wood"; any other word ("knee") is something to report.
        rest = _none_words().sub(" ", part)
        said_none = said_none or rest != part
        if _filler().sub(" ", rest).strip():
            return False
    return said_none


@cache
def _beside_healed_filler() -> re.Pattern[str]:
    """Filler, and remarks beside a healed injury that tell nothing ("ages ago")."""
    return re.compile(alternation([*entry("answers", "filler"),
                                   *entry("body", "beside_healed_filler")]))


def complaints_beside_healed(lowered: str) -> list[str]:
    """Where an injury is said to be over, the clauses that tell something else now
    ("old achilles thing, healed now. bunions lol" -> ["bunions"]): a clause neither
    healed nor the injury a healed clause speaks of, naming a body part not denied, a
    condition, or, alone, one word of its own. Remarks ("ages ago", "thanks") name none."""
    healed = pattern("body", "healed_now")
    if not healed.search(lowered):
        return []
    # Clauses, and things added inside one ("all good now + bunions").
    clauses = [piece for a, b in body.clause_spans(lowered)
               for piece in re.split(r"\s(?:\+|&|plus|also|oh and)\s", lowered[a:b])
               if piece.strip()]
    pieces: list[str] = []
    for index, clause in enumerate(clauses):
        if healed.search(clause):
            continue
        # The clause just before a healed one is the injury it speaks of ("knee was bad
        # last year, fine now").
        before_healed = index + 1 < len(clauses) and bool(healed.search(clauses[index + 1]))
        if before_healed and (body.sites(clause, negated_too=True)
                              or _names_a_condition(clause)):
            continue
        pieces.append(clause)
    told: list[str] = []
    remark = pattern("body", "injury_description")
    for piece in pieces:
        rest = " ".join(_beside_healed_filler().sub(" ", _bare(piece)).split())
        if not rest or _none_words().fullmatch(rest) or acknowledges(rest):
            continue
        if body.sites(rest) or _names_a_condition(rest) or (
                len(rest.split()) == 1 and len(rest) >= 4 and not remark.search(rest)):
            told.append(rest)
    return told


@cache
def _fine_parts() -> re.Pattern[str]:
    """A part said to be fine or free of pain ("no knee pain", "knees are fine"): a none."""
    phrases = [p.replace("<part>", body.part_fragment()) for p in entry("answers", "fine_part")]
    return re.compile(alternation(phrases))


def _sore_part_named(lowered: str) -> bool:
    """"sore lower back on and off, nothing serious": a part said to hurt is an injury to
    note, however lightly the athlete plays it down ("knees creaky, nothing serious" is
    not: creaking is no hurt)."""
    hurts, stiff = pattern("body", "hurts_now"), pattern("body", "stiff")
    for start, end in body.clause_spans(lowered):
        clause = lowered[start:end]
        if body.sites(clause) and (hurts.search(clause) or stiff.search(clause)) and not pattern(
                "answers", "nothing_specific").search(clause):
            return True
    return False


# --- pain ----------------------------------------------------------------------------------


def read_pain(text: str) -> PainReading:
    """"left knee, like a 6" -> score 6, sites ("left knee",). A score is never a site.
    A site or score corrected in the message ("left calf 5/10, sorry, right calf") is the
    one said after the correction."""
    lowered = correct(normalise(text))
    reading = _read_pain(lowered)
    halves = corrections.split(lowered)
    if halves is None:
        return reading
    before, after = (_read_pain(half) for half in halves)
    sites = reading.sites
    if before.sites and after.sites:
        sites = after.sites
    elif len(before.sites) == 1 and (side := _side_only(after_text := halves[1])):
        # "left hamstring 6/10, sorry, the right one": the same part on the other side.
        said = before.sites[0]
        other = next((s for s, _ in body.sides() if said.startswith(s + " ")), None)
        if other is not None and other != side and not body.current_sites(after_text):
            sites = (side + said[len(other):],)
    score = reading.score
    if before.score is not None and after.score is not None:
        score = after.score
    return PainReading(score=score, sites=sites)


def _side_only(part: str) -> str | None:
    """The one side a part names ("the right one"), or None."""
    said = {side for side, regex in body.sides() if regex.search(part)}
    return said.pop() if len(said) == 1 else None


def _read_pain(lowered: str) -> PainReading:
    score = body.pain_score(lowered)
    found = body.current_sites(lowered)
    starts = {start for _, start in found}
    # "R knee", "calf (R)", "knee r" are sides; "my knees r old" says "are".
    sides = [(side, m.start()) for side, regex in body.sides() for m in regex.finditer(lowered)
             if len(m.group(0)) > 1 or any(m.end() <= s <= m.end() + 2 for s in starts)
             or re.match(r"\s*(?:\)|$|[,.;]|side\b|leg\b|foot\b)", lowered[m.end():])
             or lowered[:m.start()].rstrip().endswith("(")]
    named: list[str] = []
    regions: dict[str, str] = entry("body", "regions")
    kinds = pattern("body", "injury_types")
    named_with: dict[str, list[str]] = entry("body", "named_with")
    labels = [label for label, _ in found]

    # "IT band on the right + plantar fasciitis left foot": a side said in a part's own
    # clause is its side, however near another clause's side stands.
    breaks = [0, *(m.end() for m in re.finditer(r"[,;+&/]|\band\b|\bplus\b", lowered)),
              len(lowered) + 1]

    both = pattern("body", "both_sides")

    def side_at(start: int) -> str | None:
        clause = next(((a, b) for a, b in itertools.pairwise(breaks)
                       if a <= start < b), (0, len(lowered)))
        own = [s for s in sides if clause[0] <= s[1] < clause[1]]
        if not own and both.search(lowered[clause[0]:clause[1]]):
            return None  # "shin splints both legs and a dodgy left knee": no one side
        if len({s for s, _ in sides}) == 1:
            return sides[0][0]
        return min(own or sides, key=lambda s: abs(s[1] - start))[0] if sides else None

    for label, start in found:
        side = side_at(start)
        # "stress fracture in my left foot" -> "left foot stress fracture";
        # "plantar fasciitis" -> "foot plantar fasciitis"; "left knee ITB" -> "left knee
        # it band" (the knee alone is then no second injury).
        region = next((part for part in named_with.get(label, ()) if part in labels
                       and side_at(dict(found)[part]) == side), None) or regions.get(label)
        words = [w for w in (side, region if region and region not in label else None, label)
                 if w]
        # The kind of injury stands right beside the part ("achilles tendinitis",
        # "stress fracture in my left foot"), not further on ("dodgy from an old sprain").
        told = [(m.start(), m.end(), m.group(0)) for m in kinds.finditer(lowered)]
        # "pulled my hamstring", "knees replaced": the verb names the kind.
        told += [(m.start(), m.end(), noun) for noun, verbs in body.injury_verbs()
                 for m in verbs.finditer(lowered)]
        for kind_start, kind_end, kind in sorted(told, key=lambda k: abs(k[0] - start)):
            between = lowered[kind_end:start] if kind_start < start else lowered[
                start:kind_start]
            if len(between.split()) <= 3 and not re.search(r"[,;.!?]", between) and (
                    kind not in label) and kind not in words:
                words.append(kind)
                break
        named.append(" ".join(words))
    # "plantar fasciitis right foot": the foot is already in "right foot plantar fasciitis".
    named = [n for n in dict.fromkeys(named) if not any(
        other != n and set(n.split()) < set(other.split()) for other in named)]
    return PainReading(score=score, sites=tuple(named))


# --- injuries named in an answer, with a score beside them -------------------------------


def list_parts(text: str) -> list[str]:
    """The items of an answer split at commas, semicolons and new lines."""
    return [part.strip() for part in re.split(r"[,;\n]+", text) if part.strip()]


# An injury answer part longer than this that names a body part describes it.
DESCRIPTION_WORDS = 5
_OUT_OF_TEN = re.compile(r"(?<![\d.])(10|\d)(?:\.\d)?\s*/\s*10\b")


def _score_in(text: str) -> int | None:
    """A pain score written as a number ("4/10", "like a 4")."""
    return read_pain(text).score if re.search(r"\d", text) else None


def _without_score(part: str) -> str:
    """A fragment with its "4/10" and the short words leading to it cut off ("achilles is
    like a 4/10" -> "achilles"); the first word always stays."""
    found = _OUT_OF_TEN.search(part)
    if found is None:
        return part.strip()
    words = part[:found.start()].split()
    # A short body part ("left knee 3/10", "hip") is the injury, not a word leading in.
    while len(words) > 1 and len(words[-1]) <= 4 and not body.sites(words[-1]):
        words.pop()
    return " ".join(words)


_SMALL_NUMBER = re.compile(r"(?<![\w.,/])(10|\d)(?![\w.,/])")


def _part_score(part: str) -> int | None:
    """The score a fragment gives when a score is all it gives ("like 3", "like a 6/10",
    "10"): no body part, and no word longer than four letters beside the number."""
    if read_pain(part).sites:
        return None
    # "about a 3 most mornings": a score and when it is felt, no injury.
    said = body.pain_score(correct(normalise(part)))
    if said is not None and not _OUT_OF_TEN.search(part) and pattern(
            "body", "when_felt").search(normalise(part)):
        return said
    if _OUT_OF_TEN.search(part):
        rest = _without_score(part)
        found = _OUT_OF_TEN.search(part)
        assert found is not None
        return int(found.group(1)) if all(len(w) <= 4 for w in rest.split()) else None
    number = _SMALL_NUMBER.search(part)
    if number is None:
        return None
    rest = _SMALL_NUMBER.sub(" ", part)
    if not all(len(w) <= 4 for w in rest.split()):
        return None
    # "1-2 out of 10": a range is read as the score reader reads it (its upper end).
    said = body.pain_score(correct(normalise(part)))
    return said if said is not None else int(number.group(1))


def _is_score_part(part: str) -> bool:
    return _part_score(part) is not None or re.fullmatch(r"[\d\s/.,]+", part) is not None


# Where a "none" ends and a remark begins: a sentence's end, a comma, "but".
_NONE_THEN_REMARK = re.compile(r"[.!;]+\s+|,\s*|\s+(?:but|just|only)\s+")


def read_injuries(text: str) -> tuple[list[str], int | None]:
    """The injuries named in an answer and a pain score given with them: a score is a
    score, never an injury ("left knee sore, like 3, 10" is one injury, score 3)."""
    lowered = correct(normalise(text))
    told = complaints_beside_healed(lowered)
    if told:
        # "old achilles thing, healed now. bunions lol": what is told beside the healed
        # injury, body parts named as the body reader names them.
        names = [", ".join(read_pain(c).sites) if body.sites(c) else c for c in told]
        return names, read_pain(text).score
    if body.healed_spans(lowered):
        # "calf strain last spring, fine since. right hip sore lately": the current injury
        # only, named as the body reader names it.
        pain = read_pain(text)
        return list(pain.sites), pain.score
    # "no injury. only some stiffness in the morning, normal at my age": nothing, then a
    # remark that names no body part, is nothing to plan around.
    clauses = [c for c in _NONE_THEN_REMARK.split(lowered) if c.strip()]
    if (len(clauses) > 1 and is_none_answer(clauses[0])
            and not any(body.sites(clause) for clause in clauses[1:])):
        return [], _score_in(text)
    # "nothing really, knee gets a bit niggly now and then": played down, then told.
    downplay = pattern("answers", "downplay").match(lowered)
    if downplay and body.sites(lowered[downplay.end():]):
        text = lowered = lowered[downplay.end():]
    # "Arthritis in my right knee. Sometimes stiff in the morning": sentences are parts.
    parts = [piece for part in list_parts(text)
             for piece in re.split(r"(?<=[^\W\d])\.\s+", part) if piece.strip(" .")]
    # "nothing now, my hamstring is sore on long runs": the "nothing" is no injury name.
    if len(parts) > 1 and any(body.sites(part) for part in parts):
        parts = [part for part in parts if body.sites(part) or not is_none_answer(part)]
    names = [_without_score(part) for part in parts if not _is_score_part(part)]
    # "knee gets a bit niggly now and then": a sentence about a part notes the part, as
    # the pain reader names it, not the whole sentence.
    names = [", ".join(sites) if _describes(name) and (
        sites := read_pain(name).sites) else name for name in names]
    if not names:
        # Only short fragments with numbers ("knee 5/10", "left hip 6"): the words are
        # the injury, the number its score.
        names = [_SMALL_NUMBER.sub(" ", _without_score(part)).strip() for part in parts]
        names = [" ".join(name.split()) for name in names if re.search(r"[^\W\d]{3}", name)]
    scores = [score for part in parts if (score := _part_score(part)) is not None]
    # Spelt as the lexicon spells body parts: "left achiles" is the left achilles.
    names = _tidy_injury_names([correct(normalise(name)) for name in names])
    # "achilles right side, pain since 3 days, maybe 4 of 10": beside a named body part,
    # a part that only says how it hurts is no injury ("left knee, anemia" keeps both).
    if any(body.sites(name) for name in names):
        describes = pattern("body", "injury_description")
        names = [name for name in names if body.sites(name) or not describes.search(name)]
        # "..., it is manageable", "..., fine for a year now": beside a named body part,
        # a part of words naming no part, injury or condition is a remark about it, not an
        # injury; a single word the lexicon lacks ("bunions", "shingles") is kept.
        names = [name for name in names if body.sites(name) or _names_a_condition(name)
                 or len(name.split()) < 2]
    return [name.strip(" .") for name in names if name.strip(" .")], (
        scores[0] if scores else _score_in(text))


def _tidy_injury_names(names: list[str]) -> list[str]:
    """Each injury by its name: a part that only remarks on one ("managing it", "usually",
    "doc says rest") goes, as do such words inside a name; a part telling only a side
    ("right side", "(L)") is the side of the injury before it; a side said after the
    injury ("hip bursitis R", "ankle pain (left)") goes before it; a condition told in a
    sentence ("i have asthma") is the condition."""
    remarks, side_only = pattern("body", "injury_remarks"), pattern("body", "side_only")
    lead_in = re.compile(r"^" + alternation(entry("body", "condition_lead_in")) + r"\s+")
    tidy: list[str] = []
    for name in names:
        bare = " ".join(remarks.sub(" ", name).split()).strip(" .,;:!-~")
        bare = bare.removesuffix("(").removeprefix(")").strip()
        if not re.search(r"[^\W\d]{2}", bare) and not side_only.fullmatch(bare):
            continue  # "usually 1-2", "managing it": a remark, no injury
        if not (body.sites(bare) or _names_a_condition(bare)):
            # "still niggles": what is left names nothing; the words as said are judged
            # beside the other parts, as before.
            bare = name
        said_side = _side_told_alone(bare)
        if said_side is not None:
            if tidy and _side_only(tidy[-1]) is None:
                tidy[-1] = f"{said_side} {tidy[-1]}"
            continue
        if tidy and (joined := _part_of_the_injury_before(tidy[-1], bare)):
            tidy[-1] = joined  # "plantar fasciitis, right foot"
            continue
        if _names_a_condition(bare) and not body.sites(bare):
            bare = lead_in.sub("", bare)
        tidy.append(_side_first(bare))
    return tidy


def _side_told_alone(part: str) -> str | None:
    """"right side", "(l)", "on the left": the side a part tells when it tells nothing
    else."""
    if not pattern("body", "side_only").fullmatch(part.strip(" ()")):
        return None
    return _side_only(part)


def _part_of_the_injury_before(before: str, part: str) -> str | None:
    """"plantar fasciitis" then "right foot": a part naming only a side and the body part
    an injury named just before lies in, read with it as one injury."""
    if _side_only(part) is None or len(part.split()) > 3:
        return None
    own = read_pain(part).sites
    joined = read_pain(f"{before}, {part}").sites
    if len(own) == 1 and len(joined) == 1 and set(own[0].split()) < set(joined[0].split()):
        return joined[0]
    return None


def _side_first(name: str) -> str:
    """"hip bursitis r", "ankle pain (left)", "calf strain on the right": the side said
    after an injury goes before it ("right hip bursitis")."""
    sides = "|".join(word for _, regex in body.sides() for word in [regex.pattern])
    found = re.search(rf"\s*(?:\(\s*({sides})\s*\)?|(?:on (?:my |the )?)?({sides})(?: side)?\s*$)",
                      name)
    if found is None or found.start() == 0:
        return name
    side = _side_only(found.group(0))
    rest = " ".join((name[:found.start()] + " " + name[found.end():]).split()).strip(" (")
    if side is None or _side_only(rest) is not None or not (
            body.sites(rest) or pattern("body", "injury_types").search(rest)):
        return name
    return f"{side} {rest}"


def _names_a_condition(part: str) -> bool:
    """"anemia", "stress fracture", "asthma": a health condition with no body part."""
    return any(pattern("body", key).search(part) for key in ("injury_types", "health_words"))


def _describes(part: str) -> bool:
    """A part of an injury answer that tells about the injury rather than names it: long,
    or saying when it is felt ("right shin aches after speedwork"); "left achilles a bit
    sore" names it."""
    return len(part.split()) > DESCRIPTION_WORDS or bool(
        pattern("body", "when_felt").search(normalise(part))) or bool(
        pattern("body", "felt_after").search(normalise(part)))


def _scores_a_part(clause: str) -> bool:
    """"my right achilles is like a 3": a body part given a score reports pain."""
    pain = read_pain(clause)
    return pain.score is not None and bool(pain.sites)


def _told_pain(statements: list[str]) -> bool:
    """Pain reported in the statements of a message: a clause that says it hurts or
    scores a part, or a part and its score told in clauses of their own ("quads destroyed
    from the downhill reps, 3/10 soreness")."""
    if any(_reports_pain(c) or _scores_a_part(c) for c in statements):
        return True
    return _scores_a_part(" . ".join(statements))


def _asks_leave(questions: list[str]) -> bool:
    """Every question asks only whether going on is all right or what is felt is normal
    ("is running tomorrow ok", "should i still go out", "just doms right"), which the
    pain report answers first."""
    leave = pattern("messages", "asks_leave")
    return bool(questions) and all(leave.search(c) for c in questions)


def _reports_pain(lowered: str) -> bool:
    # "calves sore but normal doms": soreness said to be the usual kind is no pain report,
    # unless it is scored.
    if pattern("body", "benign_soreness").search(lowered) and body.pain_score(lowered) is None:
        return False
    words = pattern("body", "pain_words")
    return bool(body.sites(lowered)) and any(
        not is_negated(lowered, m.start(), m.end()) for m in words.finditer(lowered))


# --- likes and dislikes, equipment ---------------------------------------------------------


@cache
def _activity_aliases() -> tuple[tuple[str, str], ...]:
    """(phrase, activity id), longest phrase first; the catalogue's names and aliases plus
    the language's extra words."""
    from coach.catalogue import load_catalogue

    pairs: list[tuple[str, str]] = []
    extra: dict[str, list[str]] = entry("activities", "aliases")
    running: frozenset[str] = frozenset(entry("activities", "running_words"))
    for activity in load_catalogue().activities:
        pairs += [(phrase, activity.id) for phrase in extra.get(activity.id, [])]
        if activity.family == "running":
            # Running itself is not a cross-training like: "I just want to run".
            pairs += [(re.escape(normalise(p)), activity.id) for p in activity.aliases
                      if normalise(p) not in running]
            continue
        # The catalogue's words are plain text; the language's are pattern fragments.
        for phrase in (activity.id.replace("_", " "), activity.name.lower(), *activity.aliases):
            pairs.append((re.escape(normalise(phrase)), activity.id))
    # "nordic walking": an activity with no id, matched before the word it holds, read as
    # none ("" is dropped by ``_activities_in``).
    pairs += [(phrase, "") for phrase in entry("activities", "uncatalogued")]
    return tuple(sorted(dict.fromkeys(pairs), key=lambda pair: -len(pair[0])))


@cache
def _place_of() -> re.Pattern[str]:
    words = "|".join(entry("activities", "place_of"))
    return re.compile(rf"\b(?:{words})\s+(?:(?:my|the|our|a|local)\s+)+$")


@cache
def _compiled(fragment: str) -> re.Pattern[str]:
    return re.compile(alternation([fragment]))


@cache
def _families() -> dict[str, str]:
    from coach.catalogue import load_catalogue

    return {activity.id: activity.family for activity in load_catalogue().activities}


def _family(activity: str) -> str:
    """The catalogue family of an activity ("running" for a treadmill run)."""
    return _families().get(activity, "")


def _activities_in(clause: str, *, every: bool) -> list[str]:
    found: list[tuple[int, str]] = []
    remaining = clause
    place = _place_of()
    spans: list[tuple[int, int]] = []
    for phrase, activity in _activity_aliases():
        regex = _compiled(phrase)
        match = regex.search(clause if every else remaining)
        # "versa climber at my gym", "incline walking on the treadmill": the gym or the
        # treadmill is where it is, once something else is named.
        if match and found and place.search(clause[:match.start()]):
            continue
        # "pool running" is no "pool" as well; "cycling" may be several activities.
        if match and every and any(s <= match.start() and match.end() <= e
                                   and (s, e) != match.span() for s, e in spans):
            continue
        if match and (every or not any(a == activity for _, a in found)):
            if not every and any(start == match.start() for start, _ in found):
                continue
            found.append((match.start(), activity))
            spans.append(match.span())
            if not every:
                remaining = remaining[:match.start()] + " " * len(match.group(0)) + \
                    remaining[match.end():]
    known = {p for p, _ in _activity_aliases()}
    # Typos: "swiming", "ellipitcal".
    for word in re.findall(r"[a-z]{5,}", remaining if not every else clause):
        if word not in known and not any(word in p for p in known):
            plain = {p.replace("\\", ""): a for p, a in _activity_aliases()}
            best = process.extractOne(word, list(plain), scorer=fuzz.ratio, score_cutoff=85)
            if best:
                found.append((clause.find(word), plain[best[0]]))
    return list(dict.fromkeys(a for _, a in sorted(found) if a))


def read_activities(text: str) -> Preferences:
    """"cycling I guess, not a fan of swimming" -> likes road cycling, dislikes swimming;
    ids are the catalogue's (knowledge/activities.yaml)."""
    lowered = correct(normalise(text))
    lowered = re.sub(r"\b(?:anything|everything) (?:but|except)\b", "not", lowered)
    # "pool running?", "is the elliptical any good?": a question about an activity says
    # nothing of liking it (unless it says so: "i love swimming, is that ok?").
    like_cue = re.compile(
        f"{pattern('activities', 'like_it').pattern}|{pattern('activities', 'dislike').pattern}"
        f"|{pattern('activities', 'dislike_it').pattern}")
    hedge = pattern("activities", "hedge")
    lowered = re.sub(r"[^.!?,;\n]*\?+", lambda asked: asked.group(0) if like_cue.search(
        asked.group(0)) or hedge.search(asked.group(0)) else " ", lowered)
    # A thumb or a cross closes what it is said of: "cycling 👍 swimming 👎"; so does a
    # yes said after it: "swim yes rower no".
    # In such a list of verdicts a no closes its item too: "rower no swim yes".
    verdicts = r"|(?<=\w yes)\s|(?<=\w yep)\s|(?<=\w yeah)\s"
    if re.search(r"\w (?:yes|yep|yeah)\b", lowered):
        verdicts += r"|(?<=\w no)\s|(?<=\w nah)\s|(?<=\w nope)\s"
    # An emoji verdict of the lexicon closes its clause too ("spin 🤮 hiking yes").
    marks = "".join(dict.fromkeys("👍👎❌✅🚫" + "".join(
        e for key in ("like_it", "dislike_it") for e in entry("activities", key)
        if len(e) == 1 and not e.isascii())))
    clauses = re.split(rf"[,;.\n!?]|\bbut\b|\+|&|/|\bwhile\b|\bwhereas\b|(?<=[{marks}])"
                       + verdicts, lowered)
    dislike = pattern("activities", "dislike")
    like_it, dislike_it = pattern("activities", "like_it"), pattern("activities", "dislike_it")
    clauses = [part for clause in clauses for part in _split_at_turn(clause)]
    likes: list[str] = []
    dislikes: list[str] = []
    before: list[str] = []
    for clause in clauses:
        if not clause.strip():
            continue
        # "cycling makes my back ache": said of the activity in its own clause too.
        disliked = bool(dislike.search(clause)) or bool(
            dislike_it.search(clause) and not like_it.search(clause)) or (
            _blamed_for_a_part(clause) and not like_it.search(clause))
        said = _activities_in(clause, every=disliked)
        if not said and before and (like_it.search(clause) or dislike_it.search(clause)):
            # "versa climber is brutal but i kinda love it": "it" is what was just said.
            loved = bool(like_it.search(clause)) and not dislike_it.search(clause)
            for activity in before:
                for side in (likes, dislikes):
                    if activity in side:
                        side.remove(activity)
                (likes if loved else dislikes).append(activity)
            continue
        for activity in said:
            (dislikes if disliked else likes).append(activity)
        before = said or before
    _widen_to_groups(lowered, likes)
    _widen_to_groups(lowered, dislikes)
    _narrow_groups(clauses, likes)
    _narrow_groups(clauses, dislikes)
    likes = [a for a in dict.fromkeys(likes) if a not in dislikes]
    if "rest" in likes:
        likes.remove("rest")
    return Preferences(likes=tuple(likes), dislikes=tuple(dict.fromkeys(dislikes)))


@cache
def _no_choice() -> re.Pattern[str]:
    return re.compile(alternation([*entry("likes", "no_choice"), *entry("answers", "unsure"),
                                   *entry("answers", "hesitation")]))


def leaves_the_choice_open(part: str) -> bool:
    """"dunno", "idk lol", "not sure", "whatever", "up to you": a part of a likes answer
    that hedges or leaves the choice open, with nothing else in it, names no activity."""
    lowered = correct(normalise(strip_symbols(part))).strip(" .,!;:-")
    rest = _no_choice().sub(" ", lowered)
    return rest != lowered and not _filler().sub(" ", rest).strip(" .,!;:-")


def _split_at_turn(clause: str) -> list[str]:
    """"i like swimming no rowing please", "hate treadmills love hikes" (said without a
    comma): a feeling said of one activity and a cue of the other feeling before
    another activity are two clauses, in either order."""
    likes, dislikes = pattern("activities", "like"), pattern("activities", "dislike")
    for first, second in ((likes, dislikes), (dislikes, likes)):
        for cue in second.finditer(clause):
            head, tail = clause[:cue.start()], clause[cue.start():]
            if first.search(head) and _activities_in(head, every=False) and _activities_in(
                    tail[len(cue.group(0)):], every=True):
                return [head, *_split_at_turn(tail)]
    return [clause]


def _blamed_for_a_part(clause: str) -> bool:
    """An activity blamed for a body part in its clause ("plyos make my knees cranky",
    "elliptical gives me shin pain"): a verb of blame before the part named."""
    parts = body.sites(clause)
    if not parts:
        return False
    blame = pattern("activities", "blame_verbs")
    return any(blame.search(clause[:start]) for _, start in parts)


def _widen_to_groups(lowered: str, side: list[str]) -> None:
    """"strength work yes", "weights": a word for a kind of training means every activity
    of that kind, unless one of them is named on its own ("weights! i love leg day")."""
    groups: dict[str, list[str]] = entry("activities", "groups")
    for phrase, ids in groups.items():
        regex = _compiled(phrase)
        if not regex.search(lowered) or not any(a in side for a in ids):
            continue
        rest = regex.sub(lambda m: " " * len(m.group(0)), lowered)
        if any(a in ids for a in _activities_in(rest, every=True)):
            continue
        side += [a for a in ids if a not in side]


def _narrow_groups(clauses: list[str], side: list[str]) -> None:
    """"strength work is fine, core stuff mostly": a kind of training, then one of its
    activities said with a narrowing word, means that activity only."""
    groups: dict[str, list[str]] = entry("activities", "groups")
    narrowing = pattern("activities", "narrowing")
    for phrase, ids in groups.items():
        regex = _compiled(phrase)
        if not any(regex.search(clause) for clause in clauses):
            continue
        meant = {a for clause in clauses if narrowing.search(clause)
                 for a in _activities_in(regex.sub(lambda m: " " * len(m.group(0)), clause),
                                         every=True) if a in ids}
        if meant:
            side[:] = [a for a in side if a not in ids or a in meant]


def read_equipment(text: str) -> tuple[str, ...]:
    """The engine's equipment words in "pool, spin bike and a gym"; what they lack is left
    out ("no gym, just a treadmill")."""
    return _read_equipment(correct(normalise(text)))


# --- plan, goal, clock time ----------------------------------------------------------------


def read_plan(text: str) -> list[PlannedRun]:
    """The weekly plan in "Mon easy 40, Sat long 2h30"; ``PlanParseError`` (a ValueError
    saying what is wrong) when a part cannot be read."""
    return parse_weekly_plan(text)


def read_plan_and_aside(text: str) -> tuple[list[PlannedRun], str]:
    """The weekly plan, and whatever was said beside it about pain ("achilles is like a
    4/10"); ``PlanParseError`` when the plan itself cannot be read."""
    plan_parts, aside = [], []
    for part in list_parts(text):
        try:
            read_plan(part)
            plan_parts.append(part)
        except ValueError:
            aside.append(part)
    about_pain = all(_score_in(part) is not None or read_pain(part).sites for part in aside)
    try:
        # The reader passes over what a plan says about pain; the pain is still kept.
        return read_plan(text), ", ".join(aside) if about_pain else ""
    except ValueError as whole_error:
        if not plan_parts or not about_pain:
            raise whole_error from None
        return read_plan(", ".join(plan_parts)), ", ".join(aside)


@cache
def _goal_distances() -> tuple[tuple[str, re.Pattern[str]], ...]:
    table: dict[str, list[str]] = entry("goals", "distances")
    return tuple((label, re.compile(alternation(p))) for label, p in table.items())


def _goal_label(lowered: str) -> str | None:
    """The race a goal names: its distance ("half marathon", "10k"), "ultra" for more than
    a marathon ("50 miler" -> "50 mile ultra"), "trail" when said, or the distance of a
    known race ("Berlin" -> "marathon")."""
    labels: list[str] = []
    for distance_label, regex in _goal_distances():
        if regex.search(lowered):
            labels.append(distance_label)
            lowered = regex.sub(" ", lowered)
    other = re.search(entry("goals", "other_distance"), lowered)
    label: str | None = None
    if other:
        km = other.group(2).startswith("k")
        amount = int(other.group(1))
        distance = f"{amount}{'k' if km else ' mile'}"
        longer = amount * (1.0 if km else 1.609) > float(entry("goals", "marathon_km"))
        if "ultra" in labels or longer:
            label = f"{distance} ultra"
        elif not labels:
            label = distance
    numbered = [found for found in labels if found[0].isdigit()]
    if label is None and "ultra" in labels and numbered:
        label = f"{numbered[0]} ultra"  # "an ultra now, 50k in june"
    if label is None and labels:
        label = "half marathon" if "half marathon" in labels else labels[0]
        if label == "parkrun" and "5k" in labels:
            label = "5k parkrun"  # both said: both kept
    without_qualifier = pattern("goals", "qualifier").sub(" ", lowered)
    if label is None:
        label = next((distance for regex, _, distance in _known_races()
                      if regex.search(without_qualifier)), None)
    if label is None and without_qualifier != lowered:
        label = "marathon"  # only a marathon qualifies for Boston: "a BQ at Houston"
    terrain = pattern("goals", "terrain").search(lowered)
    if label and terrain and terrain.group(0) not in label:
        label = f"{terrain.group(0)} {label}"  # "trail 25k", "mountain 30k"
    return label


def read_goal(text: str, *, today: date) -> GoalReading:
    """"Berlin marathon on sept 27" -> goal "berlin marathon" and its date (either may be
    None): a race goal as a coach notes it (``_goal_summary``); a goal with no known
    distance is the text itself without filler. A race named and then corrected ("the
    half in may, no wait, the full in june") is the one after the correction."""
    text = _without_races_given_up(text, today=today)
    halves = corrections.split(normalise(text))
    if halves is not None and halves[0].strip():
        before, after = (read_goal_said(part, today=today) for part in halves)
        if before.race is not None and after.race is not None:
            # Of what follows the correction, the sentence naming the race ("no sorry my
            # wife runs that. i'm doing the osaka marathon"), so no aside joins the goal.
            named = [reading for sentence in re.split(r"[.!?;]+", halves[1])
                     if (reading := read_goal_said(sentence, today=today)).race is not None]
            goal = named[-1] if named else after
            # The date said only before the correction still holds ("... on may 3,
            # sorry, the half").
            dated = next((r for r in (goal, after, before) if r.race_date), goal)
            return replace(goal, race_date=dated.race_date,
                           race_date_approximate=dated.race_date_approximate)
        whole = read_goal_said(text, today=today)
        if before.race is not None and after.race is None and whole.race_date is not None \
                and whole.race_date != before.race_date:
            # "half marathon in march, the 15th i think. actually 22nd": only the date is
            # corrected; the goal is the race said before the cue, in its words.
            return replace(before, race_date=whole.race_date,
                           race_date_approximate=whole.race_date_approximate)
        return whole
    return read_goal_said(text, today=today)


def _without_races_given_up(text: str, *, today: date) -> str:
    """``text`` without the clauses that give a race up, when a later clause names another
    race or a date ("was gonna be valencia but thats done now lol. so barcelona in march,
    14th i think" -> "... so barcelona in march, 14th i think"); else ``text`` itself."""
    given_up = pattern("goals", "given_up")
    lowered = normalise(text)
    if len(lowered) != len(text) or not given_up.search(lowered):
        return text
    cuts = [0, *(m.start() for m in re.finditer(r"[.!?;]|\b(?:but|so)\b", lowered)),
            len(lowered)]
    spans = [(a, b) for a, b in itertools.pairwise(cuts) if lowered[a:b].strip(" .!?;")]
    dropped = [i for i, (a, b) in enumerate(spans) if given_up.search(lowered[a:b])]
    if not dropped:
        return text
    later = [lowered[a:b] for a, b in spans[dropped[-1] + 1:]]
    if not any(_goal_label(c) or _days.calendar_spans(c) or _days.month_date(c, today=today)
               for c in later if not given_up.search(c)):
        return text
    kept = text
    for i in reversed(dropped):
        a, b = spans[i]
        kept = kept[:a] + " " * (b - a) + kept[b:]
    return kept


def read_goal_said(text: str, *, today: date) -> GoalReading:
    """read_goal without looking for a correction: the goal as the whole text says it."""
    # Brackets say nothing ("Berlin in Sept (26th)"); positions stay as in ``text``. A
    # "1/2 marathon" is a half, not the first of February.
    text = re.sub(r"[()\[\]]", " ", text)
    text = re.sub(r"(?:1/2|½)\s*(?=mara)", "half ", text, flags=re.IGNORECASE)
    lowered = correct(normalise(text))
    # "2.5 hours" is no date, "2 and a half hours" no half marathon: a target's time is
    # blanked (positions kept) where dates and the distance are read.
    untimed = _without_durations(lowered)
    # "a week on saturday", "the saturday after next": a day said as weeks after another.
    later = _days.weeks_after(lowered, today=today)
    race_date = later[0][1] if later else _race_date_said(untimed, today=today)
    weekday = None if later else _days.find_weekday(lowered)
    # "parkrun this saturday" is a date; "parkrun every saturday" is a habit.
    if weekday is not None and pattern("goals", "recurring").search(
            lowered[max(0, weekday[1] - 8):weekday[1]]):
        weekday = None
    if race_date is None and weekday is not None:
        race_date = _days.read_day(lowered[weekday[1]:], today=today, direction="future")
    # "in june.. date tbd": a month with the date said unknown gives no date.
    undated = bool(pattern("goals", "no_date_yet").search(lowered)
                   or pattern("goals", "race_not_chosen").search(lowered))
    # "maybe a half in the autumn?": a month or season said with a guess holds no date.
    guessed = bool(pattern("goals", "race_guessed").search(lowered))
    # Read where ``without_dates`` has its positions (typo fixes may shift ``lowered``).
    month = None if race_date is not None or undated or guessed else _days.month_date(
        _without_durations(normalise(text)), today=today)
    if month is not None:
        race_date = month[0]
    # "marathon in the autumn", "10k around easter": a season or holiday, by convention.
    # Said beside a date ("a spring half, march 28"), the season is no part of the goal.
    season = _days.season_date(_without_durations(normalise(text)), today=today)
    season_approximate = False
    # "wanna be faster for next fall": with no race named, a season is no race's date.
    if season is not None and race_date is None and not undated and not guessed and (
            _goal_label(untimed) is not None or not re.search(
                alternation(list(entry("days", "seasons"))), lowered[season[1]:season[2]])):
        race_date, season_approximate = season[0], season[3]
    if race_date is not None and not today <= race_date <= today.replace(year=today.year + 5):
        race_date = None
    without_dates = " ".join(text.split())  # same positions as ``lowered``
    vague = pattern("goals", "vague_dates")
    spans = sorted([*_days.calendar_spans(untimed), *(m.span() for m in vague.finditer(lowered)),
                    *((start, end) for start, _, end in later), *([month[1:]] if month else []),
                    *([season[1:3]] if season else [])])
    for start, end in reversed(spans):
        without_dates = without_dates[:start] + " " * (end - start) + without_dates[end:]
    plain = " ".join(strip_symbols(without_dates).strip(" ,.;:!-").split())
    plain = re.sub(r"[\s,.;:!-]+$", "", plain)
    plain = _goal_words(plain)
    label = _goal_label(untimed)
    lowered_plain = lowered
    for start, end in spans:
        lowered_plain = lowered_plain[:start] + " " * (end - start) + lowered_plain[end:]
    goal = _goal_summary(without_dates, lowered_plain, label) if label else (plain or None)
    if label is None and _no_goal_given(lowered):
        goal, plain = None, ""  # "skip", "idk yet", "no idea tbh": no goal given
    return GoalReading(goal=goal, race_date=race_date, words=plain or None, race=label,
                       no_date_yet=undated,
                       race_date_approximate=race_date is not None and (
                           month is not None or _days.weekend_of_month(untimed)
                           or season_approximate
                           or (not later and _days.said_roughly(untimed, today=today))))


def _no_goal_given(lowered: str) -> bool:
    """A goal answer that gives none: a skip ("skip", "pass for now") or not knowing
    ("idk yet", "not sure yet tbh", "no idea"), in a few words."""
    bare = _bare(lowered)
    if len(bare.split()) > 4:
        return False
    unsure = pattern("answers", "unsure")
    rest = _goal_words(unsure.sub(" ", bare)).strip()
    said_unsure = bool(unsure.search(bare)) and (
        not rest or bool(re.fullmatch(pattern("goals", "no_goal_rest").pattern, rest)))
    return said_unsure or read_answer(bare) == "skip"


def _race_date_said(lowered: str, *, today: date) -> date | None:
    """A race's date; one corrected ("the 2nd of may... no wait, the 9th") is the later,
    one denied ("not dec 6, it's the 7th") is none."""
    def read(part: str) -> date | None:
        return _days.parse_calendar_date(part, today=today, direction="future")

    undenied = _race_date_patterns()[1].sub(lambda m: " " * len(m.group(0)), lowered)
    if undenied != lowered and read(undenied) is not None:
        lowered = undenied
    return corrections.corrected_date(lowered, read) or read(lowered)


@cache
def _race_date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a race's date told with the race as subject, a date denied, a race named): the
    race a word for one, a race known by name or a town known for its races."""
    races = [*entry("messages", "race_subject"), *entry("goals", "races"),
             *entry("goals", "race_places")]
    race = alternation(races)
    months = entry("days", "months")
    told = entry("messages", "race_date_told").replace("<race>", race).replace(
        "<months>", months)
    denied = entry("messages", "date_denied").replace("<months>", months)
    return re.compile(told), re.compile(denied), re.compile(race)


def _race_date_told(lowered: str) -> bool:
    """"valencia is dec 7 not 6", "race is actually the 7th", "berlin's on the 27th": a
    race named and its date told or a date of it denied."""
    told, denied, race = _race_date_patterns()
    return bool(told.search(lowered)) or bool(race.search(lowered) and denied.search(lowered))


def _note_race_date(update: dict[str, object], lowered: str, *, today: date) -> None:
    """A race date told in a free message into ``update``; a month said without a day
    ("moved to end of june") is its conventional day, with ``race_date_approximate``."""
    race = _race_date_said(lowered, today=today)
    if race is not None:
        update["race_date"] = race
        return
    month = _days.month_date(_without_durations(lowered), today=today)
    if month is not None:
        update["race_date"] = month[0]
        update["race_date_approximate"] = True
        return
    season = _days.season_date(_without_durations(lowered), today=today)
    if season is not None:
        update["race_date"] = season[0]
        update["race_date_approximate"] = season[3]


def _without_durations(lowered: str) -> str:
    """``lowered`` with times said in hours blanked ("2.5 hours", "two and a half hours",
    "an hour and a half"), its length kept."""
    units = entry("goals", "hour_units")
    said = re.compile(rf"(?<![\d.])\d{{1,2}}[.,]\d{{1,2}} ?(?:{units})\b"
                      rf"|\b\w+ and a half ?(?:{units})\b"
                      rf"|\b(?:an|one) (?:{units}) and a half\b")
    return said.sub(lambda m: " " * len(m.group(0)), lowered)


def _goal_summary(cased: str, lowered: str, label: str, *, any_case: bool = False) -> str:
    """A race goal as a coach notes it: "first", the race's name, the distance, the target
    said one way, a Boston qualifier, a best, the climbing ("Brighton marathon, want to
    beat my 3:58" -> "brighton marathon sub 3:58"; "NYC marathon" -> "new york city
    marathon"; "sub 3 at boston" -> "boston marathon sub 3")."""
    parts: list[str] = []
    if pattern("goals", "first").search(lowered):
        parts.append("first")
    qualifier = pattern("goals", "qualifier")
    without_qualifier = qualifier.sub(" ", lowered)  # a BQ is no Boston race
    known = _known_race(without_qualifier, label)
    if known:
        parts.append(known)
    else:
        name = _race_name(cased, lowered, label, any_case=any_case) or _race_place(lowered)
        parts += [name, label] if name else [label]
    # "a 50k trail race", "local 10 mile race": the race said with its distance is kept.
    if pattern("goals", "race_said").search(lowered) and "race" not in " ".join(parts):
        parts.append("race")
    target = _goal_target(lowered)
    if target:
        parts.append(target)
    # A time target says what a qualifier or a best would: "5k pb, sub 20" is "5k sub 20".
    if qualifier.search(lowered) and not target:
        parts.append(entry("goals", "qualifier_word"))
    best = pattern("goals", "best").search(lowered)
    if best and not (target and best.group(0) in entry("goals", "best_as_target")):
        parts.append(best.group(0))
    # "marathon, just finish it": finishing is the aim; "first half, just to finish" says
    # nothing "first" does not, nor does it beside a target.
    # "first 50k, just finish strong": how the finish is to feel keeps it beside "first".
    finish_manner = pattern("goals", "finish_manner").search(lowered)
    manner = pattern("goals", "manner").search(lowered) or finish_manner
    if pattern("goals", "finish").search(lowered) and not target and (
            "first" not in parts or finish_manner):
        parts.insert(0, "finish")
    season = pattern("goals", "season").search(lowered)
    if season:
        parts.append(entry("goals", "season_words"))
    climbing = re.search(alternation([entry("goals", "climbing")]), lowered)
    if climbing:
        parts.append(entry("goals", "climbing_words").format(
            amount=" ".join((climbing.group(1) or "").rstrip("+").split())))
    if manner:
        parts.append(manner.group(0))  # "5k without stopping" is no race
    return " ".join(" ".join(parts).split())


def _hours_as_clock(lowered: str) -> str:
    """Times in words or hours as a clock ("two hours" -> "2", "3 hours 30" and "3h30" ->
    "3:30", "2hrs" -> "2"), so a target reads one way however it was said."""
    numbers: dict[str, int] = entry("sessions", "number_words")
    units = entry("goals", "hour_units")
    # "an hour and a half", "one and a half hours", "2 and a half hours": half past.
    lowered = re.sub(rf"\b(?:an|one) (?:{units}) and a half\b", "1:30", lowered)
    words = alternation([w for w in numbers if len(w) > 2])
    lowered = re.sub(rf"\b({words})(?=(?: and a half)? ?(?:h|hrs?|hours?|min|mins|minutes)\b)",
                     lambda m: str(numbers[m.group(1)]), lowered)
    lowered = re.sub(rf"\b(\d{{1,2}}|one|an?) and a half ?(?:{units})\b",
                     lambda m: f"{m.group(1) if m.group(1).isdigit() else 1}:30", lowered)
    # "2.5 hours" is 2:30.
    lowered = re.sub(rf"(?<![\d.])(\d{{1,2}})[.,](\d{{1,2}}) ?(?:{units})\b",
                     lambda m: f"{m.group(1)}:{round(float('0.' + m.group(2)) * 60):02d}",
                     lowered)
    lowered = re.sub(r"\b(?:an|one) (?:hour|hr)\b", "60 min", lowered)  # "under an hour"
    lowered = re.sub(rf"\b(\d{{1,2}}) ?(?:{units}) ?(?:and )?(\d{{2}})\b(?! ?(?:k|km|mi|mile))",
                     r"\1:\2", lowered)
    lowered = re.sub(rf"\b(\d{{1,2}}) ?(?:{units})\b", r"\1", lowered)
    # "sub 3 30", voice-typed: hours and minutes after a word to get under.
    under = alternation(entry("goals", "under_words"))
    return re.sub(rf"\b({under}) (\d) ([0-5]\d)\b(?! ?(?:k|km|mi|miles?|min|mins|minutes)\b)",
                  r"\1 \2:\3", lowered)


def _goal_target(lowered: str) -> str | None:
    """The time aimed at: one to get under noted one way ("under 3:45", "break 3:45" ->
    "sub 3:45"), a time to run as it is ("aiming for 3:45", "goal 3:45" -> "3:45"), and
    a time just short of an hour as getting under that hour ("aiming 2:59" -> "sub 3"),
    or None."""
    lowered = _hours_as_clock(lowered)
    under = pattern("goals", "target").search(lowered)
    said = under or pattern("goals", "aimed_time").search(lowered)
    if said is None:
        return None
    time_ = re.search(r"\d[\d:.]*(?:\s*(?:min|mins|minutes|hrs?|hours?)\b)?",
                      said.group(0).split(None, 1)[-1] if said.group(0)[0].isalpha()
                      else said.group(0))
    if time_ is None:
        return None
    value = time_.group(0)
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
    short = int(entry("goals", "round_short_of_hour"))
    if clock and 0 < 60 - int(clock.group(2)) <= short:
        value = str(int(clock.group(1)) + 1)  # "aiming 2:59" is "sub 3"
    elif not under:
        # "2 hrs would be nice" is a time of 2:00; a bare "2" alone says too little.
        return f"{value}:00" if value.isdigit() and int(value) < 10 else value
    return f"{entry('goals', 'target_word')} {value}"


@cache
def _known_races() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    races: dict[str, dict[str, str]] = entry("goals", "races")
    return tuple((re.compile(alternation([said])), race["note"], race["distance"])
                 for said, race in races.items())


def _known_race(lowered: str, label: str) -> str | None:
    """How a coach notes a race known by name, when the distance read fits it ("CCC at
    UTMB": the race said first is the one)."""
    found = [(match.start(), note) for regex, note, distance in _known_races()
             if (distance == label.split()[-1] or distance in label)
             and (match := regex.search(lowered))]
    return min(found)[1] if found else None


def _race_name(cased: str, lowered: str, label: str, *, any_case: bool = False
               ) -> str | None:
    """The race's name as a capitalised word right before the distance ("Tokyo Marathon",
    "Brighton marathon"), or None."""
    not_names = pattern("goals", "not_names")
    for _, regex in _goal_distances():
        for match in regex.finditer(lowered):
            before = cased[:match.start()].split()
            if before and (any_case or before[-1][:1].isupper()) and before[
                    -1].isalpha() and not (
                    not_names.fullmatch(before[-1].lower())):
                # "Gold Coast half", "New York City marathon": a name of several
                # capitalised words, the message's first word only when it is a town
                # known for its races.
                name = [before[-1]]
                for word in reversed(before[:-1][-2:]):
                    first = len(before) - len(name) - 1 == 0
                    if not (word[:1].isupper() and word.isalpha()) or not_names.fullmatch(
                            word.lower()) or (first and not pattern(
                            "goals", "race_places").fullmatch(" ".join([word, *name]).lower())):
                        break
                    name.insert(0, word)
                return " ".join(name).lower()
    return None


def _race_place(lowered: str) -> str | None:
    """A town known for its races said anywhere in a race goal ("first half! brighton on
    feb 28" -> "brighton"): it names the race."""
    found = pattern("goals", "race_places").search(lowered)
    if found is None:
        return None
    notes: dict[str, str] = entry("goals", "race_place_notes")
    return notes.get(found.group(0), found.group(0))


@cache
def _goal_fillers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lead = alternation(entry("goals", "lead_filler"))
    trail = alternation(entry("goals", "trail_filler"))
    return (re.compile(alternation(entry("goals", "no_race")), re.IGNORECASE),
            re.compile(rf"^(?:\s*{lead}[\s,]*)+", re.IGNORECASE),
            re.compile(rf"(?:[\s,]*{trail})+\s*$", re.IGNORECASE))


def _goal_words(plain: str) -> str:
    """A goal in the athlete's words without what is not the goal: clauses that only say
    there is no race, and filler at either end ("just wanna get fitter tbh" -> "get
    fitter"); the words as they were when nothing would be left."""
    no_race, lead, trail = _goal_fillers()
    # "if my knees let me", "if the calf behaves": a condition said beside the goal.
    aside = re.compile(pattern("goals", "aside").pattern, re.IGNORECASE)
    plain = " ".join(aside.sub(" ", plain).split()) if aside.sub(" ", plain).strip() else plain
    clauses = [c.strip() for c in re.split(r"[,;]|\s[-–—]\s|\.\s", plain) if c.strip()]
    # "comeback from injury - goal is just to run 30 mins pain free": the clause that says
    # it is the goal is the goal.
    cue = pattern("goals", "goal_cue")
    said_goal = [c for c in clauses if cue.match(c.lower())]
    if said_goal and len(said_goal) < len(clauses):
        clauses = said_goal
    kept = [c for c in clauses if no_race.sub(" ", c).strip(" .!") or len(clauses) == 1]
    cleaned = []
    anywhere = re.compile(pattern("goals", "any_filler").pattern, re.IGNORECASE)
    for clause in kept:
        # "just wanna get fit tbh no race": a no-race remark inside the clause goes too.
        clause = no_race.sub(" ", clause) if len(kept) > 1 or no_race.sub(
            " ", clause).strip(" .!,") else clause
        clause = anywhere.sub(" ", clause) if anywhere.sub(" ", clause).strip() else clause
        clause = trail.sub("", lead.sub("", clause.strip(" ?!.")).strip(" ?!.")).strip(" ,.;:!?-")
        if clause:
            cleaned.append(" ".join(clause.split()))
    return ", ".join(cleaned) or plain


_CLOCK = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?![\d%])"
    r"(?!\s*(?:min|mins|minutes|hours?|k\b|km|x))")


@cache
def _clock_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    hours = "|".join(entry("clock", "hours"))
    minutes = "|".join(entry("clock", "minutes"))
    relative = "|".join(entry("clock", "relative"))
    spelled = re.compile(rf"\b(?:({relative})\s+)?({hours})(?:\s+({minutes}))?\b")
    return (spelled, re.compile(alternation(entry("clock", "evening"))),
            re.compile(alternation(entry("clock", "morning"))))


_TIME_CUE = re.compile(r"\b(?:at|around|about|by|after|before|from|til|until|ish|o'?clock)\b"
                       r"|\b(?:tonight|morning|evening|afternoon|night)\b")
_SHORT_ANSWER_WORDS = 4


def _bare_hour_is_a_time(lowered: str, match: re.Match[str]) -> bool:
    """A lone number or number word ("7", "seven") is an hour only in a short answer
    ("7 works") or beside a time word ("around 7", "7 tonight"): "the long one on
    saturday" and "birthday 1" name no time."""
    near = lowered[max(0, match.start() - 12):match.end() + 16]
    return len(lowered.split()) <= _SHORT_ANSWER_WORDS or bool(_TIME_CUE.search(near))


def _spelled_time(lowered: str) -> tuple[int, int] | None:
    spelled, _, _ = _clock_words()
    match = spelled.search(lowered)
    if not match:
        return None
    if not (match.group(1) or match.group(3)) and not _bare_hour_is_a_time(lowered, match):
        return None
    hours: dict[str, int] = entry("clock", "hours")
    hour = hours[match.group(2)]
    minute = 0
    if match.group(3):
        minutes: dict[str, int] = entry("clock", "minutes")
        minute = next(v for k, v in minutes.items() if re.fullmatch(k, match.group(3)))
    if match.group(1):
        relative: dict[str, int] = entry("clock", "relative")
        offset = next(v for k, v in relative.items() if re.fullmatch(k, match.group(1)))
        hour, minute = (hour, offset) if offset >= 0 else ((hour - 1) % 12 or 12, 60 + offset)
    return hour, minute


@cache
def _hours_told_as_a_length() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (re.compile(rf"\b(?:{alternation(entry('clock', 'length_before'))})\s+$"),
            re.compile(rf"^\s*(?:{alternation(entry('clock', 'length_after'))})\b"))


def _without_hours_told_as_a_length(lowered: str) -> str:
    """"came off a 12h shift", "after 10h of sleep": hours told as the length of something
    else are no time of day ("19h", "at 7h" are, written the French way)."""
    before, after = _hours_told_as_a_length()
    for match in reversed(list(re.finditer(r"\b\d{1,2}\s*h(?:rs?|ours?)?\b", lowered))):
        if before.search(lowered[:match.start()]) or after.search(lowered[match.end():]):
            lowered = lowered[:match.start()] + " " + lowered[match.end():]
    return lowered


def read_clock_time(text: str) -> time | None:
    """"7:30", "19h", "7pm", "8 in the morning", "around 9 at night", "half past seven",
    "noon" -> a time; None when the text gives none."""
    lowered = _without_hours_told_as_a_length(normalise(text))
    named: dict[str, str] = entry("clock", "named")
    suffix = ""
    # "quarter to 8", "half past 6": digits after the words for part of an hour.
    relative: dict[str, int] = entry("clock", "relative")
    hour_words: dict[str, int] = entry("clock", "hours")
    spelled_hours = {str(hour): word for word, hour in hour_words.items()}
    # "noonish", "sevenish", "7pmish": "-ish" glued to a time is "about" that time.
    lowered = re.sub(
        rf"\b({'|'.join([*named, *hour_words])}|\d{{1,2}}(?::\d\d)?\s*(?:am|pm)?)-?ish\b",
        r"\1 ish", lowered)
    lowered = re.sub(rf"\b((?:{'|'.join(relative)})\s+)(\d{{1,2}})\b(?![:.]\d)",
                     lambda m: m.group(1) + spelled_hours.get(m.group(2), m.group(2)), lowered)
    match = re.search(r"\b(\d{2})(\d{2})\b", lowered)
    if match and not _CLOCK.search(lowered.replace(match.group(0), "")):
        hour, minute = int(match.group(1)), int(match.group(2))
    elif match := re.search(r"\b(\d{1,2})\s*h\b", lowered):
        hour, minute = int(match.group(1)), 0
    elif (match := _CLOCK.search(lowered)) and (
            match.group(2) or match.group(3) or _bare_hour_is_a_time(lowered, match)):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").replace(".", "")
    elif spelled := _spelled_time(lowered):
        hour, minute = spelled
    else:
        for words, value in named.items():  # "noon", "lunch": only when no hour is given
            if re.search(rf"\b{words}\b", lowered):
                hour_text, minute_text = value.split(":")
                return time(int(hour_text), int(minute_text))
        return None
    _, evening, morning = _clock_words()
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif hour < 12 and evening.search(lowered) and not morning.search(lowered):
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


# --- what a free message is about ----------------------------------------------------------


# Emoji end a clause as a full stop does ("snowed off ❄️ 2:45 of slush? no thanks").
_CLAUSES = re.compile(r"(?:[!;,\n]|\.(?!\d))+|\s[-—–=]+\s|\?+|\)\s+(?=[a-z])"
                      r"|\s*[\u2600-\u27bf\U0001f300-\U0001faff][\ufe0f\u200d]*\s*")


@cache
def _question_lead_in() -> re.Pattern[str]:
    said = [*entry("messages", "hesitation"), *entry("messages", "greeting"),
            *entry("messages", "question_lead_in")]
    return re.compile(rf"^(?:{alternation(said)}[\s,.!:]*)+")


def _clauses(lowered: str) -> tuple[list[str], list[str]]:
    """(statements, questions): clauses ending in "?" or opening like a question ask,
    after any lead-in ("coach what am i doing sat", "okay so what is my workout")."""
    starts = pattern("messages", "question_start")
    lead_in = _question_lead_in()
    statements: list[str] = []
    questions: list[str] = []
    position = 0
    for match in [*_CLAUSES.finditer(lowered), None]:
        end = match.start() if match else len(lowered)
        clause = lowered[position:end].strip()
        asked = bool(match and "?" in match.group(0))
        if clause:
            is_question = (asked or bool(starts.match(lead_in.sub("", clause))) or bool(
                pattern("messages", "question_inside").search(clause))) and not pattern(
                "messages", "not_a_question").search(clause)
            (questions if is_question else statements).append(clause)
        position = match.end() if match else len(lowered)
    return statements, questions


def _is_question(lowered: str) -> bool:
    return bool(_clauses(lowered)[1])


def asks_something(text: str) -> bool:
    """Whether the text asks a question ("hmm what for", "is it private?")."""
    lowered = correct(normalise(text))
    opener = re.compile(rf"^(?:{alternation(entry('messages', 'hesitation'))}[\s,.!]*)+")
    return _is_question(lowered) or _is_question(opener.sub("", lowered))


def acknowledges(text: str) -> bool:
    """"ok", "nope", "cool 👍", "yep will do": the message only acknowledges, asking and
    telling nothing (no question mark, no other word)."""
    lowered = normalise(text)
    return "?" not in lowered and _only_words_from(lowered, "acknowledgment",
                                                   "acknowledgment_extra")


def _only_words_from(lowered: str, core_key: str, extra_key: str) -> bool:
    core = pattern("messages", core_key)
    extra = pattern("messages", extra_key)
    if not core.search(lowered):
        return False
    rest = extra.sub(" ", core.sub(" ", lowered))
    return not re.sub(r"[\W_]+", "", rest)


@cache
def _run_day_first() -> re.Pattern[str]:
    weekdays = [word for words in entry("days", "weekdays") for word in words]
    days = "|".join(re.escape(w) for w in sorted(weekdays, key=len, reverse=True))
    return re.compile(entry("messages", "run_day_first").replace("<days>", days))


def _run_day_put_last(lowered: str) -> str:
    """"sunday is my long run not saturday" -> "my long run is sunday not saturday": a
    run's day said first is read as the run's day stated."""
    def turned(match: re.Match[str]) -> str:
        run = match.group("run") or match.group("bare")
        kind = durations.read_kind(run)
        if kind is None or kind == "rest":
            return match.group(0)
        return f"my {run} is {match.group('day')}"

    return _run_day_first().sub(turned, lowered)


def _standing_move(lowered: str, plan: Plan | None) -> list[dict[str, object]]:
    """A run moved for good (``_moved_for_good``); a day the move leaves at rest that a
    later sentence gives a run of its own ("sunday is my long run not saturday. sat is
    just an easy 40") holds that run."""
    rows = _moved_for_good(lowered, plan)
    resting = {row["day"] for row in rows if row["kind"] == "rest"}
    for sentence in re.split(r"[;!?\n]|\.(?!\d)", _run_day_put_last(lowered))[1:]:
        days = _days.weekdays_in(sentence)
        if resting and len({day for day, _, _ in days}) == 1:
            for told in _resized_day(sentence, days[0], plan):
                rows = [told if row["day"] == told["day"] and told["day"] in resting
                        else row for row in rows]
    return rows


def _moved_for_good(lowered: str, plan: Plan | None) -> list[dict[str, object]]:
    """"can we make my long run saturdays instead of sundays? same 95 min": a session moved
    for good from one weekday to another, as plan rows (the day it leaves rests). One
    week's move ("move my long run to saturday this week") is no plan change."""
    lowered = _run_day_put_last(lowered)
    # Sentences: a decimal point ("my 1.5 hr long run") ends none.
    for sentence in re.split(r"[;!?\n]|\.(?!\d)", lowered):
        days = _days.weekdays_in(sentence)
        shared = _request_shared(sentence, plan)
        if shared:
            return shared
        if len({day for day, _, _ in days}) == 1:
            # "my sat long run is 80 now": the length told, not the plan's, first.
            rows = _resized_day(sentence, days[0], plan) or _standing_day(
                sentence, days[0], plan)
            if rows:
                return rows
            continue
        if len({day for day, _, _ in days}) != 2:
            continue
        # "saturdays" is plural; "saturdays tempo" is one Saturday's (a lost apostrophe).
        standing = any(sentence[start:end].endswith("days")
                       and durations.read_kind(" ".join(sentence[end:].split()[:2])) is None
                       for _, start, end in days) or bool(
            pattern("messages", "plan_move_standing").search(sentence))
        leaving = [day for day, start, _ in days if re.search(
            alternation(entry("messages", "plan_move_from")) + r"\s+(?:\w+\s+)?$",
            sentence[:start])]
        # "can we move my tempo from tuesday to wednesday": a run moved between two
        # weekdays, with nothing that keeps it to one week, moves in the plan.
        moved = len(leaving) == 1 and bool(pattern("messages", "plan_move_verb").search(
            sentence)) and not pattern("messages", "one_week_only").search(sentence)
        if len(leaving) == 1 and not moved and durations.read_kind(sentence) is not None:
            # "actually my long run is sunday not saturday": the run's day stated, the old
            # one denied, with nothing that keeps it to one week: a standing move.
            target_start = next(start for day, start, _ in days if day != leaving[0])
            moved = bool(re.search(alternation(entry("messages", "plan_day_stated")) + r"\s+$",
                                   sentence[:target_start])) and not pattern(
                "messages", "one_week_only").search(sentence)
        if (standing or moved or not leaving) and len(leaving) != 1:
            # "make saturdays a rest day from now on, my long run goes to sunday, 90 min":
            # each day's own clause (with the dayless ones after it), for every week.
            rows = _standing_clauses(sentence, plan, standing=standing)
            if rows:
                return rows
        if not (standing or moved) or len(leaving) != 1:
            continue
        source = leaving[0]
        target = next(day for day, _, _ in days if day != source)
        planned = plan.get(source) if plan else None
        kind = durations.read_kind(sentence) or (planned[0] if planned else None)
        if kind is None or kind == "rest":
            continue
        holding = _day_nearest_holding(kind, plan, source)
        if (planned is None or planned[0] != kind) and holding not in (None, target):
            # "sorry not tues, the easy one is mondays": the day denied never held an easy
            # run; the plan's easy run nearest it (Wednesday's) is the one the athlete
            # misplaced, and it moves with its length.
            source = holding
            planned = (plan or {}).get(source)
        minutes = durations.read_duration(lowered) or (
            planned[1] if planned and planned[0] == kind else durations.default_minutes(kind))
        return [{"day": WEEKDAYS[target], "kind": kind, "minutes": minutes},
                {"day": WEEKDAYS[source], "kind": "rest", "minutes": 0}]
    return []


def _resized_day(sentence: str, day: tuple[int, int, int], plan: Plan | None
                 ) -> list[dict[str, object]]:
    """"actually sat is 60 now not 70", "tuesdays are 45 min now": one weekday's run given
    a new length for good, said as a correction or with "now"; its kind is the one told
    or the plan's. A bare number after "is" is minutes here: the day holds a run."""
    weekday, start, end = day
    told = pattern("messages", "plan_day_resized").match(sentence[end:])
    # "sat is just an easy 40": a weekday said to be only a run is how the week goes.
    this_one = re.search(r"\b(?:this|next|coming)\s+$", sentence[:start])
    if told is None or pattern("messages", "one_week_only").search(sentence) or this_one or not (
            pattern("messages", "plan_day_resized_for_good").search(sentence)):
        return []
    length = told.group("length")
    if durations.read_session_words(length).distance_km is not None:
        return []  # "sat is 20k now": a distance, which the plan does not keep
    minutes = durations.read_duration(length)
    if minutes is None:
        bare = re.match(r"\s*(\d{2,3})\b", length)
        minutes = int(bare.group(1)) if bare else None
    planned = (plan or {}).get(weekday)
    kind = durations.read_session_words(sentence).kind or (planned[0] if planned else None)
    if minutes is None or not 10 <= minutes <= 360 or kind in (None, "rest"):
        return []
    return [{"day": WEEKDAYS[weekday], "kind": kind, "minutes": minutes}]


def _standing_clauses(sentence: str, plan: Plan | None, *, standing: bool
                      ) -> list[dict[str, object]]:
    """Plan rows of a sentence that changes two weekdays in two clauses, each clause
    read with the dayless clauses after it ("..., my long run goes to sunday, 90 min");
    a day a later clause sets wins over a rest an earlier one implied."""
    groups: list[str] = []
    for clause in re.split(r",|&|\band\b|\bbut\b|\bthen\b", sentence):
        if _days.weekdays_in(clause) or not groups:
            groups.append(clause)
        else:
            groups[-1] += "," + clause
    marker = entry("messages", "plan_move_standing")[0] if standing else ""
    rows: dict[object, dict[str, object]] = {}
    moves_left: list[tuple[str, tuple[int, int, int]]] = []
    for group in groups:
        days = _days.weekdays_in(group)
        if len({day for day, _, _ in days}) != 1:
            continue
        said = _standing_day(f"{group} {marker}", days[0], plan)
        for row in said:
            if row["day"] not in rows or row["kind"] != "rest":
                rows[row["day"]] = row
        if not said:
            moves_left.append((group, days[0]))
    # "change tuesday to a rest day and move the intervals to wednesday": beside a day
    # changed for good, a run moved in the same sentence moves for good too.
    if rows and not standing and not pattern("messages", "one_week_only").search(sentence):
        standing_marker = entry("messages", "plan_move_standing")[0]
        for group, day in moves_left:
            if not re.search(alternation(entry("messages", "plan_move_to")) + r"\s+(?:\w+\s+)?$",
                             group[:day[1]]):
                continue
            for row in _standing_day(f"{group} {standing_marker}", day, plan):
                if row["day"] not in rows or row["kind"] != "rest":
                    rows[row["day"]] = row
    return list(rows.values()) if len(rows) > 1 else []


def _standing_day(sentence: str, day: tuple[int, int, int], plan: Plan | None
                  ) -> list[dict[str, object]]:
    """"wednesdays are rest from now on", "moving my tempo to thursdays, 50 min": one
    weekday's run changed for good, said with a day in the plural (or "from now on") and
    a change ("from now on", "moving ... to"); the day's new run as a plan row, and, for a
    run moved ("switch my long run to saturdays"), the one day that held it rests."""
    weekday, start, end = day
    plural = sentence[start:end].endswith("days") and durations.read_kind(
        " ".join(sentence[end:].split()[:1])) is None
    standing = bool(pattern("messages", "plan_move_standing").search(sentence))
    moved_to = bool(re.search(alternation(entry("messages", "plan_move_to")) + r"\s+(?:\w+\s+)?$",
                              sentence[:start]))
    # "switch thursday to intervals 50 min", "change monday's run to hills": a weekday's
    # run changed, with nothing that keeps it to one week ("this week", "tomorrow").
    # "make thursday an easy 30", "make sunday the long run": the same, said with "make".
    made = bool(re.search(alternation(entry("messages", "plan_day_make")) + r"\s+$",
                          sentence[:start])) and bool(
        re.match(entry("messages", "plan_day_make_after"), sentence[end:]))
    changed_to = bool(re.search(alternation(entry("messages", "plan_day_change")) + r"\s+$",
                                sentence[:start])) and bool(
        re.match(r"(?:'?s)?(?:\s+(?:run|session|workout)s?)?\s+(?:to|into)\b", sentence[end:]))
    asked_at = _requested_day(sentence, start, end)
    requested = asked_at is not None
    changed = (changed_to or made or requested) and not pattern(
        "messages", "one_week_only").search(sentence)
    # "drop wednesdays": that day rests, every week.
    if plural and re.search(alternation(entry("messages", "plan_day_drop")) + r"\s+$",
                            sentence[:start]) and not pattern(
            "messages", "one_week_only").search(sentence):
        return [{"day": WEEKDAYS[weekday], "kind": "rest", "minutes": 0}]
    # A question ("are fridays rest now?") is told apart by the message's intent.
    if not (((plural or standing) and (standing or moved_to)) or changed):
        return []
    # "thursday tempo should be an easy 35": the run asked for, not the one it replaces.
    words = durations.read_session_words(sentence if asked_at in (None, end) else
                                         sentence[asked_at:])
    kind = words.kind
    if kind is None and pattern("messages", "day_off").search(sentence):
        kind = "rest"  # "wednesdays are rest from now on"
    told = durations.read_session_words(sentence[end:], bare_numbers=True).minutes
    own = (plan or {}).get(weekday)
    if kind is None and requested and told and own and own[0] != "rest":
        kind = own[0]  # "add sunday long to 165": the day's own run, a new length
    if kind is None:
        return []
    if kind == "rest":
        return [{"day": WEEKDAYS[weekday], "kind": "rest", "minutes": 0}]
    held = sorted(d for d, (k, _) in (plan or {}).items() if k == kind)
    source = _day_holding(kind, plan)
    planned = [(plan or {})[d][1] for d in ([source] if source is not None else held)]
    if requested and told and 10 <= told <= durations.MAX_MINUTES and not words.minutes:
        words = replace(words, minutes=told)
    minutes = words.minutes or (planned[0] if planned else durations.default_minutes(kind))
    if requested and not (made or changed_to or standing or moved_to) and own == (kind, minutes):
        return []  # "friday should be easy": what the plan already says is no change
    rows: list[dict[str, object]] = [{"day": WEEKDAYS[weekday], "kind": kind,
                                      "minutes": minutes}]
    # A run a week holds once (the long run) is moved, not doubled: the day that held it
    # is free now. Of other kinds a week may hold two; where the old one goes is unsaid
    # ("moving my tempo to thursdays" leaves Tuesday as it is).
    if (moved_to or standing) and kind in entry("sessions", "once_a_week") and (
            source is not None and source != weekday and weekday not in held):
        rows.append({"day": WEEKDAYS[source], "kind": "rest", "minutes": 0})
    return rows


def _day_nearest_holding(kind: str, plan: Plan | None, weekday: int) -> int | None:
    """The weekday nearest ``weekday`` (either way round the week) whose run is of
    ``kind``, or the run meant by its kind (``_day_holding``); none when two are as near."""
    runs = [day for day, (held, _) in (plan or {}).items() if held == kind]
    if len(runs) < 2:
        return _day_holding(kind, plan)
    apart = sorted((min((day - weekday) % 7, (weekday - day) % 7), day) for day in runs)
    return apart[0][1] if apart[0][0] != apart[1][0] else None


def _day_holding(kind: str, plan: Plan | None) -> int | None:
    """The weekday of the plan's run the athlete means by its kind: the one day holding
    it; of a run a week holds once, the longest of those holding it ("my long run" of two)
    or, where no day is called so, the plan's longest run when its kind may stand for it
    (a Sunday easy 100 is the long run of a plan told without the word)."""
    runs = {day: minutes for day, (held, minutes) in (plan or {}).items() if held == kind}
    if len(runs) == 1 or (runs and kind in entry("sessions", "once_a_week")):
        return max(runs, key=lambda day: runs[day])
    stand_ins = entry("sessions", "stand_ins").get(kind, [])
    if runs or not stand_ins:
        return None
    lengths = sorted(((minutes, day) for day, (held, minutes) in (plan or {}).items()
                      if held != "rest" and minutes), reverse=True)
    if not lengths or lengths[0][0] == (lengths[1][0] if len(lengths) > 1 else 0):
        return None  # no run, or two as long: none stands out as the long run
    day = lengths[0][1]
    return day if (plan or {})[day][0] in stand_ins else None


def _request_shared(sentence: str, plan: Plan | None) -> list[dict[str, object]]:
    """"make tues 50 not 45, and thu tempo 40": a request verb said once for several days,
    the later ones told with no verb of their own (a day and its run only); each day's new
    run as a plan row, or nothing when any such day gives none."""
    groups: list[str] = []
    for clause in _CLAUSE_BREAKS.split(sentence):
        if _days.weekdays_in(clause) or not groups:
            groups.append(clause)
        else:
            groups[-1] += " , " + clause
    days = [_days.weekdays_in(group) for group in groups]
    if len(groups) < 2 or any(len({d for d, _, _ in found}) != 1 for found in days):
        return []
    verb = re.search(alternation(entry("messages", "plan_day_request"))
                     + r"\s+(?:(?:my|the|our)\s+)?$", groups[0][:days[0][0][1]])
    if verb is None:
        return []
    rows: list[dict[str, object]] = []
    for index, (group, found) in enumerate(zip(groups, days, strict=True)):
        if index and re.search(r"\w", group[:found[0][1]]):
            return []  # a later day with words of its own before it says its own thing
        said = group if not index else f"{verb.group(0)}{group[found[0][1]:]}"
        shift = 0 if not index else len(verb.group(0)) - found[0][1]
        day = (found[0][0], found[0][1] + shift, found[0][2] + shift)
        row = _standing_day(said, day, plan)
        words = durations.read_session_words(said[day[2]:], bare_numbers=True)
        if not row and index and (plan or {}).get(day[0]) == (words.kind, words.minutes):
            continue  # "..., and thu tempo 40" as the plan has it: no change, no report
        if not row:
            return []
        rows += row
    return rows


def _requested_day(sentence: str, start: int, end: int) -> int | None:
    """Where a weekday's new run asked for is told, or None: "please make wednesday easy 30
    instead of tempo", "add sunday long to 165" (a request verb before the day, the run
    right after it), "friday should be an easy 30 not rest", "can thursday be hills 45"
    (the run after "be"). A verb denied ("couldn't make tuesday tempo") asks for nothing."""
    before, after = sentence[:start], sentence[end:]
    verb = re.search(alternation(entry("messages", "plan_day_request"))
                     + r"\s+(?:(?:my|the|our)\s+)?$", before)
    if verb and not re.search(r"(?:n'?t|not|never|cannot)\s+(?:\w+\s+)?$",
                              before[:verb.start()]):
        words = durations.read_session_words(" ".join(after.split()[:4]), bare_numbers=True)
        if words.kind is not None or words.minutes is not None:
            return end
    # "wednesday should be tempo but i missed it" tells of a run, not of a change; the
    # run it replaces ("instead of tempo", "not rest") tells of nothing.
    told = re.sub(alternation(entry("messages", "plan_move_from"))
                  + r"\s+(?:(?:the|an?|my)\s+)?\w+", " ", sentence)
    if pattern("messages", "missed").search(told) or pattern("messages", "done").search(told):
        return None
    should = re.match(entry("messages", "plan_day_should_be"), after)
    if should:
        return end + should.end()
    can = re.match(r"(?:'?s)?\s+be\b", after)
    if can and re.search(alternation(entry("messages", "plan_day_can_be")) + r"\s+$", before):
        return end + can.end()
    return None


# Where one clause of a message ends and the next begins, for readers that take a
# message clause by clause (plan edits, a missed run's length): the sentence breaks of
# ``_CLAUSES`` (a decimal point is none), brackets, colons and joining words.
_CLAUSE_BREAKS = re.compile(
    _CLAUSES.pattern + r"|[:()]|\b(?:and|but|so|then|plus|because|bc|cos)\b")
_DENIED_BEFORE = re.compile(r"(?:n'?t|\bnot|\bnever|\bcannot)\s+(?:\w+\s+)?$")


def _plan_edits(lowered: str, plan: Plan | None) -> list[dict[str, object]]:
    """Plan rows of edits told clause by clause against the plan the athlete has:
    "mondays are out, move intervals to tuesday" (a day rests; a run moved to a day
    leaves the one day that held it), "correction: thursday is intervals not tempo, and
    tuesday is the tempo. same minutes" (a day's run named anew), "add a wednesday run
    pls, 20 min easy" (a run added, its kind and length in the clauses after the day).
    Each clause names one weekday and takes the dayless clauses after it. A one-week
    change, a question that is no request, or a run told missed or done beside the edits
    is no edit; a move, a day renamed or one day rested needs a word that makes it the
    plan's ("now", "correction", "becomes", "from now on"), a second edit or a day in the
    plural."""
    if not plan or pattern("messages", "one_week_only").search(lowered):
        return []
    if _is_question(lowered) and not pattern("messages", "request").search(lowered):
        return []
    groups: list[str] = []
    for clause in _CLAUSE_BREAKS.split(lowered):
        if _days.weekdays_in(clause) or not groups:
            groups.append(clause)
        else:
            groups[-1] += " , " + clause
    # "..., tuesday is the tempo. same minutes": said once for every day the message edits.
    same = bool(pattern("messages", "plan_edit_same").search(lowered))
    rows: dict[int, dict[str, object]] = {}
    left: list[int] = []
    plain = False
    others: list[str] = []
    for group in groups:
        days = _days.weekdays_in(group)
        edit = _day_edit(group, days[0], plan, same=same) if len(
            {d for d, _, _ in days}) == 1 else None
        if edit is None:
            others.append(group)
            continue
        row, source, stands_alone = edit
        rows[days[0][0]] = row
        left += [source] if source is not None else []
        plain = plain or stands_alone
    if not rows:
        return []
    marker = pattern("messages", "plan_edit_marker").search(lowered) or pattern(
        "messages", "plan_move_standing").search(lowered)
    if not (marker or plain or len(rows) > 1):
        return []
    told = pattern("messages", "missed"), pattern("messages", "done")
    if not marker and any(p.search(c) for c in others for p in told):
        return []  # "did tuesday's tempo, then sunday off": a report, not an edit
    for source in left:
        rows.setdefault(source, {"day": WEEKDAYS[source], "kind": "rest", "minutes": 0})
    return list(rows.values())


def _day_edit(group: str, day: tuple[int, int, int], plan: Plan, *, same: bool
              ) -> tuple[dict[str, object], int | None, bool] | None:
    """One clause's edit of one weekday: (its new plan row, the day a moved run leaves,
    whether it stands alone as an edit), or None. See ``_plan_edits``."""
    weekday, start, end = day
    before, after = group[:start], group[end:]
    plural = group[start:end].endswith("days")
    own = plan.get(weekday)
    name = WEEKDAYS[weekday]
    drop = re.search(alternation(entry("messages", "plan_day_drop"))
                     + r"\s+(?:(?:my|the)\s+)?$", before)
    if re.match(alternation(entry("messages", "plan_edit_rest")), after) or (
            drop and not _DENIED_BEFORE.search(before[:drop.start()])):
        return {"day": name, "kind": "rest", "minutes": 0}, None, plural
    said = durations.read_session_words(after, bare_numbers=True)
    # "add a wednesday run", "throw in an easy 25 on tuesdays", "add hills on monday".
    add = re.search(alternation(entry("messages", "plan_edit_add"))
                    + r"(?P<run>(?:\s+[\w-]+){0,6}?)\s+(?:on\s+)?$", before)
    if add and not _DENIED_BEFORE.search(before[:add.start()]):
        words = durations.read_session_words(add.group("run") + " " + after,
                                             bare_numbers=True)
        kind = words.kind or "easy"  # "add a wednesday run": a run of no kind is easy
        if kind == "rest":
            return None
        return {"day": name, "kind": kind,
                "minutes": words.minutes or _planned_minutes(plan, kind, None)}, None, True
    move = re.search(alternation(entry("messages", "plan_edit_move"))
                     + r"\s+(?P<what>(?:[\w']+\s+){1,4}?)(?:to|on|onto)\s+$", before)
    if move and not _DENIED_BEFORE.search(before[:move.start()]):
        moved = durations.read_kind(move.group("what"))
        if moved is None or moved == "rest":
            return None
        held = [d for d, (k, _) in plan.items() if k == moved and d != weekday]
        minutes = said.minutes or _planned_minutes(plan, moved, None)
        return ({"day": name, "kind": moved, "minutes": minutes},
                held[0] if len(held) == 1 else None, plural)
    copula = re.match(entry("messages", "plan_edit_copula"), after)
    if copula:
        named = re.split(r"\b(?:not|instead of|rather than|in place of)\b",
                         after[copula.end():])[0]
        renamed = durations.read_kind(" ".join(named.split()[:3]))
        if renamed is None or renamed == "rest" or (own is not None and own[0] == renamed):
            return None
        length = durations.read_session_words(named, bare_numbers=True).minutes
        return {"day": name, "kind": renamed, "minutes": length or _planned_minutes(
            plan, renamed, own if same else None)}, None, False
    return None


def _planned_minutes(plan: Plan, kind: str, own: tuple[str, int] | None) -> int:
    """A run's length when the edit gives none: the day's own ("same minutes"), else
    what the plan gives that kind, else the day's own run's, else the kind's default."""
    if own is not None and own[0] != "rest" and own[1]:
        return own[1]
    held = [minutes for k, minutes in plan.values() if k == kind and minutes]
    return held[0] if held else durations.default_minutes(kind)


def _plan_beside(lowered: str) -> list[dict[str, object]]:
    """"mon: 40 easy, thu: intervals 50 — that's my plan for the next 10 weeks": a plan
    said in full with a clause that calls it the plan."""
    clauses = re.split(r"\s[-–—]+\s|[.;!?\n]\s*", lowered)
    named = pattern("messages", "plan_named")
    if not any(named.search(c) for c in clauses):
        return []
    said = ", ".join(c for c in clauses if c.strip() and not named.search(c))
    try:
        runs = parse_weekly_plan(said)
    except ValueError:
        return []
    if len(runs) < 2:
        return []
    return [{"day": WEEKDAYS[r.weekday], "kind": r.kind, "minutes": r.minutes} for r in runs]


# A bare number told as the long run's length ("my long run is 110 now") is minutes from
# this many on; below it, it may be kilometres or miles, which are not guessed.
BARE_LONG_RUN_MINUTES = 40


def _bare_long_run_minutes(lowered: str) -> int | None:
    """The minutes of "actually my long run is 110 now": a unitless number after the cue."""
    minutes = durations.read_session_words(lowered, bare_numbers=True).minutes
    return minutes if minutes is not None and minutes >= BARE_LONG_RUN_MINUTES else None


def _profile_update(lowered: str, *, today: date, plan: Plan | None = None
                    ) -> dict[str, object]:
    update: dict[str, object] = {}
    if pattern("messages", "long_run_change").search(lowered):
        # "long run 2h, no wait, 100 min": the length said last.
        # A bare number after the cue ("90 min now - no wait, 105") is a length too.
        minutes = corrections.corrected(lowered, lambda part: durations.read_duration(
            part) or durations.read_session_words(part, bare_numbers=True).minutes) or (
            durations.read_duration(lowered)) or _bare_long_run_minutes(lowered)
        if minutes:
            update["long_run_minutes"] = minutes
    numbers: dict[str, int] = entry("messages", "numbers")
    spelled = "|".join(sorted(numbers, key=len, reverse=True))
    weeks = entry("messages", "plan_weeks")
    for regex in (re.compile(p.replace("<numbers>", spelled)) for p in weeks):
        match = regex.search(lowered)
        if match:
            count = match.group(1)
            update["plan_weeks"] = int(count) if count.isdigit() else numbers[count]
            break
    # "missed my run, not the 6th one": a run's day denied changes no race date.
    raced = pattern("messages", "run_day_denied").sub(" ", lowered)
    if pattern("messages", "race_change").search(raced) or _race_date_told(raced):
        _note_race_date(update, lowered, today=today)
    # "my gym has a stairmaster": the gym is where the new thing is, not the news.
    # "my new gym has a stairmaster": a place new to them is news with what it holds.
    gained_place = re.compile(alternation(entry("messages", "place_gained")) + r"\s+$")
    said = [(w, s, e) for w, s, e in mentions(lowered)
            if w != "home" and (not pattern("messages", "holder").match(lowered[e:].lstrip())
                                or gained_place.search(lowered[:s]))]
    # "can u take the treadmill off my list": a change asked for is told, not asked.
    if said and (not _is_question(lowered) or pattern("messages", "request").search(lowered)):
        lose = pattern("messages", "lose")
        acquire = pattern("messages", "acquire")
        # Each thing is gained or lost in its own clause: "got a treadmill and sold the
        # rower".
        added: list[str] = []
        removed: list[str] = []
        carry = re.compile(alternation(entry("messages", "carried_gain")))
        previous: tuple[int, bool] = (0, False)
        for word, start, end in said:
            clause = _clause_around(lowered, start, end)
            lost = bool(lose.search(clause))
            # "joined the Y, they have a pool and a gym": what the new place has is gained
            # with it, said in a list or by "they have".
            between = lowered[previous[0]:start]
            # Only a thing that ends its clause: "the pool is closed" says something else.
            # "joined a gym near work, it has a pool too": what the place "has" comes with it,
            # whatever else is said of the place first.
            held = pattern("messages", "place_holds").search(between)
            carried = previous[1] and not lost and (
                not carry.sub(" ", between).strip(" ,") or bool(held)) \
                and bool(re.match(
                    r"\s*(?:$|[,;.!?&]|[^\w\s'\"()/:-]|and\b|plus\b|too\b|also\b|as well\b)",
                    lowered[end:]))  # an emoji ends a clause too ("and a bike 🙌")
            # "we got a treadmill for the garage. and a rowing machine off marketplace":
            # a sentence that opens with "and" goes on with the gain before it.
            continued = previous[1] and not lost and bool(re.search(
                r"[.;!]\s*" + alternation(entry("messages", "gain_continued")) + r"\s*$",
                between))
            gained = (bool(acquire.search(clause)) or carried or continued) and not (
                is_negated(lowered, start, end))
            previous = (end, gained)
            # A thing merely not there ("my ride to the trail never showed up", "no pool
            # this week") is no change to what they have.
            (removed if lost else added if gained else []).append(word)
        if removed:
            update["equipment_remove"] = sorted(set(removed))
        if added:
            update["equipment_add"] = sorted(set(added) & equipment_words())
    if pattern("messages", "injury_told").search(lowered):
        told = read_pain(lowered).sites
        if told:
            update["injuries_add"] = list(told)
    # "chest felt tight on yesterday's long run ... fine now": a part felt in a session
    # told is an episode to report (triage first), not an injury healed.
    episode = pattern("messages", "pain_in_session").search(lowered) and (
        pattern("body", "hurts_now").search(lowered) or pattern("body", "pain_words").search(
            lowered))
    if pattern("messages", "healed").search(lowered) and not episode:
        # "physio cleared the stress fracture": an injury named by its kind alone.
        healed = [label for label, _ in body.sites(lowered, negated_too=True)] or [
            m.group(0) for m in pattern("body", "injury_types").finditer(lowered)]
        if healed:
            update["injuries_remove"] = healed
    zone = _timezone_in(lowered)
    if zone:
        update["timezone"] = zone
    if pattern("messages", "checkin_change").search(lowered) or _only_a_clock_time(lowered):
        moment = read_clock_time(lowered)
        if moment is not None:
            update["checkin_time"] = moment
    # "doing the half instead of the full": what is dropped is no part of the new goal.
    dropped = pattern("messages", "goal_dropped")
    # "a spring half": the season says when, as a date would, and is no part of the goal.
    season = _days.season_date(lowered, today=today)
    unseasoned = lowered if season is None else (
        lowered[:season[1]] + " " * (season[2] - season[1]) + lowered[season[2]:])
    without_dropped = dropped.sub(lambda m: " " * len(m.group(0)), unseasoned)
    changes = list(pattern("messages", "goal_change").finditer(lowered))
    signed = pattern("messages", "signed_up").search(lowered)
    if not changes and signed and _goal_label(lowered[signed.end():]):
        # "REGISTERED!!! Chicago Marathon, Oct 10", "got my bib for the big half": a race
        # entered, named after the word for entering it.
        changes = [signed]
    change = changes[0] if changes else None
    if change:
        # "scratch the half, im doing the full marathon instead": the half is not it.
        kept = dropped.sub(" ", unseasoned)
        # "doing the half instead of the full": the new race is in the cue itself.
        # "changed my mind, I want to do my first 50k trail race instead": any cue may
        # hold it.
        inside = next((label for c in changes
                       if (label := _goal_label(dropped.sub(" ", c.group(0))))), None)
        # "changed my goal, going for a sub 1:45 half now": the goal follows a later cue.
        goal_told: str | None = next(
            (g for c in changes if (g := _new_goal(without_dropped[c.end():]))), None)
        goal = _goal_summary(kept, kept, inside, any_case=True) if inside else (
            goal_told or _goal_label(kept))
        # "switched to a gym with a pool": a place to train is no goal; nor is a week of
        # runs ("switching to 4 runs a week: mon easy 40, ...").
        if goal and not _goal_label(goal) and (mentions(goal) or (
                _days.weekdays_in(goal) and durations.read_session_words(
                    goal, bare_numbers=True).minutes is not None)):
            goal = None
        if goal and _goal_label(goal) and not _goal_target(goal):
            # "signed up for a half on jan 31!! aiming sub 2": the time aimed at may be
            # told in another sentence than the race; a time dropped with an old goal
            # is not it.
            target = _goal_target(without_dropped)
            if target and target.split()[-1] not in goal.split():
                goal = f"{goal} {target}"
        if goal:
            update["goal"] = goal
        if goal:
            _note_race_date(update, lowered, today=today)
    # A standing move keeps the session's planned length; a whole new plan is read whole.
    moved = _standing_move(lowered, plan) or _plan_edits(lowered, plan)
    change = None if moved else pattern("messages", "plan_change").search(lowered)
    if moved:
        update["plan_set"] = moved
        update["plan_partial"] = True  # the rest of the week stays as it is
    if change:
        try:
            runs = parse_weekly_plan(lowered[change.end():])
        except ValueError:
            runs = []
        if runs:
            update["plan_set"] = [{"day": WEEKDAYS[r.weekday], "kind": r.kind,
                                   "minutes": r.minutes} for r in runs]
    if "plan_set" not in update and not _is_question(lowered):
        beside = _plan_beside(lowered)
        if beside:
            update["plan_set"] = beside
    return update


def _clause_around(lowered: str, start: int, end: int) -> str:
    """The clause a span stands in: between commas, "and", "but", full stops."""
    breaks = list(re.finditer(r"[,;.!?]|\b(?:and|but|so|then)\b", lowered))
    before = max((m.end() for m in breaks if m.end() <= start), default=0)
    after = min((m.start() for m in breaks if m.start() >= end), default=len(lowered))
    return lowered[before:after]


def _new_goal(after_cue: str) -> str | None:
    """A new goal in the athlete's words, from what follows "new goal:" or "switching my
    goal to", up to a clause break, a date or what is dropped ("the 50k trail race in
    june, dropping the marathon" -> "50k trail race")."""
    # "registered!!! chicago marathon": the cue's own exclamation ends nothing.
    after_cue = strip_symbols(after_cue).lstrip(" !.,:;-")
    # "not doing the marathon anymore, just want a sub 25 5k": the old race dropped, what
    # is left of its clause ("anymore") is no goal; the clause naming a race is.
    clauses = [c for c in re.split(r"[,;.!?]|\n", after_cue)
               if re.search(r"\w", pattern("messages", "goal_leftovers").sub(" ", c))]
    named = [c for c in clauses if _goal_label(c)]
    words = named[0] if named and not _goal_label(clauses[0]) else (
        clauses[0] if clauses else "")
    after_cue = after_cue[after_cue.find(words):] if words else after_cue
    # "goal is now a sub 3:30 marathon": a leading "now" is no end of the goal.
    words = re.sub(r"^(?:\s*(?:the|a|an|my|to|for|is|now|:)\b)+", " ", words)
    for start, _ in _days.calendar_spans(words)[:1]:
        words = words[:start]
    end = pattern("messages", "goal_end").search(words)
    if end:
        words = words[:end.start()]
    words = re.sub(r"^(?:\s*(?:the|a|an|my|to|for|is|now|:)\b)+", " ", words)
    words = " ".join(words.split())
    # "switched to the half", "an ultra now, 50k in june": a bare distance is the race
    # read from everything after the cue.
    label = _goal_label(words)
    if label and not _goal_label_rest(words):
        # "switching to the 50k in june, the trail one with 2000m of climbing": the race
        # as a coach notes it from the rest of its sentence.
        sentence = re.split(r"[.!?;\n]", after_cue, maxsplit=1)[0]
        return _goal_summary(sentence, sentence, _goal_label(sentence) or label,
                             any_case=True)
    if label:
        # "sub 1:45 half" as onboarding notes it; after "signed up for" a word right
        # before the distance is the race's name ("the rotterdam marathon").
        return _goal_summary(words, words, label, any_case=True)
    return words or None


def _goal_label_rest(words: str) -> str:
    """What is left of a goal's words once its distance words are taken out."""
    for _, regex in _goal_distances():
        words = regex.sub(" ", words)
    words = re.sub(entry("goals", "other_distance"), " ", words)
    return " ".join(re.sub(r"\b(?:full|race|run|event|one|instead|the|a|an)\b", " ", words)
                    .split())


def _only_a_clock_time(lowered: str) -> bool:
    """"6pm pls", "actually 7:30": a message that is a clock time and nothing else means the
    one time the athlete sets, the check-in's. A bare "6" may be a pain score: not it."""
    rest = pattern("messages", "clock_only_filler").sub(" ", re.sub(r"[!,?]+|\.$", " ", lowered))
    return bool(re.fullmatch(r"\s*\d{1,2}(?:[:.]\d\d\s*(?:am|pm)?|\s*(?:am|pm))\s*", rest))


# Words of the clause after a timezone cue searched for the zone.
_ZONE_CLAUSE_WORDS = 6


def _timezone_in(lowered: str) -> str | None:
    """The time zone after "moved to", "timezone is", "I'm in" ("moved to Berlin"), or
    before "time"/"clock" ("denver clock now pls")."""
    candidates: list[str] = []
    for cue in pattern("messages", "timezone").finditer(lowered):
        rest = re.sub(r"[()\[\]]", " ", lowered[cue.end():]).lstrip(" :=-")
        words = re.split(r"[,;!?–—]|\.(?:\s|$)|\s-\s", rest, maxsplit=1)[0].split()
        # "timezone is now pacific time": the zone without the words around it.
        while words and words[0] in ("now", "in", "on", "to", "the", "is"):
            words = words[1:]
        if len(words) > 1 and words[1] in ("time", "timezone", "zone", "clock"):
            words = words[:1]
        candidates += [" ".join(words[:size]) for size in (3, 2, 1) if len(words) >= size]
        # "us eastern now (new york)", "we're in sydney till feb, adjust my time zone":
        # the zone among other words of the clause, the longest first, when the message
        # talks of time zones ("i'm in a hotel in denver" alone changes nothing).
        if not pattern("messages", "zone_talk").search(lowered):
            continue
        words = words[:_ZONE_CLAUSE_WORDS]
        candidates += [" ".join(words[at:at + size]) for size in (3, 2, 1)
                       for at in range(1, len(words) - size + 1)]
    zone_words = alternation(entry("messages", "zone_words"))
    for match in re.finditer(rf"((?:\w+\s+){{0,2}}\w+)\s+{zone_words}", lowered):
        words = match.group(1).split()
        candidates += [" ".join(words[-size:]) for size in (3, 2, 1) if len(words) >= size]
    for candidate in candidates:
        try:
            return parse_timezone(candidate, towns=False)
        except ValueError:
            continue
    return None


def _telegraphic(lowered: str) -> str:
    """"done. 40. easy. tired." (a message of fragments, a word or two each) read as one
    line, so a number stands beside the kind it sizes as it would in "done 40 easy"."""
    fragments = [part for part in re.split(r"[.!]+(?=\s|$)|\n", lowered) if part.strip()]
    if len(fragments) < 3 or any(len(part.split()) > 2 for part in fragments):
        return lowered
    return " ".join(part.strip() for part in fragments)


_SCARE_QUOTES = re.compile(
    r"(?<![\w'])['\"\u201c\u201d]([a-z][\w -]{0,20}?)['\"\u201c\u201d](?![\w'])")


def read_message(
    text: str, *, today: date, plan: Plan | None = None
) -> MessageReading:
    """What a free message is about (red flags are triage's business, not this one's):
    a missed run (with the session and day it means), pain (score and sites), a question
    about the athlete's own plan, a question for the articles, a profile correction (in
    ``update``), a run done, a greeting, thanks, or other."""
    lowered = _lengths_put_instead(
        _without_guesses_asked(_after_retraction(correct(normalise(text)))))
    # "my 'easy' run turned into a death march": a word in scare quotes is the word.
    lowered = _SCARE_QUOTES.sub(r"\1", lowered)
    lowered = _telegraphic(lowered)
    if not lowered:
        return MessageReading(intent="other")
    # "rained out so treadmill instead, 40 min easy": a run done another way is a run done.
    another_way = _done_another_way(lowered)
    lowered = another_way or lowered
    if _only_words_from(lowered, "greeting", "greeting_extra"):
        return MessageReading(intent="greeting")
    if _only_words_from(lowered, "thanks", "thanks_extra"):
        return MessageReading(intent="thanks")
    question = _is_question(lowered)
    pain = read_pain(lowered)
    only_part = _only_a_part(lowered, text)
    has_pain = _reports_pain(lowered) or (pain.score is not None and bool(pain.sites)) or (
        only_part)
    pain_reading = pain if (pain.sites or pain.score is not None) else None
    # A bare "at 6" is a time, not a score: a score needs a body part or "/10".
    scored = pain.score is not None and bool(
        pain.sites or re.search(r"/\s*10|out ?of|outta|\bof 10", lowered))
    update = _profile_update(lowered, today=today, plan=plan)
    # "long run ✔️ but only 2 hrs, ran out of daylight": part of a run is a run done.
    partial = pattern("messages", "partial")
    done_words = pattern("messages", "done").search(partial.sub(" ", lowered))
    missed = bool(pattern("messages", "missed").search(
        partial.sub(" ", lowered) if done_words else lowered))
    done = bool(pattern("messages", "done").search(lowered)) and not missed
    own_plan = (bool(pattern("messages", "plan_anchor").search(lowered)) or bool(
        pattern("messages", "plan_session").search(lowered)
        and pattern("messages", "schedule_question").search(lowered))) and not (
        pattern("messages", "general_how").search(lowered)
        and _days.weekdays_in(lowered) == [] and read_day(lowered, today=today) is None)
    session_words = (durations.names_a_run(lowered) or durations.read_duration(lowered) is not None
                     or read_day(lowered, today=today) is not None)

    statements, questions = _clauses(lowered)
    missed_said = any(pattern("messages", "missed").search(
        partial.sub(" ", c) if done_words else c) for c in statements)
    # "tempo done this morning. anything else i should do today?": a run reported done
    # comes first; what is asked after it is a follow-up.
    done_said = not missed_said and (another_way is not None or any(
        pattern("messages", "done").search(c) for c in statements))
    # "can cross training replace a run week if I'm injured?" supposes; it asks in general.
    hypothetical = pattern("messages", "hypothetical")
    questions_asked = [hypothetical.sub(" ", c) for c in questions]
    short_of_time = bool(durations.available_minutes(lowered))
    substitute = pattern("messages", "substitute")
    # "can cycling replace a long run?" asks in general; "can I swap my tempo?" asks for
    # a session of their own.
    own_session = pattern("messages", "own_session")
    # "my knee hurts after long runs, what can I do instead?" asks in general too: the
    # session must be their own in what is asked.
    habitual = pattern("messages", "habitual_sessions")
    asks_substitute = any(substitute.search(c) for c in statements) or (
        any(own_session.search(c) and not habitual.search(c) for c in questions_asked)
        and any(substitute.search(c) for c in questions)) or (
        bool(pattern("messages", "what_to_do").search(lowered)) and (
            missed_said or short_of_time or any(
                own_session.search(c) and pattern("messages", "missed").search(c)
                for c in questions))) or (missed_said and any(
            (pattern("messages", "make_up").search(c) and read_day(c, today=today) is None)
            # "is it ok to do it friday instead?": the run missed, on another day;
            # "should i do it today since it's a rest day?" weighs the plan's day.
            or (pattern("messages", "do_it_another_day").search(c)
                and not pattern("messages", "plan_day_weighed").search(c))
            for c in questions))
    # "my tempo run today? not happening": a bare topic with "?" asks nothing the
    # statement after it does not answer; only questions with a question word count here.
    worded = [c for c in questions if pattern("messages", "question_start").match(c)
              or pattern("messages", "question_inside").search(c)]
    asks_plan = any(pattern("messages", "plan_anchor").search(c) for c in (
        worded if missed_said else questions))
    requests = bool(pattern("messages", "request").search(lowered))
    # "didn't do the 6 x 3min, the gym treadmill was broken": the treadmill is why the run
    # was missed, not a change to what the athlete owns.
    only_broken = set(update) == {"equipment_remove"} and not pattern(
        "messages", "lost_for_good").search(lowered)
    # "missed monday, calf is sore 3/10, also got a treadmill": pain scored in a message of
    # several facts comes first; a profile change beside it waits (safety first).
    scored_pain = has_pain and pain.score is not None and bool(pain.sites) and not (
        {"injuries_add", "injuries_remove"} & set(update))
    # "long run is 100 mins, skipped it today": the length of the run missed, told with
    # no word of a lasting change ("now", "from now on"), sizes that run.
    length_of_missed = set(update) == {"long_run_minutes"} and bool(
        pattern("messages", "missed").search(
            pattern("messages", "long_run_change").sub(" ", lowered))) and not (
        pattern("messages", "plan_edit_marker").search(lowered))
    intent: MessageIntent
    if update and (not question or requests) and not (
            only_broken and missed_said and session_words) and not scored_pain and not (
            length_of_missed):
        intent = "profile_update"
    elif only_part:
        intent = "pain"  # "knee?? 😬": a part alone is what hurts, asked or not
    elif done_said and session_words and not has_pain:
        intent = "done"
    elif missed_said and session_words and _pain_is_why(lowered, statements):
        intent = "pain"  # "missed yesterday's run bc my achilles was too sore": triage first
    elif question and _asks_in_general(statements, questions, today=today):
        intent = "article_question"  # "trails closed. how do ppl keep training?"
    elif (missed_said or asks_substitute) and session_words and not (
            asks_plan and not asks_substitute):
        intent = "missed_run"
    elif question and scored and _told_pain(statements) and (
            _asks_leave(questions) or not any(pattern("messages", "plan_anchor").search(c)
                                              for c in questions)):
        # "knees both ache after the long run, 3/10. is that normal?": pain told with its
        # score comes first (triage) when what is asked is not about the plan, or asks
        # only whether it is all right to go on ("4/10, is running tomorrow ok?", "safe to
        # do sunday's long run?"); "what's on tomorrow?" after it is a plan question.
        intent = "pain"
    elif question and own_plan and not (
            pattern("messages", "off_topic").search(lowered)
            and not durations.names_a_run(lowered)):
        intent = "plan_question"
    elif question and any(substitute.search(c) for c in questions) and pattern(
            "messages", "topic").search(lowered) and not missed_said:
        intent = "article_question"  # what to do instead, asked in general: the articles
    elif question and pain.score is None and _supposes_pain(lowered) and pattern(
            "messages", "weighs_options").search(lowered):
        intent = "article_question"  # "bike or pool if the knee is sore?": in general
    elif question and any(_reports_pain(c) or _scores_a_part(c) for c in statements):
        intent = "pain"  # "knee hurts on downhills, what should I do?" reports pain
    elif question and pattern("messages", "topic").search(lowered):
        intent = "article_question"  # "who are you?" asks nothing the articles answer
    elif missed and (session_words or read_day(lowered, today=today) is not None or
                     durations.read_duration(lowered)):
        intent = "missed_run"
    elif short_of_time and durations.names_a_run(lowered) and not has_pain and not done:
        # "30-40 mins is all i have today for the tempo": the session will not fit whole.
        intent = "missed_run"
    elif has_pain:
        intent = "pain"
    elif done:
        intent = "done"
    elif missed:
        intent = "missed_run"
    elif _logged(lowered, today=today):
        intent = "done"
    else:
        intent = "other"

    session = None
    day = None
    # Pain given as why a run was missed still names the run missed.
    missed_for_pain = intent == "pain" and missed_said and session_words
    # "calf cramped during intervals yesterday, like a 4", "knee 6/10 after today's run":
    # pain felt in a session the message names is felt in that day's planned session.
    pain_in_session = intent == "pain" and not missed_for_pain and bool(
        pattern("messages", "pain_in_session").search(lowered))
    asked_run = " ".join(questions)
    if intent == "pain" and not pain_in_session and not missed_for_pain and _asks_leave(
            questions) and durations.read_kind(asked_run) not in (None, "rest"):
        # "hip niggle, 2/10. ok to do the easy today?": the run asked about is the one the
        # pain is weighed against.
        session = read_session(asked_run, today=today, plan=plan, direction="future",
                               default_today=True)
        return MessageReading(intent=intent, session=session,
                              day=session.day if session else None,
                              pain=pain_reading if (has_pain or scored) else None)
    if pain_in_session:
        # Read from the clause that names the session ("cramp halfway through the long
        # run, now 3/10": the long run, not now).
        where = pattern("messages", "pain_in_session").search(lowered)
        clause = _clause_around(lowered, *where.span()) if where else lowered
        # "knee is a 5 today after yesterday's run": the day said with the session is
        # the session's, not the day the pain is felt.
        said = read_day(where.group(0), today=today) if where else None
        if where and said is not None and said != read_day(clause, today=today):
            clause = where.group(0)
        # "20 min into the tempo": how far in it hurt is no length of the run.
        clause = pattern("messages", "length_into").sub(" ", clause)
        session = read_session(clause, today=today, plan=plan, direction="past",
                               default_today=True)
        return MessageReading(intent=intent, session=session,
                              day=session.day if session else None,
                              pain=pain_reading if (has_pain or scored) else None)
    if intent in ("missed_run", "done", "plan_question", "profile_update") or missed_for_pain:
        direction = _tense(lowered, intent)
        # "legs are wrecked from yesterday's intervals, should i still do the tempo
        # today?": the session asked about is the one the question names.
        asked = " ".join(questions)
        # A question of a day alone after a miss ("missed yesterday. will double up
        # today?") or pointing back ("should i do it today?") asks of the run told.
        about = asked if intent == "plan_question" and statements and (
            durations.read_kind(asked) not in (None, "rest") or (
                read_day(asked, today=today) is not None and not missed_said
                and not re.search(r"\b(?:it|that|them|this one)\b", asked))) else lowered
        if about is not lowered:
            direction = _tense(about, intent)  # a past told before is not the question's
        if intent == "profile_update":
            long_run = update.get("long_run_minutes")
            if isinstance(long_run, int):
                session = SessionReading(kind="long", minutes=long_run)
        else:
            session = read_session(
                _missed_run_lengths(lowered) if intent == "missed_run" else about,
                today=today, plan=plan, direction=direction,
                default_today=intent in ("missed_run", "done") or missed_for_pain or (
                    intent == "plan_question" and durations.names_a_run(lowered)),
                prefer_plan_minutes=intent == "plan_question",
                # "finished my long run": today's, whatever the plan said.
                today_first=intent == "done")
            day = session.day if session else read_day(lowered, today=today,
                                                         direction=direction)
            if intent == "missed_run":
                # "tuesday i didnt run ... anyway today i'm skipping too": of several days
                # told missed, the latest is the one still to act on.
                # "couldnt sleep last night so no run this morning": a reason's day is
                # not the run's, so "so" and "because" part clauses too.
                parts = [part for clause in statements
                         for part in re.split(r"\b(?:and|but|then|also|plus|so|because|"
                                              r"cause|cos|coz|bc)\b", clause)]
                # "missed sat's easy 40 and sunday's long run": a day joined to a miss
                # with no verb of its own is missed too.
                missed_word = pattern("messages", "missed")
                run_words = re.compile(r"\b(?:" + durations.session_words_fragment()
                                       + r"|the|my|'s|s)\b|\d+")

                filler = pattern("messages", "joined_miss_filler")

                def only_a_day(part: str) -> bool:
                    rest = filler.sub(" ", run_words.sub(" ", part))
                    for _, start, end in reversed(_days.weekdays_in(rest)):
                        rest = rest[:start] + " " + rest[end:]
                    return not rest.strip(" ,.'") and bool(_days.weekdays_in(part))

                shares = [index > 0 and bool(missed_word.search(parts[index - 1]))
                          and only_a_day(part) for index, part in enumerate(parts)]
                told = [(said, clause) for clause, shared in zip(parts, shares, strict=True)
                        if (missed_word.search(clause) or shared)
                        and (said := read_day(clause, today=today, direction=direction))]
                # "missed thursday's 6x800, only had 25 min at lunch so i skipped it": a
                # run missed as "it" is the run named before, not a day of its own.
                if len(told) > 1:
                    told = [told[0], *(pair for pair in told[1:]
                                       if not _missed_refers_back(pair[1]))]
                # "missed monday easy run ... will do it today instead": the day it is
                # made up on is no day missed.
                kept = [pair for pair in told
                        if not pattern("messages", "made_up_later").search(pair[1])]
                told = kept or told
                # "missed wednesday's intervals. prob gonna miss tmrw too": a miss only
                # guessed at is no day missed beside one told for sure.
                sure = [pair for pair in told
                        if not pattern("messages", "hedged_miss").search(pair[1])]
                told = sure or told
                # "yesterday's hills i missed, not today": a day only denied is no miss.
                told = [pair for pair in told
                        if not _days.only_denies(pair[1], today=today)] or told
                # "monday i did my easy run fine, then tuesday the tempo didnt happen":
                # the day told missed, not the first day named.
                if len({said for said, _ in told}) > 1 or (
                        told and _days.corrected_part(lowered) is None and (
                            clause_session := read_session(
                                told[0][1], today=today, plan=plan, direction=direction,
                                default_today=True)) and clause_session.day != day):
                    latest = _missed_run_lengths(max(told, key=lambda pair: pair[0])[1])
                    session = read_session(latest, today=today, plan=plan,
                                           direction=direction, default_today=True)
                    day = session.day if session else day
            said_day = read_day(about, today=today, direction=direction)
            planned = plan.get(said_day.weekday()) if plan and said_day else None
            if intent == "plan_question" and said_day is not None and planned and not (
                    _days.says_weekend(lowered)):
                # "is thursday a hard day or an easy one?": the plan answers, whatever
                # kind the question guesses.
                session = SessionReading(kind=planned[0], minutes=planned[1], day=said_day,
                                         from_plan=True)
                day = said_day
            elif intent == "plan_question" and said_day is None and plan and (
                    extreme := _plan_extreme(about, plan, today=today)) is not None:
                session, day = extreme, extreme.day
            elif intent == "done" and session and session.available_minutes and (
                    session.from_plan or session.minutes is None):
                # "only 2 hrs not 2h15": what was run, not time to spare.
                session = replace(session, minutes=session.available_minutes,
                                  from_plan=False)
    return MessageReading(intent=intent, session=session, day=day,
                          pain=pain_reading if (has_pain or scored) else None,
                          update=update if intent == "profile_update" else {})


def _plan_extreme(lowered: str, plan: Mapping[int, tuple[str, int]], *,
                  today: date) -> SessionReading | None:
    """"whats my longest run this week", "shortest session?": the plan's run of most (or
    fewest) minutes, on its next day (this week's, when the week is said); None when the
    question asks no such thing."""
    extremes: dict[str, list[str]] = entry("messages", "plan_extremes")
    which = next((key for key, words in extremes.items()
                  if re.search(alternation(words), lowered)), None)
    runs = [(weekday, kind, minutes) for weekday, (kind, minutes) in plan.items()
            if kind != "rest" and minutes]
    if which is None or not runs:
        return None
    pick = max if which == "max" else min
    weekday, kind, minutes = pick(runs, key=lambda run: (run[2], -run[0]))
    on = today + timedelta(days=weekday - today.weekday())
    if on < today and not pattern("messages", "plan_extreme_this_week").search(lowered):
        on += timedelta(days=7)
    return SessionReading(kind=kind, minutes=minutes, day=on, from_plan=True)


def _missed_run_lengths(lowered: str) -> str:
    """``lowered`` with every length blanked that is not the missed run's own: a length
    belongs to the clause it is said in, and only a clause about the run sizes it. Kept:
    time the athlete has ("maybe 40 mins tonight"), lengths in the clause telling the
    miss, and in a clause naming a run or its planned length ("it was meant to be 45")
    or saying little else ("50 min"). Blanked: a substitute or other activity ("thinking
    2 hrs on the trainer instead?"), time spent on something else ("i spent 2 hrs
    waiting for the tow truck"), a question, and the part done before stopping ("bailed
    after 10 min", "quit 15 mins in")."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in [*_CLAUSE_BREAKS.finditer(lowered), None]:
        end = match.start() if match else len(lowered)
        spans.append((position, end))
        position = match.end() if match else len(lowered)
    missed = pattern("messages", "missed")
    miss = next((span for span in spans if missed.search(lowered[slice(*span)])), None)
    if miss is None:
        return lowered
    questions = {span for span in spans if span[1] < len(lowered) and "?" in lowered[
        span[1]:span[1] + 1]}
    before = re.compile(alternation(entry("sessions", "part_done_before"))
                        + r"(?:\s+(?:like|about|around|~|a|an|the|my))*\s*$")
    after = re.compile(r"^\s*" + alternation(entry("sessions", "part_done_after")))
    result = lowered
    for start, end, _ in durations.lengths(lowered):
        if durations.is_available(lowered, start, end):
            continue
        span = next(sp for sp in spans if sp[0] <= start < max(sp[1], sp[0] + 1))
        clause = lowered[slice(*span)]
        part_done = before.search(lowered[span[0]:start]) or after.search(lowered[end:])
        other = [a for a in _activities_in(clause, every=True) if _family(a) != "running"]
        # "swapped the tempo for 45 min on the bike": a length beside another activity
        # is that activity's, even in the clause telling the miss.
        following = lowered[end:min(span[1], end + 24)]
        elsewhere = any(_family(a) != "running" for a in _activities_in(following, every=True))
        about_the_run = (not elsewhere and span == miss) or (
            span not in questions and not other and not pattern("messages", "instead").search(
                clause) and (durations.names_a_run(clause) or len(clause.split()) <= 3
                             or pattern("sessions", "planned_length").search(clause)))
        if part_done or not about_the_run:
            result = result[:start] + " " * (end - start) + result[end:]
    return result


def _only_a_part(lowered: str, text: str) -> bool:
    """A message that is a body part and nothing but emoji or punctuation ("knee 😭",
    "left achilles...", "hamstring 😩😩"): the part is what hurts."""
    words = re.sub(r"[^\w\s'/-]", " ", strip_symbols(lowered)).split()
    if not words or len(words) > 3 or strip_symbols(text).strip(" .!?") == text.strip(" .!?"):
        return False
    found = body.sites(" ".join(words))
    sides = {side for side, _ in body.sides()}
    rest = [w for w in words if w not in sides and w not in ("my", "the", "ugh", "again")]
    return len(found) == 1 and bool(rest) and all(
        w in found[0][0].split() or body.sites(w) for w in rest)


def _done_another_way(lowered: str) -> str | None:
    """A run done another way than planned: on the treadmill, on the road or on another
    day, said with "instead" ("too icy outside, hopped on the treadmill instead, 30
    easy", "did my long run on saturday instead of sunday"). Returns the text with that
    "instead" and the reasons for it ("rained out", "track was locked") blanked, so what
    remains says whether anything else was missed; None when no run was done another way
    (cross-training in its place, or a run only to be made up later, is a run missed)."""
    instead = pattern("messages", "another_way")
    cross = pattern("messages", "cross_training")
    run_done = pattern("messages", "another_way_run")
    later = pattern("messages", "made_up_later")
    future = pattern("messages", "future_tense")
    missed = pattern("messages", "missed")
    found = False
    for match in instead.finditer(lowered):
        clause = _clause_around(lowered, *match.span())
        rest = clause.replace(match.group(0), " ")
        if cross.search(clause) or later.search(clause) or future.search(clause) or (
                missed.search(rest)) or not (run_done.search(rest) or (
                durations.names_a_run(rest) and re.search(r"\bdid\b|\bdone\b", rest))):
            return None
        found = True
    if not found:
        return None
    # "8 by 400 on tuesday instead of the tempo": the run it replaced goes with "instead".
    replaced = re.compile(r"\b(?:instead of|rather than)\s+(?:the |my |a |an )?(?:\w+'?s )?"
                          + durations.session_words_fragment() + r"\b")
    blank = replaced.sub(lambda m: " " * len(m.group(0)), lowered)
    blank = instead.sub(lambda m: " " * len(m.group(0)), blank)
    return pattern("messages", "another_way_reason").sub(lambda m: " " * len(m.group(0)),
                                                         blank)


def _asks_in_general(statements: list[str], questions: list[str], *, today: date) -> bool:
    """Every question asks what other people do ("how do ppl keep training when the
    trails close", "what did that 29029 lady do"), or the message supposes a stretch of
    training ("if i cross-train for 3 weeks instead of running, how much fitness do i
    lose"), and no statement tells a day or a session of the athlete's own: a question
    for the articles, not a run missed."""
    others = pattern("messages", "asks_of_others")
    supposed = pattern("messages", "supposed_for_a_while")
    general = all(others.search(c) or supposed.search(c) for c in questions) or any(
        supposed.search(c) for c in statements)
    if not questions or not general:
        return False
    told = [c for c in statements if not supposed.search(c)]
    own = pattern("messages", "own_session")
    return not any(read_day(c, today=today) is not None or (
        own.search(c) and durations.names_a_run(c)) for c in told)


def _missed_refers_back(clause: str) -> bool:
    """The run a clause tells missed is a pronoun ("so i skipped it", "couldn't do that
    one") and the clause names no weekday."""
    missed = pattern("messages", "missed").search(clause)
    back = re.compile(entry("messages", "missed_refers_back"))
    return bool(missed and back.match(clause[missed.end():])) and not _days.weekdays_in(
        clause)


_BRACKETED = re.compile(r"\(([^()]*)\)")


def _lengths_put_instead(lowered: str) -> str:
    """"make my long run 2 hours instead of 90 min": a length put in place of another is
    the new length ("2 hours"), no run missed or swapped; "earlier i said thursday tempo
    45, its actually 50" is that run's length told again ("... is actually 50")."""
    lowered = pattern("messages", "length_said_then_corrected").sub(
        r"\g<said> is actually \g<length>", lowered)
    return pattern("messages", "length_instead_of").sub(r"\g<length>", lowered)


def _without_guesses_asked(lowered: str) -> str:
    """"arch hurts (plantar fasciitis i think??) 5/10", "missed my easy run (the 40 min
    one?)": a question mark inside brackets marks a guess, not a question, unless the
    brackets open like a question ("(is that normal?)")."""
    starts = pattern("messages", "question_start")
    return _BRACKETED.sub(lambda m: m.group(0) if starts.match(m.group(1).strip()) else (
        "(" + m.group(1).replace("?", " ") + ")"), lowered)


def _after_retraction(lowered: str) -> str:
    """"I skipped the run. Just kidding I did it, 40 minutes": what a joke takes back is
    not said; the message is what follows it."""
    found = list(pattern("messages", "retraction").finditer(lowered))
    after = lowered[found[-1].end():] if found else ""
    return after.strip(" ,.!;:-") if after.strip(" ,.!;:-😂🤣😜😉") else lowered


def _logged(lowered: str, *, today: date) -> bool:
    """A run written down as a log ("yesterday: easy 5 miles, about 48 min", "this
    morning - tempo 40'"): a kind of run with its length or distance, on a day gone by or
    on none, no word of the future and no question."""
    words = durations.read_session_words(lowered)
    # "Afternoon Run 8.4 km 41m 12s" (a watch's or an app's record): a run named with
    # both its distance and its time is a log, whatever its kind.
    record = words.kind is None and words.minutes is not None and (
        words.distance_km is not None) and durations.names_a_run(lowered)
    if not record and (words.kind in (None, "rest") or (
            words.minutes is None and words.distance_km is None)):
        return False
    if _is_question(lowered) or pattern("messages", "future_tense").search(lowered):
        return False
    said = read_day(lowered, today=today, direction="past")
    return said is None or said <= today


@cache
def _supposed_part() -> re.Pattern[str]:
    phrases = [p.replace("<part>", body.part_fragment())
               for p in entry("messages", "supposed_part")]
    return re.compile(alternation(phrases))


def _supposes_pain(lowered: str) -> bool:
    """A body part only supposed to hurt ("when the shin is grumpy", "with a sore knee")."""
    return bool(_supposed_part().search(lowered))


def _pain_is_why(lowered: str, statements: list[str]) -> bool:
    """Pain, not tiredness, is why a run was missed: said in a word for pain ("too sore"),
    or a part scored as it is now ("my achilles is at a 5"); "calves were toast, 4/10" is
    tired legs. A run skipped as a precaution with no score given ("shin a bit sore so I
    played it safe") is a missed run: the runner chose to rest, nothing to triage."""
    if pattern("messages", "precaution").search(lowered) and read_pain(lowered).score is None:
        return False
    if _reports_pain(lowered):
        return True
    now = pattern("messages", "pain_now")
    return any(_scores_a_part(c) and now.search(c) for c in statements)


def _tense(lowered: str, intent: str) -> _days.Direction:
    """Which way a weekday or a session named without a day points: back for what was
    missed or done, ahead for plans and what will not happen, else the closer one."""
    if pattern("messages", "past_tense").search(lowered):
        return "past"
    if intent == "plan_question" or pattern("messages", "future_tense").search(lowered):
        return "future"
    if _is_question(lowered) and pattern("questions", "opening").match(lowered):
        return "future"  # "is it ok to bike instead of the long run on sat?": one ahead
    return "past" if intent == "done" or pattern("messages", "past_verbs").search(
        lowered) else "nearest"


def read_checkin_answer(text: str, *, today: date) -> CheckinStatus | None:
    """The answer to "did you run today?": done, missed, swapped (did something else)
    or pain; None when the text says none of these."""
    lowered = _after_retraction(correct(normalise(text)))
    # A part named (legs aside: "legs felt bad" is fatigue) with a score, a stop or a
    # bare "no" is why the run went wrong.
    named = any(label != "leg" for label, _ in body.sites(lowered))
    if _reports_pain(lowered) or (named and (
            read_pain(lowered).score is not None or pattern("messages", "stopped").search(lowered)
            or read_answer(lowered) == "no")):
        return "pain"
    if pattern("messages", "nothing_run").search(lowered):
        return "missed"  # "work ran late, zero minutes", "ran 0k": no run
    done = pattern("messages", "done").search(lowered)
    # Something else done: said as a verb ("swam"), or any cross-training the catalogue
    # knows by name ("did 45 min spin instead", "hopped on the peloton").
    # A rest day is no other activity ("rest day today i think?" answers no).
    other = pattern("messages", "other_activity").search(lowered) or any(
        _family(activity) != "running" and activity != "rest"
        for activity in _activities_in(lowered, every=False))
    # "rest day today", "rested instead, legs dead": no run, and nothing else done.
    if not other and not done and pattern("messages", "checkin_rest").search(lowered):
        return "missed"
    # "did it on the treadmill instead of outside": the run itself, somewhere else.
    swapped = pattern("messages", "swapped")
    if (swapped.search(lowered) and (other or not done)) or (other and not done):
        return "swapped"
    if done:
        lowered = swapped.sub(" ", lowered)  # nor is that "instead" a run missed
        # "did the tempo, no pain at all": that "no" answers nothing.
        lowered = pattern("body", "zero_pain_any").sub(" ", lowered)
    answer = read_answer(lowered)
    # "not today, saving my legs": in answer to "did you run today?" that is a no.
    if answer == "skip" and pattern("messages", "checkin_missed").search(lowered):
        answer = "no"
    # "half of it, ran out of time": part of the run is a run done.
    partial = pattern("messages", "partial")
    # The "no" of a reason the run was cut ("cut it to 20, no time") answers nothing.
    if done and partial.search(lowered) and not pattern("messages", "missed").search(
            partial.sub(" ", lowered)) and read_answer(partial.sub(" ", lowered)) != "no":
        return "done"
    if pattern("messages", "missed").search(lowered) or answer == "no" or (
            pattern("messages", "unwell").search(lowered)):
        return "missed"
    if done or answer == "yes" or re.search(
            r"💪|🔥|🏃", text):
        return "done"
    return None
