"""One snapshot of the athlete behind every reply.

Loaded once per use case, inside its transaction: profile, weekly plan, health details
(only with consent), equipment, likes and dislikes, goal and race date, the recent days,
and any safety hold. Use cases decide from it; ``coach/`` rules get plain values from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from coach.context import AthleteContext
from coach.red_flags import Allowed
from storage import repository
from storage.models import Athlete

RECENT_DAYS = 14
CHANGES_AHEAD_DAYS = 13  # one-week plan changes are read this far ahead
RECENT_PAIN_DAYS = 3  # pain this recent still shapes today's substitute


@dataclass(frozen=True, slots=True)
class PlannedDay:
    weekday: int  # Monday is 0
    kind: str
    minutes: int


@dataclass(frozen=True, slots=True)
class DayRecord:
    """A check-in of a recent day (pain only with consent)."""

    day: date
    status: str
    pain: int | None
    reason: str | None  # only with consent (it may describe pain)
    note: str | None

    @property
    def hurt(self) -> bool:
        """Pain was reported that day (its score is known only with consent)."""
        return self.status == "pain" or (self.pain or 0) > 0


@dataclass(frozen=True, slots=True)
class SafetyHold:
    since: datetime
    reason: str | None  # only with consent
    # What the flag behind it still allows; a hold from before this was stored allows
    # nothing, the strictest reading.
    allows: Allowed = Allowed.NOTHING


@dataclass(frozen=True, slots=True)
class AthleteSnapshot:
    athlete_id: int
    telegram_user_id: int
    chat_id: int
    name: str | None
    timezone: str
    language: str
    now: datetime
    today: date
    health_consent: bool
    onboarded: bool
    onboarding_step: str | None
    checkins_enabled: bool
    checkin_time: str
    paused: bool
    goal: str | None
    race_date: date | None
    race_date_approximate: bool
    plan: dict[int, PlannedDay]
    injuries: tuple[str, ...]
    limitations: str | None
    equipment: tuple[str, ...]
    likes: tuple[str, ...]
    dislikes: tuple[str, ...]
    recent: tuple[DayRecord, ...]
    hold: SafetyHold | None
    last_offer_at: datetime | None
    # Days that hold another session for their week only ("swap thu and sat this week").
    changes: Mapping[date, PlannedDay] = field(default_factory=dict)

    def planned_on(self, day: date) -> PlannedDay | None:
        """The session ``day`` holds: a change for that week, else the plan's entry for its
        weekday (a rest entry included), or None."""
        return self.changes.get(day) or self.plan.get(day.weekday())

    def coming_week(self) -> tuple[date, ...]:
        """Today and the six days after it."""
        return tuple(self.today + timedelta(days=ahead) for ahead in range(7))

    def week_traded(self) -> bool:
        """Whether a one-week change ("swap thu and sat this week") falls in the coming week."""
        return any(day in self.changes for day in self.coming_week())

    def record_of(self, day: date) -> DayRecord | None:
        return next((record for record in self.recent if record.day == day), None)

    @property
    def on_hold(self) -> bool:
        return self.hold is not None

    def days_to_race(self) -> int | None:
        return None if self.race_date is None else (self.race_date - self.today).days

    def context(self) -> AthleteContext:
        """The domain's view of the athlete for the substitution engine and answers."""
        extra = {"timezone": self.timezone}
        if self.limitations:
            extra["limitations"] = self.limitations
        return AthleteContext(
            name=self.name,
            goal=self.goal,
            goal_date=self.race_date,
            injuries=self.injuries,
            equipment=self.equipment,
            likes=self.likes,
            dislikes=self.dislikes,
            language=self.language,
            pain_reports=self.pain_days(),
            recent_pain=self.recent_pain(),
            extra=extra,
        )

    def recent_pain(self) -> tuple[str, ...]:
        """What was said of pain in the last few days (known only with consent)."""
        since = self.today - timedelta(days=RECENT_PAIN_DAYS)
        return tuple(_said_of_pain(record) for record in self.recent
                     if record.day >= since and record.hurt)

    def pain_days(self) -> int:
        """Recent days with pain reported (known only with consent)."""
        return sum(1 for record in self.recent if record.hurt)


