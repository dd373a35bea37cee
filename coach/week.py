"""One athlete's week: what was planned, what was done, and how well the two match.

Pure values in, pure values out (no Telegram, no database). Compliance follows the
colours coaches know from training logs: a planned session done within ±20% of its time
is ``done``; 50-79% or 121-150% is ``partial``; anything further off is ``off``; a planned
session with nothing done is ``missed``; another activity in its place is ``swapped``;
a day with nothing planned is ``rest``. Days still ahead are ``upcoming``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

Compliance = Literal["done", "partial", "off", "missed", "swapped", "rest", "upcoming"]
COMPLIANCES: Final[tuple[Compliance, ...]] = (
    "done", "partial", "off", "missed", "swapped", "rest", "upcoming",
)
CLOSE: Final = (0.8, 1.2)  # done: within ±20% of the planned time
NEAR: Final = (0.5, 1.5)  # partial: 50-79% or 121-150%
PAIN_FLAG_AT: Final = 4  # a pain score that makes a coach look


@dataclass(frozen=True, slots=True)
class Session:
    """Something the athlete did (from a file, or a substitute they chose)."""

    activity: str
    minutes: int


@dataclass(frozen=True, slots=True)
class DayInput:
    """What we know about one day, as the use case gathered it."""

    planned_kind: str | None = None
    planned_minutes: int = 0
    status: str | None = None  # the check-in: pending, done, missed, swapped, pain
    pain: int | None = None  # only with consent
    sessions: tuple[Session, ...] = ()
    substitute: str | None = None  # a substitute chosen for this day's check-in
    substitute_minutes: int | None = None  # as offered and chosen (a 30 min cap, say)


@dataclass(frozen=True, slots=True)
class WeekDay:
    day: date
    planned_kind: str | None
    planned_minutes: int
    done_minutes: int
    compliance: Compliance
    substitute: str | None  # the activity done instead of the run, named
    pain: int | None

    @property
    def is_planned(self) -> bool:
        return self.planned_kind not in (None, "rest") and self.planned_minutes > 0


@dataclass(frozen=True, slots=True)
class Week:
    start: date  # a Monday
    days: tuple[WeekDay, ...]
    on_hold: bool = False
    # A weekly plan exists, even if none of its sessions falls in this week's tracked days.
    has_plan: bool = False
    # The day the athlete joined, when after this week's Monday: days before it were
    # never tracked (None otherwise; ``build_week`` takes any joining day).
    tracked_from: date | None = None

    @property
    def planned_minutes(self) -> int:
        return sum(day.planned_minutes for day in self.days if day.is_planned)

    @property
    def done_minutes(self) -> int:
        return sum(day.done_minutes for day in self.days)

    @property
    def planned_sessions(self) -> int:
        return sum(1 for day in self.days if day.is_planned)

    @property
    def max_pain(self) -> int | None:
        scores = [day.pain for day in self.days if day.pain is not None]
        return max(scores) if scores else None

    @property
    def pain_days(self) -> int:
        return sum(1 for day in self.days if day.pain is not None and day.pain >= 1)

    def count(self, compliance: Compliance) -> int:
        return sum(1 for day in self.days if day.compliance == compliance)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def classify(
    *, planned_minutes: int, planned_kind: str | None, done_minutes: int,
    status: str | None, swapped: bool, upcoming: bool,
) -> Compliance:
    """The compliance colour of one day (see the module doc)."""
    planned = planned_kind not in (None, "rest") and planned_minutes > 0
    if not planned:
        return "rest"
    if swapped:
        return "swapped"
    if done_minutes > 0:
        ratio = done_minutes / planned_minutes
        if CLOSE[0] <= ratio <= CLOSE[1]:
            return "done"
        if NEAR[0] <= ratio <= NEAR[1]:
            return "partial"
        return "off"
    if status == "missed" or (status == "pain" and not upcoming):
        return "missed"
    if upcoming:
        return "upcoming"
    return "missed"


def build_week(
    *, start: date, today: date, days: Mapping[date, DayInput], on_hold: bool = False,
    has_plan: bool = False, tracked_from: date | None = None,
) -> Week:
    """The week from Monday ``start``: each day classified; ``today`` and later are
    ``upcoming`` until something is recorded."""
    built: list[WeekDay] = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        data = days.get(day, DayInput())
        runs = [s for s in data.sessions if s.activity == "running"]
        others = [s for s in data.sessions if s.activity != "running"]
        run_minutes = sum(s.minutes for s in runs)
        other_minutes = sum(s.minutes for s in others)
        substitute = data.substitute or (others[0].activity if others and not runs else None)
        swapped = (data.status == "swapped" or substitute is not None) and not runs
        if data.status == "done" and not data.sessions:
            # Checked in as done without a file: take the plan at its word.
            run_minutes = data.planned_minutes
        done = run_minutes or (other_minutes if swapped else 0)
        if swapped and not done and data.substitute:
            # The option as chosen; a row from before options kept minutes: the plan's.
            done = data.substitute_minutes or data.planned_minutes
        built.append(WeekDay(
            day=day,
            planned_kind=data.planned_kind,
            planned_minutes=data.planned_minutes if data.planned_kind != "rest" else 0,
            done_minutes=done + (other_minutes if runs else 0),
            compliance=classify(
                planned_minutes=data.planned_minutes, planned_kind=data.planned_kind,
                done_minutes=run_minutes, status=data.status, swapped=swapped,
                # Pain told today is no run missed: the run may still be done or swapped.
                upcoming=day >= today and data.status in (None, "pending", "pain"),
            ),
            substitute=substitute if swapped else None,
            pain=data.pain,
        ))
    if tracked_from is not None and not start < tracked_from < start + timedelta(days=7):
        tracked_from = None  # joined before this week (or after it): every day is tracked
    return Week(start=start, days=tuple(built), on_hold=on_hold, has_plan=has_plan,
                tracked_from=tracked_from)


def attention(week: Week) -> tuple[int, int, int, int]:
    """A sort key: who needs the coach first (smaller is more urgent).

    A safety hold first, then pain (highest score), then missed sessions, then sessions
    well off their planned time.
    """
    return (
        0 if week.on_hold else 1,
        -(week.max_pain or 0),
        -week.count("missed"),
        -(week.count("off") + week.count("partial")),
    )


def needs_attention(week: Week) -> bool:
    return (week.on_hold or (week.max_pain or 0) >= PAIN_FLAG_AT
            or week.count("missed") >= 2)
