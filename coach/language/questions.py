"""Which question about their own training an athlete asks: making up a missed run,
whether an activity suits them, their long run's length, tomorrow's or today's session,
the week. Words from ``<lang>/questions.yaml``; None for anything the articles answer."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Literal

from coach.language import days as _days
from coach.language.durations import read_kind
from coach.language.lexicon import alternation, entry, normalise

OwnQuestion = Literal["make_up", "suits", "activity_length", "long_run_length",
                      "days_per_week", "tomorrow", "today", "day", "week"]


@cache
def _either(key: str) -> re.Pattern[str]:
    """The phrases of ``key`` as given (they carry their own anchors and boundaries)."""
    return re.compile("|".join(f"(?:{p})" for p in entry("questions", key)))


@cache
def _words(key: str) -> re.Pattern[str]:
    return re.compile(alternation(entry("questions", key)))


def is_question(text: str) -> bool:
    """A "?" anywhere, a question word first ("what's on tomorrow"), or a question asked
    inside a sentence ("just asking if i can run tmrw")."""
    lowered = normalise(text)
    return "?" in lowered or bool(re.match(rf"\s*{alternation(entry('questions', 'opening'))}",
                                           lowered)) or embedded_question(lowered) is not None


@cache
def _embedded() -> re.Pattern[str]:
    return re.compile(rf"{alternation(entry('questions', 'embedding'))}\s+(?:if|whether)\s+"
                      r"(i|it|it's|its|that's)\s+(can|could|should|may|might|is|would|'d)?\s*"
                      r"([^.;!?]*)")


def embedded_question(text: str) -> str | None:
    """The question asked inside a sentence, turned round: "just asking if i can run
    tmrw" -> "can i run tmrw?", "wondering whether it's ok to swim" -> "is it ok to
    swim?"; None when there is none."""
    found = _embedded().search(normalise(text))
    if found is None:
        return None
    subject, verb, rest = found.group(1), found.group(2), found.group(3).strip()
    if subject in ("it's", "its", "that's"):
        subject, verb = subject[:-2].rstrip("'"), "is"
    if not verb or not rest:
        return None
    return f"{verb} {subject} {rest}?"


def read_own_question(text: str, *, names_activity: bool = False) -> OwnQuestion | None:
    """The question about their own training ``text`` asks, or None. ``names_activity``:
    the text names an activity of the catalogue (for "should I do X?")."""
    if not is_question(text):
        return None
    lowered = normalise(text)
    tomorrow = bool(_words("tomorrow").search(lowered))
    today = bool(_words("today").search(lowered))
    if _either("make_up").search(lowered):
        return "make_up"
    if names_activity and _either("activity_length").search(lowered):
        return "activity_length"  # "today i go to the pool. how much time i do?"
    if names_activity and not tomorrow and _either("suits").search(lowered):
        return "suits"
    long_run = bool(_either("long_run_length").search(lowered))
    if long_run:
        return "long_run_length"
    if _either("days_per_week").search(lowered):
        return "days_per_week"
    on_the_plan = bool(_either("on_the_plan").search(lowered))
    if on_the_plan and tomorrow:
        return "tomorrow"
    if on_the_plan and today:
        return "today"
    if on_the_plan and (_days.find_weekday(lowered) or _either("other_day").search(lowered)):
        return "day"  # "what was I supposed to do yesterday", "what's on saturday"
    if _either("week").search(lowered):
        return "tomorrow" if tomorrow else "today" if today else "week"
    return None


def asked_day(text: str, *, today: date) -> date | None:
    """The day a question about the plan means: a past one when asked in the past tense
    ("what was I supposed to do on saturday"), else the next one."""
    lowered = normalise(text)
    direction: _days.Direction = "past" if _words("past").search(lowered) else "future"
    return _days.read_day(lowered, today=today, direction=direction)


def mentions_high_impact(text: str) -> bool:
    """Jumps, sprints, hill repeats, downhills: training that loads a sore leg hard."""
    return bool(_words("high_impact").search(normalise(text)))


def names_session_kind(text: str) -> bool:
    """The text names a kind of session ("my tempo", "the long one")."""
    return read_kind(text) is not None
