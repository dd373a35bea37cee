"""Readers of what athletes write (first version: thin wrappers over the older parsers).

Each reader takes text as people type it and returns a value, or None when the text does
not say. The word lists belong in data files under ``coach/language/<lang>/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Literal

from coach import planning, sessions
from coach.intent import Intent, route
from coach.planning import PlannedRun
from coach.reasons import parse_reason

Answer = Literal["yes", "no", "skip"]
MessageIntent = Literal[
    "missed_run", "pain", "plan_question", "article_question", "profile_update", "done",
    "greeting", "thanks", "other",
]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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
    goal: str | None
    race_date: date | None


@dataclass(frozen=True, slots=True)
class MessageReading:
    """What a free message is about. ``update`` holds profile corrections such as
    ``{"long_run_minutes": 150}``, ``{"equipment_add": ["indoor_trainer"]}``,
    ``{"race_date": date(...)}``."""

    intent: MessageIntent
    session: SessionReading | None = None
    day: date | None = None
    pain: PainReading | None = None
    update: dict[str, object] = field(default_factory=dict)


def read_duration(text: str) -> int | None:
    """Minutes in "2h30", "2.5 hrs", "1:45", "90'", "45min", "an hour"; None if none."""
    try:
        session = sessions.parse_session_text(text)
    except ValueError:
        return None
    return session.minutes if session.minutes_given else None


def read_day(text: str, *, today: date) -> date | None:
    """The day meant by "yesterday", "last night", "on Tuesday" (the last one), "dec 18",
    "in three weeks"; None when the text names no day."""
    lowered = text.lower()
    if "yesterday" in lowered or "last night" in lowered:
        return today - timedelta(days=1)
    if "today" in lowered or "this morning" in lowered or "tonight" in lowered:
        return today
    try:
        return planning.parse_date(text, today=today)
    except ValueError:
        return None


def read_session(
    text: str, *, today: date, plan: Mapping[int, tuple[str, int]] | None = None
) -> SessionReading | None:
    """The session a message refers to: "my long run" is the plan's long run, "yesterday's
    run" yesterday's entry; explicit minutes and kinds in the text win."""
    day = read_day(text, today=today)
    try:
        parsed = sessions.parse_session_text(text)
    except ValueError:
        return None
    return SessionReading(
        kind=parsed.kind,
        minutes=parsed.minutes if parsed.minutes_given else None,
        day=day,
        reps=parsed.reps,
        work_minutes=parsed.work_minutes,
        rest_minutes=parsed.rest_minutes,
    )


def read_answer(text: str) -> Answer | None:
    """"yes ok", "sure 👍" -> yes; "nah", "rather not" -> no; "skip", "later" -> skip."""
    word = text.strip().lower().strip("!. ")
    if word in {"yes", "y", "yeah", "yep", "sure", "ok", "okay"}:
        return "yes"
    if word in {"no", "n", "nope", "nah"}:
        return "no"
    if word in {"skip", "later", "pass"}:
        return "skip"
    return None


def is_none_answer(text: str) -> bool:
    """"none", "nothing", "nope", "n/a", "none rn" mean: nothing to report."""
    return text.strip().lower().rstrip(".! ") in {"none", "nothing", "nope", "n/a", "no"}


def read_pain(text: str) -> PainReading:
    """"left knee, like a 6" -> score 6, sites ("left knee",)."""
    info = parse_reason(text)
    return PainReading(score=info.pain_score, sites=info.pain_locations)


def read_activities(text: str) -> Preferences:
    """"cycling I guess, not a fan of swimming" -> likes cycling, dislikes swimming."""
    return Preferences(likes=tuple(planning.split_list(text)))


def read_equipment(text: str) -> tuple[str, ...]:
    return tuple(planning.parse_equipment(text))


def read_plan(text: str) -> list[PlannedRun]:
    """The weekly plan in "Mon easy 40, Sat long 2h30"; ``planning.PlanParseError`` (a
    ValueError saying what is wrong) when a part cannot be read."""
    return planning.parse_weekly_plan(text)


def read_goal(text: str, *, today: date) -> GoalReading:
    """"Berlin marathon on sept 27" -> goal and race date (either may be None)."""
    goal = text.strip() or None
    try:
        race_date: date | None = planning.parse_date(text, today=today)
    except ValueError:
        race_date = None
    return GoalReading(goal=goal, race_date=race_date)


def read_clock_time(text: str) -> time | None:
    try:
        return planning.parse_clock_time(text)
    except ValueError:
        return None


_OLD_INTENTS: dict[Intent, MessageIntent] = {
    Intent.MISSED_RUN: "missed_run",
    Intent.PAIN: "pain",
    Intent.GREETING: "greeting",
    Intent.THANKS: "thanks",
    Intent.QUESTION: "article_question",
    Intent.RED_FLAG: "pain",
}


def read_message(
    text: str, *, today: date, plan: Mapping[int, tuple[str, int]] | None = None
) -> MessageReading:
    """What a free message is about (red flags are triage's business, not this one's)."""
    intent = _OLD_INTENTS[route(text).intent]
    session = read_session(text, today=today, plan=plan) if intent == "missed_run" else None
    pain = read_pain(text) if intent == "pain" else None
    return MessageReading(
        intent=intent, session=session, day=read_day(text, today=today), pain=pain
    )
