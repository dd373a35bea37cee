"""Keyword-only data access for the athlete store. No SQL outside this module.

Every function takes the ``session`` first and never commits: the caller owns the
transaction (``storage.db.session_scope``), so an update's changes and its
:func:`mark_update_processed` row commit or roll back together.

The repository stores and loads. Whether a health detail (injuries, a pain score, a
reason about the body) may be written is the use cases' business (``usecases/``): they
decide from the athlete's consent and pass only what may be kept. Errors are
:class:`StorageError` subclasses.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from typing import Any, Final, cast
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import Integer, and_, bindparam, case, event, func, insert, or_
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, SQLModel, col, delete, select, update

from coach.context import AthleteContext
from storage.models import (
    ATHLETE_OWNED_TABLES,
    CHECKIN_STATUSES,
    DISPATCH_KINDS,
    TURN_ROLES,
    WEEKLY_DISPATCH_KIND,
    WEEKLY_KINDS,
    Athlete,
    AthleteUpdate,
    CheckIn,
    ConversationTurn,
    Dispatch,
    LoggedActivity,
    PlanChange,
    PlannedSession,
    PlannedSessionIn,
    ProcessedUpdate,
    ReplyOutbox,
    Substitution,
    WeeklySummary,
    utcnow,
    validate_hhmm,
    validate_timezone,
)

log = logging.getLogger(__name__)

EXPORT_FORMAT: Final = "crosstrain-athlete-export"
EXPORT_VERSION: Final = 2
DEFAULT_TURNS_KEPT: Final = 20
MAX_TEXT: Final = 4000
# Skipping is always a valid answer to a missed run, offered or not.
REST_ACTIVITY: Final = "rest"


class StorageError(Exception):
    """A refusal from the store; the message is fit to show to the athlete."""


class NotFoundError(StorageError):
    """No such row for this athlete (also used for another athlete's row: no leak)."""


class InvalidValueError(StorageError, ValueError):
    """A value the store will not accept (bad time, unknown kind, out of range...)."""


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One athlete the coach should look at: missed sessions and pain since a day."""

    athlete_id: int
    telegram_user_id: int
    name: str | None
    missed: int
    pain_reports: int
    max_pain: int | None
    last_day: date


# --- helpers ---------------------------------------------------------------------------


def _insert(session: Session, model: type[SQLModel]) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT on both SQLite and PostgreSQL."""
    dialect = session.get_bind().dialect.name
    table = model.__table__  # type: ignore[attr-defined]
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise StorageError(f"The {dialect} database is not supported; use SQLite or PostgreSQL.")


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _clean_text(value: str | None, *, limit: int = MAX_TEXT) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text[:limit] or None


def _friendly(error: ValidationError) -> str:
    messages = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()))
        message = str(item.get("msg", "invalid value")).removeprefix("Value error, ")
        messages.append(f"{where}: {message}" if where else message)
    return "; ".join(messages)


def _json_safe(value: Any, what: str) -> Any:
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError) as error:
        raise InvalidValueError(f"{what} must be plain JSON data ({error})") from error


