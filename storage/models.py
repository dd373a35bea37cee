"""The athlete store's tables (SQLModel), one family per entity where input is validated.

Families follow full-stack-fastapi-template: ``XBase`` holds the fields a caller may
give (validated when used as a non-table model), ``X(XBase, table=True)`` is the row.
Types work on SQLite and PostgreSQL alike: JSON columns, dates, and timezone-aware
datetimes that are always stored and returned in UTC (:class:`UTCDateTime`).

Check-in status ``pending`` means "a prompt was sent and not answered yet"; answering
replaces it. Dispatch (scheduled send) status: ``due`` (planned), ``claimed`` (a worker
holds a lease), ``sent``, ``skipped`` (the person's local day ended, or they were paused,
turned it off or are on a safety hold before it was sent).
"""

# No `from __future__ import annotations` here: SQLModel reads the annotations at class
# creation time.
import re
from datetime import UTC, date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator
from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    Index,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

# Stable constraint names, so migrations can refer to them on every backend.
NAMING_CONVENTION: Final[dict[str, str]] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

SESSION_KINDS: Final[tuple[str, ...]] = (
    "easy", "long", "tempo", "intervals", "hills", "recovery", "rest",
)
CHECKIN_STATUSES: Final[tuple[str, ...]] = ("pending", "done", "missed", "swapped", "pain")
DISPATCH_STATUSES: Final[tuple[str, ...]] = ("due", "claimed", "sent", "skipped")
TURN_ROLES: Final[tuple[str, ...]] = ("athlete", "bot")
# SQLite would hand an erased athlete's ids to new rows; stale buttons holding an old
# id must never point at someone else's data.
_NEVER_REUSE_IDS: Final[dict[str, Any]] = {"sqlite_autoincrement": True}
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC; SQLite keeps no offset, so we add it back.

    Naive datetimes given to the database are taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _in_sql(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def normalise_words(values: Any) -> list[str]:
    """Lower-case, trimmed, de-duplicated words in their given order."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [part for part in re.split(r"[,;\n]", values)]
    words: list[str] = []
    for value in values:
        word = " ".join(str(value).split()).lower()
        if word and word not in words:
            words.append(word[:80])
    return words


def validate_timezone(value: str) -> str:
    """An IANA timezone name, or a ValueError that says what is wrong."""
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(
            f"'{value}' is not a timezone I know; use a name like Europe/Berlin or "
            "America/New_York"
        ) from error
    return name


def validate_hhmm(value: str) -> str:
    """A 24-hour ``HH:MM`` time, padded (``7:05`` becomes ``07:05``)."""
    text = value.strip()
    if re.fullmatch(r"\d:\d\d", text):
        text = "0" + text
    if not _HHMM.match(text):
        raise ValueError(f"'{value}' is not a time like 07:30 (24-hour HH:MM)")
    return text


# --- Athlete ---------------------------------------------------------------------------


class AthleteBase(SQLModel):
    """Profile fields an athlete can set."""

    name: str | None = Field(default=None, max_length=100)
    timezone: str = Field(default="UTC", max_length=64)
    checkin_time: str = Field(default="07:30", max_length=5)
    checkin_enabled: bool = False  # opt-in: only those who ask get daily check-ins
    goal_event: str | None = Field(default=None, max_length=200)
    goal_date: date | None = None
    # The race date was told by its month only ("marathon in april"): the day is ours, so
    # it is said back as "around April 2027", never as a day the athlete did not give.
    goal_date_approximate: bool = False
    injuries: list[str] = Field(default_factory=list, sa_type=JSON)
    limitations: str | None = Field(default=None, sa_type=Text)
    equipment: list[str] = Field(default_factory=list, sa_type=JSON)
    likes: list[str] = Field(default_factory=list, sa_type=JSON)
    dislikes: list[str] = Field(default_factory=list, sa_type=JSON)
    language: str = Field(default="en", max_length=16)


class AthleteUpdate(SQLModel):
    """A validated partial profile update; only the fields given are applied."""

    name: str | None = Field(default=None, max_length=100)
    timezone: str | None = Field(default=None, max_length=64)
    checkin_time: str | None = Field(default=None, max_length=5)
    checkin_enabled: bool | None = None
    goal_event: str | None = Field(default=None, max_length=200)
    goal_date: date | None = None
    goal_date_approximate: bool | None = None
    injuries: list[str] | None = None
    limitations: str | None = Field(default=None, max_length=2000)
    equipment: list[str] | None = None
    likes: list[str] | None = None
    dislikes: list[str] | None = None
    language: str | None = Field(default=None, max_length=16)
    onboarded: bool | None = None

    @field_validator("injuries", "equipment", "likes", "dislikes", mode="before")
    @classmethod
    def _words(cls, value: Any) -> list[str] | None:
        return None if value is None else normalise_words(value)

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str | None) -> str | None:
        return None if value is None else validate_timezone(value)

    @field_validator("checkin_time")
    @classmethod
    def _time(cls, value: str | None) -> str | None:
        return None if value is None else validate_hhmm(value)

    @field_validator("name", "goal_event", "limitations", "language")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = value.strip()
        return text or None


class Athlete(AthleteBase, table=True):
    """One Telegram user coached by the bot."""

    __tablename__ = "athlete"
    __table_args__ = (_NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_type=BigInteger, unique=True, index=True)
    chat_id: int = Field(sa_type=BigInteger)
    paused: bool = False
    paused_reason: str | None = Field(default=None, max_length=200)
    health_consent: bool = False
    health_consent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    onboarded: bool = False
    # The onboarding question awaiting an answer (None: not onboarding), so a restart
    # resumes where the athlete was.
    onboarding_step: str | None = Field(default=None, max_length=32)
    # A safety hold after a red flag: no workout anywhere until the athlete says they were
    # checked and cleared. The hold is kept without consent; its reason only with consent.
    hold_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    hold_reason: str | None = Field(default=None, sa_type=Text)
    # What the flag behind the hold still allows ("nothing", "non_impact"); kept without
    # consent like the hold itself, since it is what keeps the athlete safe. None: nothing.
    hold_allows: str | None = Field(default=None, max_length=16)
    # When the coach's offer was last shown (offers at most monthly).
    last_offer_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- Weekly plan -----------------------------------------------------------------------


class PlannedSessionBase(SQLModel):
    """One weekday of the weekly plan (Monday is 0)."""

    weekday: int = Field(ge=0, le=6)
    kind: str = Field(max_length=16)
    minutes: int = Field(default=0, ge=0, le=600)

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        kind = value.strip().lower()
        if kind not in SESSION_KINDS:
            raise ValueError(f"'{value}' is not a session kind; use one of "
                             + ", ".join(SESSION_KINDS))
        return kind


class PlannedSessionIn(PlannedSessionBase):
    """A planned session as a caller gives it (validated)."""


class PlannedSession(PlannedSessionBase, table=True):
    __tablename__ = "planned_session"
    __table_args__ = (
        UniqueConstraint("athlete_id", "weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint(f"kind IN ({_in_sql(SESSION_KINDS)})", name="kind_known"),
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE")


class PlanChange(SQLModel, table=True):
    """One day's session for that week only ("swap thursday and saturday this week"):
    the weekly plan stays as it is, and the day holds this session instead."""

    __tablename__ = "plan_change"
    __table_args__ = (
        UniqueConstraint("athlete_id", "day"),
        CheckConstraint(f"kind IN ({_in_sql(SESSION_KINDS)})", name="kind_known"),
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE")
    day: date
    kind: str = Field(max_length=16)
    minutes: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- Check-ins -------------------------------------------------------------------------


class CheckIn(SQLModel, table=True):
    """How one athlete-local day went. One row per athlete and day."""

    __tablename__ = "check_in"
    __table_args__ = (
        UniqueConstraint("athlete_id", "day"),
        CheckConstraint(f"status IN ({_in_sql(CHECKIN_STATUSES)})", name="status_known"),
        CheckConstraint("pain IS NULL OR (pain BETWEEN 0 AND 10)", name="pain_range"),
        CheckConstraint("rpe IS NULL OR (rpe BETWEEN 1 AND 10)", name="rpe_range"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE")
    day: date
    status: str = Field(max_length=16)
    reason: str | None = Field(default=None, sa_type=Text)
    pain: int | None = None
    rpe: int | None = None
    note: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- Substitutions ---------------------------------------------------------------------


class Substitution(SQLModel, table=True):
    """Options offered for a missed session, and the one the athlete chose."""

    __tablename__ = "substitution"
    __table_args__ = (_NEVER_REUSE_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE", index=True)
    checkin_id: int | None = Field(default=None, foreign_key="check_in.id",
                                   ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    missed: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    reason: str | None = Field(default=None, sa_type=Text)
    options: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    chosen_activity: str | None = Field(default=None, max_length=64)
    chosen_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- Conversation memory ---------------------------------------------------------------


class ConversationTurn(SQLModel, table=True):
    """A recent message, kept so follow-ups ("what about swimming?") make sense."""

    __tablename__ = "conversation_turn"
    __table_args__ = (
        Index("ix_conversation_turn_athlete_id_id", "athlete_id", "id"),
        CheckConstraint(f"role IN ({_in_sql(TURN_ROLES)})", name="role_known"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE")
    role: str = Field(max_length=8)
    text: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- Exactly-once bookkeeping ----------------------------------------------------------


class ProcessedUpdate(SQLModel, table=True):
    """A Telegram update id already handled; written in the update's own transaction.

    Holds no personal data (an update id and a time), so erasing an athlete leaves it.
    """

    __tablename__ = "processed_update"

    update_id: int = Field(sa_type=BigInteger, primary_key=True,
                           sa_column_kwargs={"autoincrement": False})
    processed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# Kinds of scheduled send, all through one outbox (``bot/scheduled_outbox.py``): the daily
# check-in prompt, an athlete's opt-in weekly summary, a coach's Monday digest.
DISPATCH_KINDS: Final[tuple[str, ...]] = ("checkin", "weekly_summary", "coach_digest")


class Dispatch(SQLModel, table=True):
    """One scheduled message to one person: planned (``due``), claimed by a worker under a
    lease, then ``sent`` or ``skipped``. One row per person, kind and local day, so several
    workers send each at most once per period."""

    __tablename__ = "dispatch"
    __table_args__ = (
        UniqueConstraint("athlete_id", "kind", "local_date"),
        Index("ix_dispatch_status_due_at", "status", "due_at"),
        CheckConstraint(f"status IN ({_in_sql(DISPATCH_STATUSES)})", name="status_known"),
        CheckConstraint(f"kind IN ({_in_sql(DISPATCH_KINDS)})", name="kind_known"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE")
    kind: str = Field(default="checkin", max_length=16)
    local_date: date
    due_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default="due", max_length=16)
    claimed_by: str | None = Field(default=None, max_length=64)
    claim_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# Tables whose rows belong to one athlete (by ``athlete_id``), in the order erase deletes
# them; export and erase are tested against every table that has an athlete_id column.
ATHLETE_OWNED_TABLES: Final[dict[str, type[SQLModel]]] = {
    "conversation_turns": ConversationTurn,
    "dispatches": Dispatch,
    "substitutions": Substitution,
    "checkins": CheckIn,
    "weekly_plan": PlannedSession,
    "plan_changes": PlanChange,
}


# --- Logged activities (run files) -------------------------------------------------------


class LoggedActivity(SQLModel, table=True):
    """A session read from a file the athlete sent (.fit, .gpx, .tcx), on its local day.

    ``content_sha256`` is unique per athlete: the same file sent twice is logged once.
    The average heart rate is kept only with the athlete's health consent.
    """

    __tablename__ = "logged_activity"
    __table_args__ = (
        UniqueConstraint("athlete_id", "content_sha256"),
        Index("ix_logged_activity_athlete_id_day", "athlete_id", "day"),
        CheckConstraint("duration_s > 0", name="duration_positive"),
        CheckConstraint("avg_hr IS NULL OR (avg_hr BETWEEN 20 AND 250)", name="avg_hr_range"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE")
    day: date
    started_at: datetime = Field(sa_type=UTCDateTime)
    sport: str = Field(max_length=32)
    duration_s: int
    distance_m: float | None = None
    ascent_m: float | None = None
    avg_hr: int | None = None
    file_format: str = Field(max_length=8)
    content_sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


ATHLETE_OWNED_TABLES["logged_activities"] = LoggedActivity


# --- Weekly summaries (opt-in) -----------------------------------------------------------

WEEKLY_KINDS: Final[tuple[str, ...]] = ("athlete", "coach")
# The scheduled send each subscription plans.
WEEKLY_DISPATCH_KIND: Final[dict[str, str]] = {"athlete": "weekly_summary",
                                               "coach": "coach_digest"}


class WeeklySummary(SQLModel, table=True):
    """An opt-in to a weekly picture: an athlete's own week on their chosen evening, or a
    coach's roster (``kind`` coach) on Monday morning, in the person's own timezone."""

    __tablename__ = "weekly_summary"
    __table_args__ = (
        UniqueConstraint("athlete_id", "kind"),
        CheckConstraint(f"kind IN ({_in_sql(WEEKLY_KINDS)})", name="kind_known"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(foreign_key="athlete.id", ondelete="CASCADE")
    kind: str = Field(max_length=8)
    weekday: int  # Monday is 0
    time: str = Field(max_length=5)  # HH:MM, local
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


ATHLETE_OWNED_TABLES["weekly_summaries"] = WeeklySummary


# --- Reply outbox ----------------------------------------------------------------------

OUTBOX_STATUSES: Final[tuple[str, ...]] = ("due", "claimed", "sent", "failed")


class ReplyOutbox(SQLModel, table=True):
    """One Bot API call a handler made while its update was open (a reply, an edit, a
    document), written in the update's transaction and sent after it commits.

    ``claimed`` rows belong to the worker named in ``claimed_by`` until
    ``claim_expires_at``; after that (the worker died) any worker's sweeper sends them.
    ``payload`` (the call's parameters, JSON) is emptied once the call was sent or given
    up, so no message text stays behind.
    """

    __tablename__ = "reply_outbox"
    __table_args__ = (
        Index("ix_reply_outbox_status_due_at", "status", "due_at"),
        CheckConstraint(f"status IN ({_in_sql(OUTBOX_STATUSES)})", name="status_known"),
        _NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    update_id: int = Field(sa_type=BigInteger)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    method: str = Field(max_length=64)
    payload: str = Field(sa_type=Text)
    status: str = Field(default="claimed", max_length=16)
    claimed_by: str | None = Field(default=None, max_length=64)
    claim_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
