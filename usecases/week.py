"""The week at a glance: the athlete's ``/week`` picture and the coach's roster.

The picture is drawn by a function the caller passes in (``bot.charts`` in the bot), so
this layer stays free of the drawing library; the reply carries the PNG as a photo with a
one-line summary and a text description (alt text) as its caption.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final, Literal, Protocol
from zoneinfo import ZoneInfo

from coach.language import t
from coach.language.names import day_and_month, day_label, weekday_short
from coach.planning import WEEKDAY_NAMES
from coach.week import (
    COMPLIANCES,
    DayInput,
    Session,
    Week,
    attention,
    build_week,
    needs_attention,
    week_start,
)
from storage import repository
from storage.models import Athlete
from usecases.account import activity_name
from usecases.identity import ATHLETE_ID_KEY
from usecases.ports import UnitOfWork
from usecases.replies import Attachment, Reply

CAPTION_LIMIT: Final = 1024  # Telegram's limit for a photo's caption
ROSTER_TEXT_ROWS: Final = 60
Which = Literal["this", "last"]


class DrawWeek(Protocol):
    def __call__(self, week: Week, *, title: str, show_pain: bool = True) -> bytes: ...


class DrawRoster(Protocol):
    def __call__(self, rows: Sequence[tuple[str, Week]], *, title: str) -> bytes: ...


def _week_from_rows(
    rows: repository.WeekRows, athlete: Athlete, *, start: date, today: date
) -> Week:
    athlete_id = athlete.id
    assert athlete_id is not None
    plan = {entry.weekday: entry for entry in rows.plans.get(athlete_id, [])}
    # A day changed for its week only holds that session instead.
    changed = {change.day: change for change in rows.changes.get(athlete_id, [])}
    checkins = {checkin.day: checkin for checkin in rows.checkins.get(athlete_id, [])}
    substitutes = dict(rows.substitutes.get(athlete_id, []))
    substitute_minutes = rows.substitute_minutes.get(athlete_id, {})
    sessions: dict[date, list[Session]] = {}
    for activity in rows.activities.get(athlete_id, []):
        sessions.setdefault(activity.day, []).append(
            Session(activity=activity.sport, minutes=max(1, round(activity.duration_s / 60))))
    # Before the athlete joined, nothing of theirs was tracked: no day then is "missed".
    joined = repository.local_today(athlete, now=athlete.created_at)
    days: dict[date, DayInput] = {}
    for offset in range(7):
        day = start + timedelta(days=offset)
        entry, checkin = changed.get(day, plan.get(day.weekday())), checkins.get(day)
        if day < joined and checkin is None and day not in sessions:
            entry = None
        days[day] = DayInput(
            planned_kind=entry.kind if entry else None,
            planned_minutes=entry.minutes if entry else 0,
            status=checkin.status if checkin else None,
            pain=checkin.pain if checkin and athlete.health_consent else None,
            sessions=tuple(sessions.get(day, ())),
            substitute=substitutes.get(day),
            substitute_minutes=substitute_minutes.get(day),
        )
    return build_week(start=start, today=today, days=days,
                      on_hold=athlete.hold_since is not None, has_plan=bool(plan),
                      tracked_from=joined)


def _counts(week: Week, language: str) -> str:
    parts = []
    for kind in COMPLIANCES:
        n = week.count(kind)
        if not n or kind == "rest":
            continue
        if kind == "swapped":
            names = ", ".join(sorted({activity_name(d.substitute)
                                      for d in week.days if d.substitute}))
            parts.append(t("week.count_swapped", language=language, n=n, names=names))
        else:
            parts.append(t(f"week.count_{kind}", language=language, n=n))
    return ", ".join(parts) or t("week.nothing_yet", language=language)


def week_summary(week: Week, language: str = "en") -> str:
    """One line: minutes against the plan, sessions by outcome, the highest pain."""
    start = day_and_month(week.start, language=language)
    if not week.planned_minutes:
        if week.has_plan and week.tracked_from is not None:
            # The plan exists; it just had nothing left to count this week after joining.
            return t("week.summary_joined", language=language, start=start,
                     done=week.done_minutes, joined=day_label(week.tracked_from, language=language))
        if week.has_plan:
            return t("week.summary_rest_week", language=language, start=start,
                     done=week.done_minutes)
        return t("week.summary_no_plan", language=language, start=start,
                 done=week.done_minutes)
    line = t("week.summary", language=language, start=start, done=week.done_minutes,
             planned=week.planned_minutes, counts=_counts(week, language))
    if week.max_pain:
        line = line[:-1] + "; " + t("week.pain_up_to", language=language,
                                    pain=week.max_pain) + "."
    return line


def week_alt_text(week: Week, language: str = "en") -> str:
    """The picture in words, day by day, for screen readers and small screens."""
    parts = [t("week.alt_intro", language=language)]
    # Untracked, not rest: days before joining that nothing was recorded for, said once
    # as a span ("Mon–Sat before you joined"), not once a day.
    untracked = [day.day for day in week.days
                 if week.tracked_from is not None and day.day < week.tracked_from
                 and not day.is_planned and not day.done_minutes]
    span = len(untracked) > 1 and (untracked[-1] - untracked[0]).days == len(untracked) - 1
    if span:
        parts.append(t("week.alt_before_joining_span", language=language,
                       first=weekday_short(untracked[0].weekday(), language=language),
                       last=weekday_short(untracked[-1].weekday(), language=language)))
    for day in week.days:
        name = weekday_short(day.day.weekday(), language=language)
        if day.day in untracked:
            if not span:
                parts.append(t("week.alt_before_joining", language=language, day=name))
            continue
        if not day.is_planned:
            text = t("week.alt_rest", language=language, day=name)
            if day.done_minutes:
                text += f" ({day.done_minutes} min)"
        else:
            if day.compliance == "swapped":
                what = t("week.alt_swapped", language=language,
                         activity=activity_name(day.substitute) if day.substitute
                         else "other", minutes=day.done_minutes)
            elif day.compliance in ("missed", "upcoming"):
                what = t(f"week.alt_{day.compliance}", language=language)
            else:
                what = t("week.alt_done", language=language, minutes=day.done_minutes,
                         compliance=day.compliance)
            text = t("week.alt_day", language=language, day=name, kind=day.planned_kind,
                     planned=day.planned_minutes, what=what)
        if day.pain is not None:
            text += ", " + t("week.alt_pain", language=language, pain=day.pain)
        parts.append(text)
    return " ".join(parts[:1]) + " " + "; ".join(parts[1:]) + "."


def _week_start_for(today: date, which: Which) -> date:
    return week_start(today) - timedelta(days=7 if which == "last" else 0)


def load_week(uow: UnitOfWork, *, athlete_id: int, which: Which = "this") -> tuple[Week, str]:
    """The athlete's week (this or last) and their language."""
    with uow.transaction() as session:
        athlete = repository.require_athlete(session=session, athlete_id=athlete_id)
        today = repository.local_today(athlete, now=uow.now())
        start = _week_start_for(today, which)
        rows = repository.week_rows(session=session, athlete_ids=[athlete_id], since=start,
                                    until=start + timedelta(days=6))
        return _week_from_rows(rows, athlete, start=start, today=today), athlete.language