def _int_in_range(value: Any, name: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidValueError(f"{name} must be a whole number from {low} to {high}")
    try:
        number = int(value)
    except ValueError as error:
        raise InvalidValueError(f"{name} must be a whole number from {low} to {high}") from error
    if not low <= number <= high:
        raise InvalidValueError(f"{name} must be from {low} to {high}, not {number}")
    return number


# --- statements built once ----------------------------------------------------------------
# The reads and writes every message makes, built once with bound parameters: building a
# statement and its cache key again for each call cost more than running it on SQLite.
_BY_TELEGRAM_ID: Final = select(Athlete).where(
    Athlete.telegram_user_id == bindparam("telegram_user_id"))
_WEEKLY_PLAN: Final = (select(PlannedSession)
                       .where(PlannedSession.athlete_id == bindparam("athlete_id"))
                       .order_by(col(PlannedSession.weekday)))
_CHECKINS_SINCE: Final = (select(CheckIn)
                          .where(CheckIn.athlete_id == bindparam("athlete_id"),
                                 CheckIn.day >= bindparam("since"))
                          .order_by(col(CheckIn.day)))
_PLAN_CHANGES_BETWEEN: Final = (select(PlanChange)
                                .where(PlanChange.athlete_id == bindparam("athlete_id"),
                                       col(PlanChange.day) >= bindparam("since"),
                                       col(PlanChange.day) <= bindparam("until"))
                                .order_by(col(PlanChange.day)))
_CHECKIN_ON: Final = select(CheckIn).where(CheckIn.athlete_id == bindparam("athlete_id"),
                                           CheckIn.day == bindparam("day"))
_LATEST_SUBSTITUTIONS: Final = (select(Substitution)
                                .where(Substitution.athlete_id == bindparam("athlete_id"))
                                .order_by(col(Substitution.id).desc())
                                .limit(bindparam("limit", type_=Integer)))
_RECENT_TURNS: Final = (select(ConversationTurn)
                        .where(ConversationTurn.athlete_id == bindparam("athlete_id"))
                        .order_by(col(ConversationTurn.id).desc())
                        .limit(bindparam("limit", type_=Integer)))
_TURNS_TABLE: Final = ConversationTurn.__table__  # type: ignore[attr-defined]
_LAST_TURN_TEXT: Final = (sa_select(_TURNS_TABLE.c.text)
                          .where(_TURNS_TABLE.c.athlete_id == bindparam("athlete_id"),
                                 _TURNS_TABLE.c.role == bindparam("role"))
                          .order_by(_TURNS_TABLE.c.id.desc())
                          .limit(1))
_ADD_TURNS: Final = insert(_TURNS_TABLE)
_TRIM_TURNS: Final = _TURNS_TABLE.delete().where(
    _TURNS_TABLE.c.athlete_id == bindparam("owner"),
    _TURNS_TABLE.c.id.not_in(
        sa_select(_TURNS_TABLE.c.id)
        .where(_TURNS_TABLE.c.athlete_id == bindparam("owner"))
        .order_by(_TURNS_TABLE.c.id.desc())
        .limit(bindparam("keep", type_=Integer))
        .scalar_subquery()))
_OUTBOX: Final = ReplyOutbox.__table__  # type: ignore[attr-defined]
_ADD_OUTBOX: Final = insert(_OUTBOX).returning(_OUTBOX.c.id, sort_by_parameter_order=True)
_MARK_OUTBOX_SENT: Final = (
    _OUTBOX.update()
    .where(_OUTBOX.c.id.in_(bindparam("ids", expanding=True)),
           _OUTBOX.c.status == "claimed", _OUTBOX.c.claimed_by == bindparam("worker"))
    .values(status="sent", sent_at=bindparam("now"), payload="", claim_expires_at=None)
    .returning(_OUTBOX.c.id))
# The update-id claim, per dialect (ON CONFLICT is the dialect's).
_CLAIM_UPDATE: dict[str, Any] = {}


def _claim_update_statement(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    statement = _CLAIM_UPDATE.get(dialect)
    if statement is None:
        table = ProcessedUpdate.__table__  # type: ignore[attr-defined]
        statement = _CLAIM_UPDATE[dialect] = (
            _insert(session, ProcessedUpdate)
            .values(update_id=bindparam("update_id"), processed_at=bindparam("processed_at"))
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(table.c.update_id))
    return statement


# --- rows read earlier in the same transaction -------------------------------------------
# A use case reads the athlete's rows once (usecases/snapshot.py) and its steps then ask
# for some of them again ("is today's check-in waiting for a reason?", "the latest swap
# offered"). Until the session writes anything, those are answered from the rows already
# read in this transaction instead of another query: any write statement, flush, commit or
# rollback (a savepoint's too) forgets them, and so do pending changes not yet flushed.
_READ_MEMO: Final = "crosstrain_read_memo"


def _memo(session: Session) -> dict[tuple[str, int], Any] | None:
    """The rows this transaction read, or None when they may no longer be current."""
    memo: dict[tuple[str, int], Any] | None = session.info.get(_READ_MEMO)
    if memo is None or session.new or session.deleted or session.dirty:
        return None
    return memo


def _remember(session: Session, key: tuple[str, int], value: Any) -> None:
    session.info.setdefault(_READ_MEMO, {})[key] = value


def _forget_reads(session: OrmSession, *_: Any) -> None:
    session.info.pop(_READ_MEMO, None)


def _forget_reads_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget_reads(state.session)


def _forget_reads_at_end(session: OrmSession, transaction: Any) -> None:
    if transaction.parent is None:  # the transaction itself, not a savepoint in it
        _forget_reads(session)


# Writes go through Session.execute (do_orm_execute) or a flush; nothing in this module
# writes through session.connection() directly (that would bypass the memo's forgetting).
for _event in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(OrmSession, _event, _forget_reads)
event.listen(OrmSession, "after_transaction_end", _forget_reads_at_end)
event.listen(OrmSession, "do_orm_execute", _forget_reads_on_write)


# --- athletes --------------------------------------------------------------------------


# The athletes a session loaded, held for as long as the session lives (one update, or one
# transaction): the session's identity map holds objects weakly, so without this every
# step of an update that looks the athlete up again (several per message) ran a query for
# the object the session had just had.
_KEPT_ATHLETES = "crosstrain_kept_athletes"


def _keep(session: Session, athlete: Athlete | None) -> Athlete | None:
    if athlete is not None and athlete.id is not None:
        session.info.setdefault(_KEPT_ATHLETES, {})[athlete.id] = athlete
    return athlete


def _kept_by_telegram_id(session: Session, telegram_user_id: int) -> Athlete | None:
    """The athlete this session holds for the Telegram user, if it is current: loaded in
    this session, not deleted, and not expired by a rollback (then: None, and a query)."""
    kept: dict[int, Athlete] = session.info.get(_KEPT_ATHLETES, {})
    for athlete in kept.values():
        state = sa_inspect(athlete)
        if (state.persistent and not state.expired and not state.expired_attributes
                and athlete.telegram_user_id == telegram_user_id):
            return athlete
    return None


def get_athlete(*, session: Session, athlete_id: int) -> Athlete | None:
    """The athlete with this id, or None."""
    return _keep(session, session.get(Athlete, athlete_id))


def require_athlete(*, session: Session, athlete_id: int) -> Athlete:
    """The athlete with this id, or NotFoundError."""
    athlete = _keep(session, session.get(Athlete, athlete_id))
    if athlete is None:
        raise NotFoundError(f"no athlete with id {athlete_id}")
    return athlete


def _lock_athlete(*, session: Session, athlete_id: int) -> Athlete:
    """The athlete, row-locked until the transaction ends, so writers that replace a
    set of their rows (the weekly plan) take turns. SQLite is serialised already."""
    query = select(Athlete).where(Athlete.id == athlete_id)
    if _is_postgres(session):
        query = query.with_for_update()
    athlete = session.exec(query).first()
    if athlete is None:
        raise NotFoundError(f"no athlete with id {athlete_id}")
    return athlete


def get_athlete_by_telegram_id(*, session: Session, telegram_user_id: int) -> Athlete | None:
    """The athlete behind a Telegram user id, or None."""
    kept = _kept_by_telegram_id(session, telegram_user_id)
    if kept is not None:
        return kept
    return _keep(session, session.exec(
        _BY_TELEGRAM_ID, params={"telegram_user_id": telegram_user_id}).first())


def get_or_create_athlete(
    *,
    session: Session,
    telegram_user_id: int,
    chat_id: int,
    name: str | None = None,
    timezone: str | None = None,
    now: datetime | None = None,
) -> Athlete:
    """The athlete for this Telegram user, created on first contact (race-safe).

    An existing athlete keeps the name they have (a missing one is filled in) and
    follows a changed chat id.
    """
    now = now or utcnow()
    fresh = Athlete(
        telegram_user_id=telegram_user_id,
        chat_id=chat_id,
        name=_clean_text(name, limit=100),
        timezone=validate_timezone(timezone) if timezone else "UTC",
        created_at=now,
        updated_at=now,
    )
    values = fresh.model_dump(exclude={"id"})
    session.exec(
        _insert(session, Athlete).values(**values).on_conflict_do_nothing(
            index_elements=["telegram_user_id"]
        )
    )
    athlete = session.exec(
        select(Athlete)
        .where(Athlete.telegram_user_id == telegram_user_id)
        .execution_options(populate_existing=True)
    ).one()
    changed = False
    if athlete.chat_id != chat_id:
        athlete.chat_id = chat_id
        changed = True
    if athlete.name is None and fresh.name:
        athlete.name = fresh.name
        changed = True
    if changed:
        athlete.updated_at = now
        session.add(athlete)
        session.flush()
    return athlete


def update_profile(
    *, session: Session, athlete_id: int, now: datetime | None = None, **fields: Any
) -> Athlete:
    """Apply the given profile fields (see ``AthleteUpdate``).

    Lists (injuries, equipment, likes, dislikes) are normalised to lower-case words;
    giving ``None`` for an optional text field clears it. Whether health fields may be
    written (consent) is the use case's decision, not the store's.
    """
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    unknown = set(fields) - set(AthleteUpdate.model_fields)
    if unknown:
        raise InvalidValueError("I can't change " + ", ".join(sorted(unknown)))
    try:
        changes = AthleteUpdate.model_validate(fields).model_dump(include=set(fields))
    except ValidationError as error:
        raise InvalidValueError(_friendly(error)) from error
    for name, value in changes.items():
        if value is None and name in {"injuries", "equipment", "likes", "dislikes"}:
            value = []
        elif value is None and name in {"timezone", "checkin_time", "language",
                                        "checkin_enabled", "onboarded",
                                        "goal_date_approximate"}:
            continue  # required fields: None means "leave as it is"
        setattr(athlete, name, value)
    if {"timezone", "checkin_time", "checkin_enabled"} & set(changes):
        # A new timezone moves every scheduled send; the rest only the check-in.
        _forget_planned_dispatches(
            session=session, athlete_id=athlete_id,
            kinds=DISPATCH_KINDS if "timezone" in changes else ("checkin",))
    athlete.updated_at = now or utcnow()
    session.add(athlete)
    session.flush()
    return athlete


def set_health_consent(
    *, session: Session, athlete_id: int, consent: bool, now: datetime | None = None
) -> Athlete:
    """Record consent (with its time) or its withdrawal.

    Withdrawing deletes the health fields consent allowed: injuries, limitations, a
    hold's reason and pain scores; ``pain`` check-ins become ``missed`` with their reason
    and note cleared. Free text that reads as health-related is the use case's to find
    (see :func:`clear_athlete_texts`).
    """
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    now = now or utcnow()
    athlete.health_consent = consent
    athlete.health_consent_at = now if consent else None
    if not consent:
        athlete.injuries = []
        athlete.limitations = None
        athlete.hold_reason = None  # the hold itself stays; only its health reason goes
        session.exec(
            update(CheckIn)
            .where(col(CheckIn.athlete_id) == athlete_id, col(CheckIn.status) == "pain")
            .values(status="missed", reason=None, note=None, updated_at=now)
        )
        session.exec(
            update(CheckIn)
            .where(col(CheckIn.athlete_id) == athlete_id, col(CheckIn.pain).is_not(None))
            .values(pain=None, updated_at=now)
        )
    athlete.updated_at = now
    session.add(athlete)
    session.flush()
    return athlete


def clear_athlete_texts(
    *, session: Session, athlete_id: int, where: Callable[[str], bool], now: datetime
) -> int:
    """Clear the athlete's free text for which ``where`` is true: check-in reasons and
    notes, substitution reasons, and their own conversation turns (deleted). Returns
    how many rows changed."""
    changed = 0
    for checkin in _owned_rows(session, CheckIn, athlete_id):
        if any(where(text or "") for text in (checkin.reason, checkin.note)):
            checkin.reason, checkin.note, checkin.updated_at = None, None, now
            session.add(checkin)
            changed += 1
    for substitution in _owned_rows(session, Substitution, athlete_id):
        if substitution.reason and where(substitution.reason):
            substitution.reason = None
            session.add(substitution)
            changed += 1
    for turn in _owned_rows(session, ConversationTurn, athlete_id):
        if turn.role == "athlete" and where(turn.text):
            session.delete(turn)
            changed += 1
    session.flush()
    return changed


def to_context(athlete: Athlete) -> AthleteContext:
    """The domain's view of an athlete (coach/ never sees the table)."""
    extra = {"timezone": athlete.timezone}
    if athlete.limitations and athlete.health_consent:
        extra["limitations"] = athlete.limitations
    return AthleteContext(
        name=athlete.name,
        goal=athlete.goal_event,
        goal_date=athlete.goal_date,
        injuries=tuple(athlete.injuries) if athlete.health_consent else (),
        equipment=tuple(athlete.equipment),
        likes=tuple(athlete.likes),
        language=athlete.language,
        extra=extra,
    )


def local_today(athlete: Athlete, *, now: datetime | None = None) -> date:
    """The athlete's calendar day at ``now`` in their timezone."""
    return (now or utcnow()).astimezone(ZoneInfo(athlete.timezone)).date()



# --- safety hold, onboarding step, offers ---------------------------------------------


def start_safety_hold(
    *, session: Session, athlete_id: int, since: datetime, reason: str | None,
    allows: str | None = None,
) -> Athlete:
    """Hold all workouts from ``since``; an existing hold keeps its start (and gains a
    reason when it had none). Whether a reason may be stored, and what the hold still
    ``allows`` (stored as given), are the caller's business."""
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    if athlete.hold_since is None:
        athlete.hold_since = since
    athlete.hold_allows = allows
    if reason is not None:
        athlete.hold_reason = _clean_text(reason, limit=500)
    athlete.updated_at = since
    session.add(athlete)
    session.flush()
    return athlete


def clear_safety_hold(*, session: Session, athlete_id: int, now: datetime) -> Athlete:
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    athlete.hold_since, athlete.hold_reason, athlete.updated_at = None, None, now
    athlete.hold_allows = None
    session.add(athlete)
    session.flush()
    return athlete


def set_onboarding_step(
    *, session: Session, athlete_id: int, step: str | None, now: datetime
) -> Athlete:
    """The onboarding question awaiting an answer; None when onboarding is not running."""
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    athlete.onboarding_step, athlete.updated_at = step, now
    session.add(athlete)
    session.flush()
    return athlete


def record_offer_shown(*, session: Session, athlete_id: int, at: datetime) -> Athlete:
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    athlete.last_offer_at = at
    session.add(athlete)
    session.flush()
    return athlete

# --- weekly plan -----------------------------------------------------------------------


def set_weekly_plan(
    *,
    session: Session,
    athlete_id: int,
    sessions: Iterable[PlannedSessionIn | Mapping[str, Any]],
) -> list[PlannedSession]:
    """Replace the athlete's weekly plan; one session per weekday (Monday is 0)."""
    _lock_athlete(session=session, athlete_id=athlete_id)
    try:
        planned = [
            item if isinstance(item, PlannedSessionIn) else PlannedSessionIn.model_validate(item)
            for item in sessions
        ]
    except ValidationError as error:
        raise InvalidValueError(_friendly(error)) from error
    weekdays = [item.weekday for item in planned]
    if len(weekdays) != len(set(weekdays)):
        raise InvalidValueError("The plan has two sessions on one weekday; keep one per day.")
    session.exec(delete(PlannedSession).where(col(PlannedSession.athlete_id) == athlete_id))
    rows = [
        PlannedSession(
            athlete_id=athlete_id,
            weekday=item.weekday,
            kind=item.kind,
            minutes=0 if item.kind == "rest" else item.minutes,
        )
        for item in sorted(planned, key=lambda item: item.weekday)
    ]
    session.add_all(rows)
    session.flush()
    return rows


def set_planned_session(
    *, session: Session, athlete_id: int, weekday: int, kind: str, minutes: int = 0
) -> PlannedSession:
    """Set one weekday of the plan (replacing what that day had)."""
    _lock_athlete(session=session, athlete_id=athlete_id)
    try:
        item = PlannedSessionIn(weekday=weekday, kind=kind, minutes=minutes)
    except ValidationError as error:
        raise InvalidValueError(_friendly(error)) from error
    row = session.exec(
        select(PlannedSession).where(
            PlannedSession.athlete_id == athlete_id, PlannedSession.weekday == item.weekday
        )
    ).first() or PlannedSession(athlete_id=athlete_id, weekday=item.weekday, kind=item.kind)
    row.kind = item.kind
    row.minutes = 0 if item.kind == "rest" else item.minutes
    session.add(row)
    session.flush()
    return row


def set_plan_changes(*, session: Session, athlete_id: int,
                     changes: Sequence[tuple[date, str, int]], now: datetime | None = None,
                     ) -> list[PlanChange]:
    """Each ``(day, kind, minutes)``: that day holds this session for its week only (the
    weekly plan stays); a day changed before is changed again."""
    require_athlete(session=session, athlete_id=athlete_id)
    stored: list[PlanChange] = []
    for day, kind, minutes in changes:
        checked = PlannedSessionIn(weekday=day.weekday(), kind=kind, minutes=minutes)
        row = session.exec(select(PlanChange).where(
            PlanChange.athlete_id == athlete_id, PlanChange.day == day)).first()
        if row is None:
            row = PlanChange(athlete_id=athlete_id, day=day, kind=checked.kind,
                             minutes=checked.minutes, created_at=now or utcnow())
        else:
            row.kind, row.minutes = checked.kind, checked.minutes
        session.add(row)
        stored.append(row)
    session.flush()
    return stored


def list_plan_changes(*, session: Session, athlete_id: int, since: date,
                      until: date) -> list[PlanChange]:
    """The one-week changes for days from ``since`` to ``until`` (both included)."""
    return list(session.exec(_PLAN_CHANGES_BETWEEN, params={
        "athlete_id": athlete_id, "since": since, "until": until}).all())


def remove_planned_session(*, session: Session, athlete_id: int, weekday: int) -> bool:
    """Clear one weekday of the plan; False when nothing was planned that day."""
    result = session.exec(
        delete(PlannedSession).where(
            col(PlannedSession.athlete_id) == athlete_id, col(PlannedSession.weekday) == weekday
        )
    )
    return bool(result.rowcount)


def get_weekly_plan(*, session: Session, athlete_id: int) -> list[PlannedSession]:
    """The weekly plan, Monday first."""
    plan = list(session.exec(_WEEKLY_PLAN, params={"athlete_id": athlete_id}).all())
    _remember(session, ("plan", athlete_id), plan)
    return plan


def planned_session_on(*, session: Session, athlete_id: int, day: date) -> PlannedSession | None:
    """The session planned for ``day``'s weekday, or None (no plan for that day)."""
    memo = _memo(session)
    if memo is not None and ("plan", athlete_id) in memo:
        return next((entry for entry in memo[("plan", athlete_id)]
                     if entry.weekday == day.weekday()), None)
    return session.exec(
        select(PlannedSession).where(
            PlannedSession.athlete_id == athlete_id, PlannedSession.weekday == day.weekday()
        )
    ).first()


# --- check-ins -------------------------------------------------------------------------


def record_checkin(
    *,
    session: Session,
    athlete_id: int,
    day: date,
    status: str,
    reason: str | None = None,
    pain: int | None = None,
    rpe: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> CheckIn:
    """Record how ``day`` went; one row per athlete and day (an atomic upsert).

    Fields given as None keep what the day already has, so a reason can follow a
    status. ``pending`` (prompt sent, no answer yet) never overwrites an answer.
    """
    require_athlete(session=session, athlete_id=athlete_id)
    status = str(status).strip().lower()
    if status not in CHECKIN_STATUSES:
        raise InvalidValueError(
            f"'{status}' is not a check-in status; use one of " + ", ".join(CHECKIN_STATUSES)
        )
    pain = _int_in_range(pain, "Pain", 0, 10)
    rpe = _int_in_range(rpe, "Effort (RPE)", 1, 10)
    now = now or utcnow()
    values = {
        "athlete_id": athlete_id,
        "day": day,
        "status": status,
        "reason": _clean_text(reason),
        "pain": pain,
        "rpe": rpe,
        "note": _clean_text(note),
        "created_at": now,
        "updated_at": now,
    }
    statement = _insert(session, CheckIn).values(**values)
    if status == "pending":
        statement = statement.on_conflict_do_nothing(index_elements=["athlete_id", "day"])
    else:
        new = statement.excluded
        table = CheckIn.__table__.c  # type: ignore[attr-defined]
        statement = statement.on_conflict_do_update(
            index_elements=["athlete_id", "day"],
            set_={
                "status": new.status,
                "reason": func.coalesce(new.reason, table.reason),
                "pain": func.coalesce(new.pain, table.pain),
                "rpe": func.coalesce(new.rpe, table.rpe),
                "note": func.coalesce(new.note, table.note),
                "updated_at": new.updated_at,
            },
        )
    session.exec(statement)
    return session.exec(
        select(CheckIn)
        .where(CheckIn.athlete_id == athlete_id, CheckIn.day == day)
        .execution_options(populate_existing=True)
    ).one()


def delete_checkin(*, session: Session, athlete_id: int, checkin_id: int) -> bool:
    """Remove one check-in of that athlete (a day told by mistake and corrected); its
    substitutions stay, unlinked. False when there was none."""
    unlink_substitutions(session=session, athlete_id=athlete_id, checkin_id=checkin_id)
    result = session.exec(delete(CheckIn).where(col(CheckIn.id) == checkin_id,
                                                col(CheckIn.athlete_id) == athlete_id))
    _forget_reads(session)
    return bool(result.rowcount)


def get_checkin(*, session: Session, athlete_id: int, day: date) -> CheckIn | None:
    """The check-in for that athlete-local day, or None."""
    memo = _memo(session)
    if memo is not None and ("checkins", athlete_id) in memo:
        since, until, rows = memo[("checkins", athlete_id)]
        if (since is None or since <= day) and (until is None or day <= until):
            return next((row for row in rows if row.day == day), None)
    return session.exec(_CHECKIN_ON, params={"athlete_id": athlete_id, "day": day}).first()


def list_checkins(
    *, session: Session, athlete_id: int, since: date | None = None, until: date | None = None
) -> list[CheckIn]:
    """Check-ins from ``since`` to ``until`` (both inclusive), oldest first."""
    if since is not None and until is None:  # the snapshot's (every message)
        rows = list(session.exec(_CHECKINS_SINCE,
                                 params={"athlete_id": athlete_id, "since": since}).all())
        _remember(session, ("checkins", athlete_id), (since, until, rows))
        return rows
    query = select(CheckIn).where(CheckIn.athlete_id == athlete_id)
    if since is not None:
        query = query.where(CheckIn.day >= since)
    if until is not None:
        query = query.where(CheckIn.day <= until)
    rows = list(session.exec(query.order_by(col(CheckIn.day))).all())
    _remember(session, ("checkins", athlete_id), (since, until, rows))
    return rows


def athletes_needing_attention(
    *, session: Session, since: date, pain_at_least: int = 1
) -> list[AttentionItem]:
    """Athletes with missed sessions or pain reported since ``since``, worst first.

    A session swapped for cross-training was still a missed run, so it counts as missed;
    a pain report counts whether or not it carries a score. For coaches only: the caller
    checks who is asking.
    """
    is_missed = col(CheckIn.status).in_(("missed", "swapped"))
    is_pain = or_(col(CheckIn.status) == "pain", col(CheckIn.pain) >= pain_at_least)
    rows = session.connection().execute(
        sa_select(
            col(Athlete.id),
            col(Athlete.telegram_user_id),
            col(Athlete.name),
            func.sum(case((is_missed, 1), else_=0)),
            func.sum(case((is_pain, 1), else_=0)),
            func.max(col(CheckIn.pain)),
            func.max(col(CheckIn.day)),
        )
        .join(CheckIn, col(CheckIn.athlete_id) == col(Athlete.id))
        .where(col(CheckIn.day) >= since, or_(is_missed, is_pain))
        .group_by(col(Athlete.id), col(Athlete.telegram_user_id), col(Athlete.name))
    ).all()
    items = [
        AttentionItem(
            athlete_id=cast(int, athlete_id),
            telegram_user_id=telegram_user_id,
            name=name,
            missed=int(missed or 0),
            pain_reports=int(pain_reports or 0),
            max_pain=max_pain,
            last_day=last_day,
        )
        for athlete_id, telegram_user_id, name, missed, pain_reports, max_pain, last_day in rows
    ]
    items.sort(key=lambda item: (-(item.max_pain or 0), -item.pain_reports, -item.missed,
                                 item.athlete_id))
    return items


# --- substitutions ---------------------------------------------------------------------


def record_substitution(
    *,
    session: Session,
    athlete_id: int,
    missed: Mapping[str, Any] | str,
    reason: str | None,
    options: Sequence[Mapping[str, Any]],
    checkin_id: int | None = None,
    now: datetime | None = None,
) -> Substitution:
    """Log the options offered for a missed session (plain JSON dicts, each with an
    ``activity`` key); no options and ``{"ask": true}`` is a question still open."""
    require_athlete(session=session, athlete_id=athlete_id)
    missed_data = {"text": missed} if isinstance(missed, str) else dict(missed)
    option_list = _json_safe([dict(option) for option in options], "The options")
    if checkin_id is not None:
        owner = session.exec(
            select(CheckIn.athlete_id).where(CheckIn.id == checkin_id)
        ).first()
        if owner != athlete_id:
            raise NotFoundError("That check-in is not yours.")
    row = Substitution(
        athlete_id=athlete_id,
        checkin_id=checkin_id,
        missed=_json_safe(missed_data, "The missed session"),
        reason=_clean_text(reason),
        options=option_list,
        created_at=now or utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def unlink_substitutions(*, session: Session, athlete_id: int, checkin_id: int) -> int:
    """Detach the athlete's substitutions from a check-in (a new answer for that day
    starts afresh); the substitutions themselves are kept. Returns how many."""
    result = session.exec(
        update(Substitution)
        .where(col(Substitution.athlete_id) == athlete_id,
               col(Substitution.checkin_id) == checkin_id)
        .values(checkin_id=None)
    )
    return int(result.rowcount or 0)


def get_substitution(
    *, session: Session, athlete_id: int, substitution_id: int
) -> Substitution | None:
    """The athlete's own substitution with this id, or None (another's is None too)."""
    return session.exec(
        select(Substitution).where(
            Substitution.id == substitution_id, Substitution.athlete_id == athlete_id
        )
    ).first()


def list_substitutions(
    *, session: Session, athlete_id: int, limit: int = 20
) -> list[Substitution]:
    """The athlete's latest substitutions, newest first."""
    memo = _memo(session)
    if memo is not None and ("substitutions", athlete_id) in memo:
        read_limit, rows = memo[("substitutions", athlete_id)]
        if limit <= read_limit or len(rows) < read_limit:
            return list(rows[:limit])
    rows = list(session.exec(_LATEST_SUBSTITUTIONS,
                             params={"athlete_id": athlete_id, "limit": limit}).all())
    _remember(session, ("substitutions", athlete_id), (limit, rows))
    return rows


def choose_substitution(
    *,
    session: Session,
    athlete_id: int,
    substitution_id: int,
    activity: str,
    now: datetime | None = None,
) -> Substitution:
    """Record the athlete's choice among the offered options, or ``rest`` (skipping).

    Refuses another athlete's substitution (as not found) and an activity that was not
    offered; resting is always allowed. A linked check-in that was missed or pending
    becomes ``swapped`` unless the athlete chose to rest.
    """
    row = get_substitution(
        session=session, athlete_id=athlete_id, substitution_id=substitution_id
    )
    if row is None:
        raise NotFoundError("That suggestion is no longer available.")
    offered = [str(option.get("activity")) for option in row.options]
    if activity not in offered and activity != REST_ACTIVITY:
        raise InvalidValueError("That option was not among the ones I offered.")
    now = now or utcnow()
    row.chosen_activity = activity
    row.chosen_at = now
    session.add(row)
    if row.checkin_id is not None and activity != REST_ACTIVITY:
        session.exec(
            update(CheckIn)
            .where(col(CheckIn.id) == row.checkin_id,
                   col(CheckIn.status).in_(("missed", "pending")))
            .values(status="swapped", updated_at=now)
        )
    session.flush()
    return row


def link_substitution(
    *, session: Session, athlete_id: int, substitution_id: int, checkin_id: int
) -> None:
    """Tie an offer made outside a check-in to the check-in its choice logged, so the
    week and the history name the substitute chosen for that day."""
    session.exec(
        update(Substitution)
        .where(col(Substitution.id) == substitution_id,
               col(Substitution.athlete_id) == athlete_id,
               col(Substitution.checkin_id).is_(None))
        .values(checkin_id=checkin_id)
    )
    session.flush()


def note_substitution(
    *, session: Session, athlete_id: int, substitution_id: int, key: str, value: Any
) -> None:
    """Set (or, with ``value`` None, remove) one note in a substitution's ``missed``
    details, e.g. which option was just recommended; another athlete's row is untouched."""
    row = get_substitution(
        session=session, athlete_id=athlete_id, substitution_id=substitution_id
    )
    if row is None:
        return
    details = {k: v for k, v in row.missed.items() if k != key}
    if value is not None:
        details[key] = value
    row.missed = _json_safe(details, "The missed session")  # a new dict: seen as changed
    session.add(row)
    session.flush()


# --- conversation memory ---------------------------------------------------------------


def add_turn(
    *,
    session: Session,
    athlete_id: int,
    role: str,
    text: str,
    keep: int = DEFAULT_TURNS_KEPT,
    now: datetime | None = None,
) -> None:
    """Remember one message; only the athlete's last ``keep`` turns are kept."""
    add_turns(session=session, athlete_id=athlete_id, turns=[(role, text)], keep=keep, now=now)


def add_turns(
    *,
    session: Session,
    athlete_id: int,
    turns: Sequence[tuple[str, str]],
    keep: int = DEFAULT_TURNS_KEPT,
    now: datetime | None = None,
) -> None:
    """Remember several messages (``(role, text)``, in order) in one write: a question and
    its answer. Only the athlete's last ``keep`` turns are kept."""
    for role, _ in turns:
        if role not in TURN_ROLES:
            raise InvalidValueError(f"role must be one of {', '.join(TURN_ROLES)}")
    require_athlete(session=session, athlete_id=athlete_id)
    created_at = now or utcnow()
    # One executemany for all the turns (the ORM's flush makes one INSERT ... RETURNING
    # per row); nobody needs their ids.
    session.execute(_ADD_TURNS, [
        {"athlete_id": athlete_id, "role": role, "text": str(text)[:MAX_TEXT],
         "created_at": created_at} for role, text in turns])
    # One statement: every turn older than the newest ``keep``.
    session.execute(_TRIM_TURNS, {"owner": athlete_id, "keep": max(keep, 1)})


def recent_turns(
    *, session: Session, athlete_id: int, limit: int = DEFAULT_TURNS_KEPT
) -> list[ConversationTurn]:
    """The athlete's last ``limit`` turns, oldest first."""
    newest_first = session.exec(_RECENT_TURNS,
                                params={"athlete_id": athlete_id, "limit": limit}).all()
    return list(reversed(newest_first))


def last_turn_text(*, session: Session, athlete_id: int, role: str) -> str | None:
    """The text of the athlete's latest turn by ``role`` (say, their last question), or
    None: one value read, not the turns around it."""
    return session.execute(_LAST_TURN_TEXT, {"athlete_id": athlete_id, "role": role}
                           ).scalar_one_or_none()


# --- processed updates -----------------------------------------------------------------


def mark_update_processed(
    *, session: Session, update_id: int, now: datetime | None = None
) -> bool:
    """Claim a Telegram update id: True the first time, False if already processed.

    Call it inside the transaction that applies the update, before the changes: a
    concurrent duplicate waits for that transaction and then gets False; if it rolls
    back, the duplicate gets True and does the work instead.
    """
    # RETURNING, not rowcount: psycopg reports -1 for SQLAlchemy's compiled INSERTs.
    inserted = session.execute(
        _claim_update_statement(session),
        {"update_id": update_id, "processed_at": now or utcnow()}).first()
    return inserted is not None


def is_update_processed(*, session: Session, update_id: int) -> bool:
    """Whether this update id was already recorded."""
    return session.get(ProcessedUpdate, update_id) is not None


def prune_processed_updates(*, session: Session, before: datetime) -> int:
    """Forget update ids processed before ``before`` (Telegram stops retrying after a
    day); returns how many were deleted."""
    result = session.exec(
        delete(ProcessedUpdate).where(col(ProcessedUpdate.processed_at) < before)
    )
    return int(result.rowcount or 0)


# --- check-in schedule -----------------------------------------------------------------


def set_checkin_schedule(
    *,
    session: Session,
    athlete_id: int,
    enabled: bool | None = None,
    time: str | time_of_day | None = None,
    timezone: str | None = None,
    now: datetime | None = None,
) -> Athlete:
    """Turn daily check-ins on or off, or move them (``HH:MM`` local, IANA timezone).

    Turning them on (``enabled=True``) is the athlete's own request, so it also resumes a
    paused athlete (one who had blocked the bot): otherwise they would be told check-ins
    are on and never get one. Planned but unclaimed check-ins (every scheduled send, when
    the timezone changes) are dropped so the next planning uses the change.
    """
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    try:
        if time is not None:
            text = time.strftime("%H:%M") if isinstance(time, time_of_day) else time
            athlete.checkin_time = validate_hhmm(text)
        if timezone is not None:
            athlete.timezone = validate_timezone(timezone)
    except ValueError as error:
        raise InvalidValueError(str(error)) from error
    if enabled is not None:
        athlete.checkin_enabled = enabled
    if enabled:
        athlete.paused = False
        athlete.paused_reason = None
    athlete.updated_at = now or utcnow()
    session.add(athlete)
    _forget_planned_dispatches(
        session=session, athlete_id=athlete_id,
        kinds=DISPATCH_KINDS if timezone is not None else ("checkin",))
    session.flush()
    return athlete


def pause_athlete(
    *, session: Session, athlete_id: int, reason: str, now: datetime | None = None
) -> Athlete:
    """Stop sending to an athlete (e.g. they blocked the bot) until unpaused."""
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    now = now or utcnow()
    athlete.paused = True
    athlete.paused_reason = _clean_text(reason, limit=200)
    athlete.updated_at = now
    session.add(athlete)
    _forget_planned_dispatches(session=session, athlete_id=athlete_id)
    session.flush()
    return athlete


def unpause_athlete(*, session: Session, athlete_id: int, now: datetime | None = None) -> Athlete:
    """Resume sending (e.g. the athlete wrote to the bot again)."""
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    athlete.paused = False
    athlete.paused_reason = None
    athlete.updated_at = now or utcnow()
    session.add(athlete)
    session.flush()
    return athlete


def _scheduled_condition() -> Any:
    return and_(
        col(Athlete.checkin_enabled).is_(True),
        col(Athlete.paused).is_(False),
        col(Athlete.onboarded).is_(True),
    )


def list_scheduled_athletes(*, session: Session) -> list[Athlete]:
    """Athletes who get daily check-ins: enabled, not paused, onboarded."""
    return list(
        session.exec(select(Athlete).where(_scheduled_condition()).order_by(col(Athlete.id)))
        .all()
    )


def _forget_planned_dispatches(
    *, session: Session, athlete_id: int, kinds: Sequence[str] = DISPATCH_KINDS
) -> None:
    session.exec(
        delete(Dispatch).where(
            col(Dispatch.athlete_id) == athlete_id, col(Dispatch.status) == "due",
            col(Dispatch.kind).in_(tuple(kinds)),
        )
    )


# --- scheduled sends: one outbox for check-ins, weekly summaries and coach digests -------
# Planned per kind, claimed, sent and settled alike (``bot/scheduled_outbox.py``).


def checkin_due_at(athlete: Athlete, local_date: date) -> datetime:
    """When (UTC) the athlete's check-in for ``local_date`` is due."""
    return _local_due_at(athlete, local_date, athlete.checkin_time)


def _local_due_at(athlete: Athlete, local_date: date, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    local = datetime.combine(local_date, time_of_day(hour, minute), ZoneInfo(athlete.timezone))
    return local.astimezone(UTC)


def _add_dispatches(session: Session, rows: list[dict[str, Any]], *, chunk: int = 1000) -> int:
    """Insert planned rows, skipping any already planned (one per person, kind and day)."""
    added = 0
    for start in range(0, len(rows), chunk):
        inserted = session.exec(
            _insert(session, Dispatch)
            .values(rows[start:start + chunk])
            .on_conflict_do_nothing(index_elements=["athlete_id", "kind", "local_date"])
            .returning(Dispatch.__table__.c.id)  # type: ignore[attr-defined]
        ).all()
        added += len(inserted)
    return added


def _planned(athlete_id: int | None, kind: str, local_date: date, due_at: datetime,
             now: datetime) -> dict[str, Any]:
    return {"athlete_id": athlete_id, "kind": kind, "local_date": local_date,
            "due_at": due_at, "status": "due", "attempts": 0, "created_at": now}


def plan_checkin_dispatches(
    *, session: Session, now: datetime, days_ahead: int = 1, chunk: int = 1000
) -> int:
    """Plan check-ins for every scheduled athlete, for today and ``days_ahead`` more
    local days, where the due time is still ahead of ``now``; returns rows added.

    Idempotent (one row per athlete, kind and local day). Only future times are planned,
    so a new athlete is not prompted for a time already past, while rows planned before a
    downtime are still there to be sent after it (see :func:`claim_due_dispatches`).
    """
    pending: list[dict[str, Any]] = []
    for athlete in list_scheduled_athletes(session=session):
        today = local_today(athlete, now=now)
        for offset in range(days_ahead + 1):
            local_date = today + timedelta(days=offset)
            due_at = checkin_due_at(athlete, local_date)
            if due_at > now:
                pending.append(_planned(athlete.id, "checkin", local_date, due_at, now))
    return _add_dispatches(session, pending, chunk=chunk)


def plan_weekly_dispatches(*, session: Session, now: datetime) -> int:
    """Plan each weekly-summary subscription's next send (this week's, or next week's when
    its time has passed) in the person's timezone: an athlete's summary on their chosen
    evening, a coach's digest on Monday morning. Idempotent; returns rows added."""
    pending: list[dict[str, Any]] = []
    for subscription, athlete in session.exec(
        select(WeeklySummary, Athlete)
        .join(Athlete, col(Athlete.id) == col(WeeklySummary.athlete_id))
        .where(col(Athlete.paused).is_(False))
    ).all():
        today = local_today(athlete, now=now)
        for offset in (0, 1):  # today's time may have passed: then a week on
            start = today + timedelta(days=offset)
            local_date = start + timedelta(days=(subscription.weekday - start.weekday()) % 7)
            due_at = _local_due_at(athlete, local_date, subscription.time)
            if due_at > now:
                pending.append(_planned(athlete.id, WEEKLY_DISPATCH_KIND[subscription.kind],
                                        local_date, due_at, now))
                break
    return _add_dispatches(session, pending)


def plan_dispatches(*, session: Session, now: datetime) -> int:
    """Plan every kind of scheduled send; returns rows added."""
    return (plan_checkin_dispatches(session=session, now=now)
            + plan_weekly_dispatches(session=session, now=now))


def _subscribed(session: Session, athlete_ids: Iterable[int]) -> set[tuple[int, str]]:
    """(athlete id, dispatch kind) of the weekly summaries these people opted in to."""
    ids = sorted(set(athlete_ids))
    if not ids:
        return set()
    return {(athlete_id, WEEKLY_DISPATCH_KIND[kind]) for athlete_id, kind in session.exec(
        select(col(WeeklySummary.athlete_id), col(WeeklySummary.kind))
        .where(col(WeeklySummary.athlete_id).in_(ids))).all()}


def _still_wanted(dispatch: Dispatch, athlete: Athlete, subscribed: set[tuple[int, str]],
                  now: datetime) -> bool:
    if athlete.paused or local_today(athlete, now=now) > dispatch.local_date:
        return False
    if dispatch.kind == "checkin":
        return athlete.checkin_enabled and athlete.onboarded
    return (dispatch.athlete_id, dispatch.kind) in subscribed


def claim_due_dispatches(
    *,
    session: Session,
    now: datetime,
    worker: str,
    limit: int = 100,
    lease: timedelta = timedelta(minutes=2),
) -> list[Dispatch]:
    """Claim up to ``limit`` due sends of any kind for ``worker``; commit, send, then call
    :func:`mark_dispatch_sent`.

    Claimable: ``due`` rows whose time has come, and ``claimed`` rows whose lease expired
    (the worker holding them died). PostgreSQL locks rows with SKIP LOCKED so workers
    take different rows; SQLite's ``BEGIN IMMEDIATE`` lets one writer in at a time. A row
    whose local day is already over, whose person is paused, or that is no longer wanted
    (check-ins switched off, the summary opted out of) is marked ``skipped`` instead: a
    missed day's message is not sent late.
    """
    claimed: list[Dispatch] = []
    while len(claimed) < limit:
        query = (
            select(Dispatch, Athlete)
            .join(Athlete, col(Athlete.id) == col(Dispatch.athlete_id))
            .where(
                or_(
                    and_(col(Dispatch.status) == "due", col(Dispatch.due_at) <= now),
                    and_(col(Dispatch.status) == "claimed",
                         col(Dispatch.claim_expires_at) <= now),
                )
            )
            .order_by(col(Dispatch.due_at), col(Dispatch.id))
            .limit(limit - len(claimed))
            .execution_options(populate_existing=True)
        )
        if _is_postgres(session):
            query = query.with_for_update(skip_locked=True, of=Dispatch)
        batch = session.exec(query).all()
        if not batch:
            break
        subscribed = _subscribed(session, (d.athlete_id for d, _ in batch
                                           if d.kind != "checkin"))
        skipped = 0
        for dispatch, athlete in batch:
            if not _still_wanted(dispatch, athlete, subscribed, now):
                dispatch.status = "skipped"
                dispatch.claimed_by = None
                dispatch.claim_expires_at = None
                skipped += 1
            else:
                dispatch.status = "claimed"
                dispatch.claimed_by = worker[:64]
                dispatch.claim_expires_at = now + lease
                dispatch.attempts += 1
                claimed.append(dispatch)
            session.add(dispatch)
        session.flush()
        if skipped == 0:
            break
    return claimed


def mark_dispatch_sent(
    *, session: Session, dispatch_id: int, worker: str, now: datetime | None = None
) -> bool:
    """Mark a claimed send sent; False (and a log line) if this worker no longer held the
    claim, i.e. another worker may have sent it too."""
    result = session.exec(
        update(Dispatch)
        .where(col(Dispatch.id) == dispatch_id,
               col(Dispatch.status) == "claimed",
               col(Dispatch.claimed_by) == worker[:64])
        .values(status="sent", sent_at=now or utcnow(), claim_expires_at=None)
    )
    if result.rowcount != 1:
        log.warning("dispatch %s was not held by %s when marked sent", dispatch_id, worker)
        return False
    return True


def release_dispatch_claim(
    *, session: Session, dispatch_id: int, worker: str, retry_at: datetime
) -> bool:
    """Give a claimed send back (sending failed) to be tried again at ``retry_at``."""
    result = session.exec(
        update(Dispatch)
        .where(col(Dispatch.id) == dispatch_id,
               col(Dispatch.status) == "claimed",
               col(Dispatch.claimed_by) == worker[:64])
        .values(status="due", due_at=retry_at, claimed_by=None, claim_expires_at=None)
    )
    return bool(result.rowcount == 1)


def skip_dispatch(*, session: Session, dispatch_id: int) -> bool:
    """Never send this (e.g. the person blocked the bot, a rest day, a safety hold)."""
    result = session.exec(
        update(Dispatch)
        .where(col(Dispatch.id) == dispatch_id,
               col(Dispatch.status).in_(("due", "claimed")))
        .values(status="skipped", claimed_by=None, claim_expires_at=None)
    )
    return bool(result.rowcount == 1)


def list_dispatches(
    *, session: Session, athlete_id: int | None = None, status: str | None = None,
    kind: str | None = None,
) -> list[Dispatch]:
    """Scheduled sends (for tests, the coach and operators), by due time."""
    query = select(Dispatch)
    if athlete_id is not None:
        query = query.where(Dispatch.athlete_id == athlete_id)
    if status is not None:
        query = query.where(Dispatch.status == status)
    if kind is not None:
        query = query.where(Dispatch.kind == kind)
    return list(
        session.exec(query.order_by(col(Dispatch.due_at), col(Dispatch.id))).all()
    )


# --- export and erase ------------------------------------------------------------------


def _owned_rows(session: Session, model: type[SQLModel], athlete_id: int) -> list[Any]:
    table = model.__table__  # type: ignore[attr-defined]
    key = next(iter(table.primary_key.columns))
    return list(
        session.exec(
            select(model).where(table.c.athlete_id == athlete_id).order_by(key)
        ).all()
    )


def export_athlete(
    *, session: Session, athlete_id: int, now: datetime | None = None
) -> dict[str, Any]:
    """Everything stored about one athlete, as JSON-serialisable data.

    Keys: ``format``, ``version``, ``exported_at``, ``athlete`` and one list per table
    that holds the athlete's rows (see ``ATHLETE_OWNED_TABLES``).
    """
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    export: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": (now or utcnow()).isoformat(),
        "athlete": athlete.model_dump(mode="json"),
    }
    for key, model in ATHLETE_OWNED_TABLES.items():
        export[key] = [row.model_dump(mode="json")
                       for row in _owned_rows(session, model, athlete_id)]
    return export


def erase_athlete(*, session: Session, athlete_id: int) -> dict[str, int]:
    """Delete everything about one athlete from every table; returns rows per table.

    Erasing someone already gone is not an error (all counts 0).
    """
    counts: dict[str, int] = {}
    for key, model in ATHLETE_OWNED_TABLES.items():
        table = model.__table__  # type: ignore[attr-defined]
        result = session.exec(delete(table).where(table.c.athlete_id == athlete_id))
        counts[key] = int(result.rowcount or 0)
    result = session.exec(delete(Athlete).where(col(Athlete.id) == athlete_id))
    counts["athlete"] = int(result.rowcount or 0)
    # Objects of the erased athlete must not linger in the session (and be re-saved).
    session.info.get(_KEPT_ATHLETES, {}).pop(athlete_id, None)
    for obj in list(session.identity_map.values()):
        owner = obj.id if isinstance(obj, Athlete) else getattr(obj, "athlete_id", None)
        if owner == athlete_id:
            session.expunge(obj)
    return counts


# Logged activities --------------------------------------------------------------------


def log_activity(
    *,
    session: Session,
    athlete_id: int,
    day: date,
    started_at: datetime,
    sport: str,
    duration_s: int,
    distance_m: float | None,
    ascent_m: float | None,
    avg_hr: int | None,
    file_format: str,
    content_sha256: str,
    now: datetime | None = None,
) -> tuple[LoggedActivity, bool]:
    """Log a session read from a file; ``(row, created)``. The same file (by its sha256)
    is logged once per athlete: a second time returns the first row and False.

    The average heart rate is dropped without the athlete's health consent.
    """
    athlete = require_athlete(session=session, athlete_id=athlete_id)
    if duration_s <= 0:
        raise InvalidValueError("A session needs a duration.")
    values = {
        "athlete_id": athlete_id,
        "day": day,
        "started_at": started_at,
        "sport": sport[:32],
        "duration_s": int(duration_s),
        "distance_m": distance_m,
        "ascent_m": ascent_m,
        "avg_hr": avg_hr if athlete.health_consent else None,
        "file_format": file_format[:8],
        "content_sha256": content_sha256,
        "created_at": now or utcnow(),
    }
    inserted = session.exec(
        _insert(session, LoggedActivity)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["athlete_id", "content_sha256"])
        .returning(LoggedActivity.__table__.c.id)  # type: ignore[attr-defined]
    ).all()
    row = session.exec(
        select(LoggedActivity)
        .where(LoggedActivity.athlete_id == athlete_id,
               LoggedActivity.content_sha256 == content_sha256)
        .execution_options(populate_existing=True)
    ).one()
    return row, bool(inserted)


def list_logged_activities(
    *, session: Session, athlete_id: int, since: date | None = None, until: date | None = None
) -> list[LoggedActivity]:
    """Logged sessions from ``since`` to ``until`` (both inclusive), oldest first."""
    query = select(LoggedActivity).where(LoggedActivity.athlete_id == athlete_id)
    if since is not None:
        query = query.where(LoggedActivity.day >= since)
    if until is not None:
        query = query.where(LoggedActivity.day <= until)
    return list(session.exec(
        query.order_by(col(LoggedActivity.day), col(LoggedActivity.started_at))
    ).all())


def list_onboarded_athletes(*, session: Session) -> list[Athlete]:
    """Every athlete who finished onboarding, by id (the coach's roster)."""
    return list(session.exec(
        select(Athlete).where(col(Athlete.onboarded).is_(True)).order_by(col(Athlete.id))
    ).all())


@dataclass(frozen=True, slots=True)
class WeekRows:
    """Everything a week picture needs for some athletes, read in a few queries."""

    plans: dict[int, list[PlannedSession]]
    checkins: dict[int, list[CheckIn]]
    activities: dict[int, list[LoggedActivity]]
    substitutes: dict[int, list[tuple[date, str]]]
    changes: dict[int, list[PlanChange]] = field(default_factory=dict)
    # The minutes of the chosen option, by athlete and day (absent for an old row without).
    substitute_minutes: dict[int, dict[date, int]] = field(default_factory=dict)


def week_rows(
    *, session: Session, athlete_ids: Sequence[int], since: date, until: date
) -> WeekRows:
    """Plans, check-ins, logged sessions and chosen substitutes from ``since`` to
    ``until`` (inclusive) for ``athlete_ids``, grouped by athlete id."""
    ids = list(athlete_ids)
    rows = WeekRows(plans={i: [] for i in ids}, checkins={i: [] for i in ids},
                    activities={i: [] for i in ids}, substitutes={i: [] for i in ids},
                    changes={i: [] for i in ids}, substitute_minutes={i: {} for i in ids})
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for plan in session.exec(select(PlannedSession).where(
                col(PlannedSession.athlete_id).in_(chunk))).all():
            rows.plans[plan.athlete_id].append(plan)
        for change in session.exec(select(PlanChange).where(
                col(PlanChange.athlete_id).in_(chunk), PlanChange.day >= since,
                PlanChange.day <= until)).all():
            rows.changes[change.athlete_id].append(change)
        for checkin in session.exec(select(CheckIn).where(
                col(CheckIn.athlete_id).in_(chunk), CheckIn.day >= since,
                CheckIn.day <= until)).all():
            rows.checkins[checkin.athlete_id].append(checkin)
        for activity in session.exec(select(LoggedActivity).where(
                col(LoggedActivity.athlete_id).in_(chunk), LoggedActivity.day >= since,
                LoggedActivity.day <= until)).all():
            rows.activities[activity.athlete_id].append(activity)
        for athlete_id, day, chosen, options in session.exec(
            select(col(CheckIn.athlete_id), col(CheckIn.day),
                   col(Substitution.chosen_activity), col(Substitution.options))
            .join(Substitution, col(Substitution.checkin_id) == col(CheckIn.id))
            .where(col(CheckIn.athlete_id).in_(chunk),
                   col(Substitution.athlete_id) == col(CheckIn.athlete_id),
                   CheckIn.day >= since, CheckIn.day <= until,
                   col(Substitution.chosen_activity).is_not(None))
            .order_by(col(Substitution.id))
        ).all():
            if chosen:
                rows.substitutes[athlete_id].append((day, chosen))
                minutes = next((option.get("minutes") for option in options or []
                                if option.get("activity") == chosen), None)
                if isinstance(minutes, int) and minutes > 0:
                    rows.substitute_minutes[athlete_id][day] = minutes
    return rows


# Weekly summaries (opt-in; planned and sent as scheduled sends) -----------------------


def set_weekly_summary(
    *,
    session: Session,
    athlete_id: int,
    kind: str,
    enabled: bool,
    weekday: int = 6,
    time: str = "19:00",
    now: datetime | None = None,
) -> WeeklySummary | None:
    """Opt in to (or out of) a weekly summary; returns the subscription, None when off.

    Turning it off also forgets summaries planned and not yet sent."""
    require_athlete(session=session, athlete_id=athlete_id)
    if kind not in WEEKLY_KINDS:
        raise InvalidValueError(f"'{kind}' is not a weekly summary kind")
    session.exec(delete(Dispatch).where(
        col(Dispatch.athlete_id) == athlete_id, col(Dispatch.kind) == WEEKLY_DISPATCH_KIND[kind],
        col(Dispatch.status).in_(("due", "claimed"))))
    existing = session.exec(select(WeeklySummary).where(
        WeeklySummary.athlete_id == athlete_id, WeeklySummary.kind == kind)).first()
    if not enabled:
        if existing is not None:
            session.delete(existing)
            session.flush()
        return None
    if not 0 <= weekday <= 6:
        raise InvalidValueError("The day must be Monday to Sunday.")
    try:
        clock = validate_hhmm(time)
    except ValueError as error:
        raise InvalidValueError(str(error)) from error
    row = existing or WeeklySummary(athlete_id=athlete_id, kind=kind, weekday=weekday,
                                    time=clock, created_at=now or utcnow())
    row.weekday, row.time = weekday, clock
    session.add(row)
    session.flush()
    return row


def get_weekly_summaries(*, session: Session, athlete_id: int) -> list[WeeklySummary]:
    return list(session.exec(select(WeeklySummary).where(
        WeeklySummary.athlete_id == athlete_id).order_by(col(WeeklySummary.kind))).all())


# Outbox
# --- reply outbox (replies sent after their update commits) ---------------------------


@dataclass(frozen=True, slots=True)
class OutboxCall:
    """One buffered Bot API call: the method, the chat it goes to, its parameters (JSON)."""

    method: str
    chat_id: int | None
    payload: str


def add_outbox_replies(
    *,
    session: Session,
    update_id: int,
    calls: Sequence[OutboxCall],
    worker: str,
    lease: timedelta,
    now: datetime,
) -> list[int]:
    """Write an update's buffered calls, claimed by ``worker`` for ``lease``, in the
    update's own transaction; returns their ids in call order."""
    if not calls:
        return []
    claimed_by, expires = worker[:64], now + lease
    # Core rows, not ORM objects built only to read their ids back (an INSERT per row
    # still, so the ids come back in call order on both databases).
    rows = [
        {"update_id": update_id, "chat_id": call.chat_id, "method": call.method[:64],
         "payload": call.payload, "status": "claimed", "claimed_by": claimed_by,
         "claim_expires_at": expires, "due_at": now, "created_at": now, "attempts": 1,
         "sent_at": None}
        for call in calls
    ]
    result = session.execute(_ADD_OUTBOX, rows)
    return [int(row_id) for row_id in result.scalars().all()]


def outbox_claimants(*, session: Session) -> list[str]:
    """The workers that hold claimed outbox rows now."""
    query = (select(ReplyOutbox.claimed_by).distinct()
             .where(col(ReplyOutbox.status) == "claimed",
                    col(ReplyOutbox.claimed_by).is_not(None)))
    return sorted(str(worker) for worker in session.exec(query).all() if worker)


def claim_outbox_replies(
    *,
    session: Session,
    now: datetime,
    worker: str,
    limit: int = 50,
    lease: timedelta = timedelta(minutes=1),
    dead_workers: Sequence[str] = (),
) -> list[ReplyOutbox]:
    """Claim up to ``limit`` calls nobody is sending: ``due`` ones whose time has come and
    ``claimed`` ones whose lease ran out or whose worker is among ``dead_workers`` (it died
    after its commit), oldest first (SKIP LOCKED on PostgreSQL, so workers take different
    rows)."""
    left_behind = col(ReplyOutbox.claim_expires_at) <= now
    if dead_workers:
        left_behind = or_(left_behind, col(ReplyOutbox.claimed_by).in_(list(dead_workers)))
    query = (
        select(ReplyOutbox)
        .where(
            or_(
                and_(col(ReplyOutbox.status) == "due", col(ReplyOutbox.due_at) <= now),
                and_(col(ReplyOutbox.status) == "claimed", left_behind),
            )
        )
        .order_by(col(ReplyOutbox.id))
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    if _is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    rows = list(session.exec(query).all())
    for row in rows:
        row.status = "claimed"
        row.claimed_by = worker[:64]
        row.claim_expires_at = now + lease
        row.attempts += 1
        session.add(row)
    session.flush()
    return rows


def get_outbox_replies(*, session: Session, ids: Sequence[int]) -> list[ReplyOutbox]:
    """The outbox rows ``ids``, in id order."""
    if not ids:
        return []
    return list(session.exec(
        select(ReplyOutbox).where(col(ReplyOutbox.id).in_(list(ids)))
        .order_by(col(ReplyOutbox.id))).all())


def mark_outbox_sent(
    *, session: Session, outbox_id: int, worker: str, now: datetime | None = None
) -> bool:
    """The call went out: mark it sent and forget its text; False if ``worker`` no longer
    held it (its lease ran out and another worker may have sent it too)."""
    result = session.exec(
        update(ReplyOutbox)
        .where(col(ReplyOutbox.id) == outbox_id, col(ReplyOutbox.status) == "claimed",
               col(ReplyOutbox.claimed_by) == worker[:64])
        .values(status="sent", sent_at=now or utcnow(), payload="", claim_expires_at=None)
    )
    return bool(result.rowcount == 1)


def mark_outbox_sent_many(
    *, session: Session, outbox_ids: Sequence[int], worker: str, now: datetime | None = None
) -> set[int]:
    """:func:`mark_outbox_sent` for several calls in one statement; the ids this worker
    still held (the others' leases had run out)."""
    if not outbox_ids:
        return set()
    result = session.execute(_MARK_OUTBOX_SENT, {"ids": list(outbox_ids), "worker": worker[:64],
                                                 "now": now or utcnow()})
    return {int(row_id) for row_id in result.scalars().all()}


def release_outbox_reply(
    *, session: Session, outbox_id: int, worker: str, retry_at: datetime
) -> bool:
    """Give a claimed call back (not sent, or maybe not) to be tried at ``retry_at``."""
    result = session.exec(
        update(ReplyOutbox)
        .where(col(ReplyOutbox.id) == outbox_id, col(ReplyOutbox.status) == "claimed",
               col(ReplyOutbox.claimed_by) == worker[:64])
        .values(status="due", due_at=retry_at, claimed_by=None, claim_expires_at=None)
    )
    return bool(result.rowcount == 1)


def fail_outbox_reply(*, session: Session, outbox_id: int) -> bool:
    """Never send this call (Telegram refused it for good); its text is forgotten."""
    result = session.exec(
        update(ReplyOutbox)
        .where(col(ReplyOutbox.id) == outbox_id,
               col(ReplyOutbox.status).in_(("due", "claimed")))
        .values(status="failed", payload="", claimed_by=None, claim_expires_at=None)
    )
    return bool(result.rowcount == 1)


def list_outbox(*, session: Session, status: str | None = None) -> list[ReplyOutbox]:
    """Outbox rows (tests, operators), oldest first."""
    query = select(ReplyOutbox)
    if status is not None:
        query = query.where(ReplyOutbox.status == status)
    return list(session.exec(query.order_by(col(ReplyOutbox.id))).all())


def prune_outbox(*, session: Session, before: datetime) -> int:
    """Delete sent and failed calls created before ``before``; returns how many."""
    result = session.exec(
        delete(ReplyOutbox).where(col(ReplyOutbox.status).in_(("sent", "failed")),
                                  col(ReplyOutbox.created_at) < before)
    )
    return int(result.rowcount or 0)