def _said_of_pain(record: DayRecord) -> str:
    """A pain report as the rules read it: where it hurt (the reason or note), and its
    score, so a later plain /swap keeps the impact as low as the report did."""
    said = " ".join(part for part in (record.reason, record.note) if part)
    return f"{said} {record.pain}/10".strip() if record.pain is not None else said


def _allows(stored: str | None) -> Allowed:
    """What a stored hold allows; anything unknown or missing allows nothing."""
    try:
        return Allowed(stored) if stored else Allowed.NOTHING
    except ValueError:
        return Allowed.NOTHING


def athlete_id_of(athlete: Athlete) -> int:
    if athlete.id is None:
        raise RuntimeError("athlete is not stored yet")
    return athlete.id


def snapshot_of(session: Session, athlete: Athlete, *, now: datetime) -> AthleteSnapshot:
    """The snapshot of a stored ``athlete`` at ``now`` (read in ``session``)."""
    athlete_id = athlete_id_of(athlete)
    today = repository.local_today(athlete, now=now)
    consent = athlete.health_consent
    plan = {
        entry.weekday: PlannedDay(weekday=entry.weekday, kind=entry.kind, minutes=entry.minutes)
        for entry in repository.get_weekly_plan(session=session, athlete_id=athlete_id)
    }
    changes = {
        change.day: PlannedDay(weekday=change.day.weekday(), kind=change.kind,
                               minutes=change.minutes)
        for change in repository.list_plan_changes(
            session=session, athlete_id=athlete_id, since=today - timedelta(days=RECENT_DAYS),
            until=today + timedelta(days=CHANGES_AHEAD_DAYS))
    }
    recent = tuple(
        DayRecord(
            day=checkin.day,
            status=checkin.status,
            pain=checkin.pain if consent else None,
            reason=checkin.reason if consent else None,
            note=checkin.note,
        )
        for checkin in repository.list_checkins(
            session=session, athlete_id=athlete_id, since=today - timedelta(days=RECENT_DAYS)
        )
    )
    hold = (
        SafetyHold(since=athlete.hold_since, reason=athlete.hold_reason if consent else None,
                   allows=_allows(athlete.hold_allows))
        if athlete.hold_since is not None
        else None
    )
    return AthleteSnapshot(
        athlete_id=athlete_id,
        telegram_user_id=athlete.telegram_user_id,
        chat_id=athlete.chat_id,
        name=athlete.name,
        timezone=athlete.timezone,
        language=athlete.language,
        now=now,
        today=today,
        health_consent=consent,
        onboarded=athlete.onboarded,
        onboarding_step=athlete.onboarding_step,
        checkins_enabled=athlete.checkin_enabled,
        checkin_time=athlete.checkin_time,
        paused=athlete.paused,
        goal=athlete.goal_event,
        race_date=athlete.goal_date,
        race_date_approximate=athlete.goal_date_approximate,
        plan=plan,
        injuries=tuple(athlete.injuries) if consent else (),
        limitations=athlete.limitations if consent else None,
        equipment=tuple(athlete.equipment),
        likes=tuple(athlete.likes),
        dislikes=tuple(athlete.dislikes),
        recent=recent,
        hold=hold,
        last_offer_at=athlete.last_offer_at,
        changes=changes,
    )


def load_snapshot(session: Session, *, athlete_id: int, now: datetime) -> AthleteSnapshot:
    """The snapshot of athlete ``athlete_id``; ``repository.NotFoundError`` if gone."""
    athlete = repository.require_athlete(session=session, athlete_id=athlete_id)
    return snapshot_of(session, athlete, now=now)