def week_reply(week: Week, *, draw: DrawWeek, language: str = "en") -> Reply:
    """The picture of ``week`` with a one-line summary and its alt text as the caption.

    No database here: the bot draws in a worker thread."""
    start = day_and_month(week.start, language=language)
    title = (t("week.title", language=language, start=start, done=week.done_minutes,
               planned=week.planned_minutes) if week.planned_minutes
             else t("week.title_no_plan", language=language, start=start,
                    done=week.done_minutes))
    png = draw(week, title=title)
    caption = f"{week_summary(week, language)}\n\n{week_alt_text(week, language)}"
    return Reply(text="", attachment=Attachment(kind="photo", filename="week.png", data=png,
                                                caption=caption[:CAPTION_LIMIT]))


def show_week(
    uow: UnitOfWork, *, athlete_id: int, draw: DrawWeek, which: Which = "this"
) -> Reply:
    """``/week``: the picture of the athlete's week (this or last)."""
    week, language = load_week(uow, athlete_id=athlete_id, which=which)
    return week_reply(week, draw=draw, language=language)


def _roster_counts(week: Week, language: str) -> str:
    parts = []
    if week.on_hold:
        parts.append(t("week.coach_hold", language=language))
    if week.max_pain:
        parts.append(t("week.coach_pain", language=language, pain=week.max_pain))
    done = week.count("done") + week.count("swapped")
    parts.append(t("week.coach_done_of", language=language, done=done,
                   planned=week.planned_sessions))
    for kind in ("partial", "off", "missed"):
        if week.count(kind):
            parts.append(t(f"week.count_{kind}", language=language, n=week.count(kind)))
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Roster:
    """Every onboarded athlete's week, most in need of attention first."""

    start: date
    rows: tuple[tuple[str, int, Week], ...]  # label, Telegram id, week


def load_roster(
    uow: UnitOfWork, *, telegram_user_id: int, which: Which = "this", language: str = "en"
) -> Roster | Reply:
    """The roster for coach ``telegram_user_id``, or a refusal for anybody else."""
    if telegram_user_id not in uow.settings.coach_ids:
        return Reply(t("week.coach_refused", language=language))
    now = uow.now()
    with uow.transaction() as session:
        coach = repository.get_athlete_by_telegram_id(session=session,
                                                      telegram_user_id=telegram_user_id)
        coach_today = (repository.local_today(coach, now=now) if coach is not None
                       else now.astimezone(ZoneInfo(uow.settings.default_timezone)).date())
        start = _week_start_for(coach_today, which)
        athletes = repository.list_onboarded_athletes(session=session)
        rows = repository.week_rows(
            session=session, athlete_ids=[a.id for a in athletes if a.id is not None],
            since=start, until=start + timedelta(days=6))
        weeks = [
            (athlete, _week_from_rows(rows, athlete, start=start,
                                      today=repository.local_today(athlete, now=now)))
            for athlete in athletes
        ]
    weeks.sort(key=lambda pair: (*attention(pair[1]), pair[0].id or 0))
    return Roster(start=start, rows=tuple(
        (_label(athlete), athlete.telegram_user_id, week) for athlete, week in weeks))


def roster_reply(roster: Roster, *, draw: DrawRoster, language: str = "en") -> Reply:
    """One roster picture and a short text: one row per athlete, counts and flags only."""
    if not roster.rows:
        return Reply(t("week.coach_none", language=language))
    start = day_and_month(roster.start, language=language)
    png = draw([(label, week) for label, _, week in roster.rows],
               title=t("week.coach_title", language=language, start=start))
    looking = sum(1 for _, _, week in roster.rows if needs_attention(week))
    lines = [t("week.coach_summary", language=language, start=start,
               athletes=len(roster.rows), attention=looking)]
    for label, telegram_id, week in roster.rows[:ROSTER_TEXT_ROWS]:
        lines.append(t("week.coach_row", language=language, name=label,
                       telegram_id=telegram_id, counts=_roster_counts(week, language)))
    if len(roster.rows) > ROSTER_TEXT_ROWS:
        lines.append(t("week.coach_more", language=language,
                       n=len(roster.rows) - ROSTER_TEXT_ROWS))
    return Reply(text="\n".join(lines[1:]),
                 attachment=Attachment(kind="photo", filename="team-week.png", data=png,
                                       caption=lines[0]))


def coach_week(
    uow: UnitOfWork, *, telegram_user_id: int, draw: DrawRoster, which: Which = "this",
    language: str = "en",
) -> Reply:
    """``/coach week``: coaches only; counts and colours, never free text."""
    roster = load_roster(uow, telegram_user_id=telegram_user_id, which=which,
                         language=language)
    return roster if isinstance(roster, Reply) else roster_reply(roster, draw=draw,
                                                                  language=language)


def _label(athlete: Athlete) -> str:
    name = " ".join((athlete.name or "").split())[:18]
    return name or f"athlete {athlete.id}"


# --- weekly summaries (opt-in) ---------------------------------------------------------

ATHLETE_DEFAULT = (6, "19:00")  # Sunday evening
COACH_DEFAULT = (0, "07:30")  # Monday morning


def _read_day(word: str) -> int | None:
    word = word.lower().rstrip(".,")
    if len(word) < 3:
        return None
    return next((index for index, name in enumerate(WEEKDAY_NAMES)
                 if name.lower().startswith(word)), None)


def _replan(athlete_id: int) -> dict[str, Any]:
    """Reply fields that make the bot plan its scheduled sends at the next pass, so a
    summary set for a few minutes from now is planned in time."""
    return {"schedule_changed": True, "extra": {ATHLETE_ID_KEY: str(athlete_id)}}


def set_weekly_summary(
    uow: UnitOfWork, *, athlete_id: int, args: Sequence[str], coach: bool = False
) -> Reply:
    """``/week on [day] [HH:MM]`` / ``/week off``, or for a coach ``/coach week on [HH:MM]``
    / ``off``: opt in to or out of the weekly summary sent at that local time."""
    prefix = "week.coach_summary" if coach else "week.summary"
    with uow.transaction() as session:
        athlete = repository.require_athlete(session=session, athlete_id=athlete_id)
        language = athlete.language
        words = [word.lower() for word in args]
        if coach and athlete.telegram_user_id not in uow.settings.coach_ids:
            return Reply(t("week.coach_refused", language=language))
        if words == ["off"]:
            repository.set_weekly_summary(session=session, athlete_id=athlete_id,
                                          kind="coach" if coach else "athlete", enabled=False)
            return Reply(t(f"{prefix}_off", language=language), **_replan(athlete_id))
        weekday, clock = COACH_DEFAULT if coach else ATHLETE_DEFAULT
        usage = Reply(t(f"{prefix}_usage", language=language))
        if not words or words[0] != "on":
            return usage
        for word in words[1:]:
            day = None if coach else _read_day(word)
            if day is not None:
                weekday = day
            elif ":" in word:
                clock = word
            else:
                return usage
        try:
            row = repository.set_weekly_summary(
                session=session, athlete_id=athlete_id, kind="coach" if coach else "athlete",
                enabled=True, weekday=weekday, time=clock, now=uow.now())
        except repository.InvalidValueError as error:
            return Reply(f"{error}\n{usage.text}")
        assert row is not None
        return Reply(t(f"{prefix}_on", language=language, day=WEEKDAY_NAMES[row.weekday],
                       time=row.time), **_replan(athlete_id))


@dataclass(frozen=True, slots=True)
class DueSummary:
    """What a weekly summary needs, read in one transaction; drawn and sent afterwards."""

    chat_id: int
    telegram_user_id: int
    language: str
    week: Week | None  # an athlete's own week
    roster: Roster | None  # a coach's team


def load_due_summary(
    uow: UnitOfWork, *, athlete_id: int, kind: str, local_date: date
) -> DueSummary | None:
    """What a scheduled summary (``weekly_summary`` or ``coach_digest``) due on
    ``local_date`` shows: the week so far from Thursday on, else the week before. None:
    don't send it (gone, no longer a coach, or an athlete on a safety hold, whose picture
    would list the sessions still planned as if they should train)."""
    which: Which = "this" if local_date.weekday() >= 3 else "last"
    with uow.transaction() as session:
        athlete = repository.get_athlete(session=session, athlete_id=athlete_id)
        if athlete is None or (kind == "weekly_summary" and athlete.hold_since is not None):
            return None
        chat_id, user_id, language = athlete.chat_id, athlete.telegram_user_id, athlete.language
    if kind == "coach_digest":
        roster = load_roster(uow, telegram_user_id=user_id, which=which, language=language)
        if isinstance(roster, Reply):
            return None
        return DueSummary(chat_id, user_id, language, None, roster)
    week, _ = load_week(uow, athlete_id=athlete_id, which=which)
    return DueSummary(chat_id, user_id, language, week, None)


def due_summary_reply(
    due: DueSummary, *, draw_week: DrawWeek, draw_roster: DrawRoster
) -> Reply:
    """The picture and text of a loaded weekly summary (no database: drawn in a thread)."""
    if due.roster is not None:
        return roster_reply(due.roster, draw=draw_roster, language=due.language)
    assert due.week is not None
    return week_reply(due.week, draw=draw_week, language=due.language)
