"""Daily check-in rules: when it is due, what it says, which reasons we offer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coach.language.names import session_name
from coach.language.texts import t
from coach.planning import WEEKDAY_NAMES, PlannedRun

CHECKIN_STATUSES = ("done", "missed", "swapped", "pain")

# Quick reasons offered as buttons after "missed": code -> the text the engine reads.
# Their labels are sentences (checkins.reason_<code>).
MISSED_REASONS: dict[str, str] = {
    "time": "no time, only 30 minutes",
    "weather": "bad weather, storm outside",
    "tired": "feeling tired and flat",
    "sore": "legs are sore, mild pain 3/10",
    "travel": "travelling, in a hotel",
    "fun": "want something fun",
}


def _as_utc(moment: datetime) -> datetime:
    # A naive value is taken as UTC (the parameter says so), never as the server's zone.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_today(*, now_utc: datetime, timezone: str) -> date:
    return _as_utc(now_utc).astimezone(ZoneInfo(timezone)).date()


def next_checkin_utc(*, now_utc: datetime, timezone: str, at: time) -> datetime:
    """The next moment (UTC), strictly after ``now_utc``, of ``at`` on a local day.

    Once per local day: when ``at`` happens twice (clocks going back) the first one counts,
    and when it never happens (clocks going forward) it is the same instant an hour later
    on the new clock. Compared in UTC: aware datetimes sharing a tzinfo compare by wall
    clock, which gets the repeated hour wrong.
    """
    zone = ZoneInfo(timezone)
    now = _as_utc(now_utc)
    wall_clock = at.replace(tzinfo=None, fold=0)
    local_date = now.astimezone(zone).date()
    for days_ahead in range(3):  # 3: a zone may skip a whole local day (Samoa, 2011)
        day = local_date + timedelta(days=days_ahead)
        candidate = datetime.combine(day, wall_clock, tzinfo=zone).astimezone(UTC)
        if candidate > now:
            return candidate
    raise AssertionError("unreachable: a local day always comes within three days")


def checkin_prompt(
    *, planned: PlannedRun | None, name: str | None, day: date, has_plan: bool,
    language: str = "en",
) -> str | None:
    """The check-in question for ``day``, or None on a rest day (no prompt then).

    A day missing from a weekly plan is a rest day; without any plan we just ask.
    """
    hello = (t("checkins.prompt_hello", language=language, name=name) if name
             else t("checkins.prompt_hello_anonymous", language=language))
    if planned is None and has_plan:
        return None
    if planned is None:
        return t("checkins.prompt_no_plan", language=language, hello=hello,
                 weekday=WEEKDAY_NAMES[day.weekday()])
    if planned.kind == "rest":
        return None
    session = session_name(planned.kind, language=language)
    return t("checkins.prompt_planned", language=language, hello=hello, session=session,
             minutes=planned.minutes)


def status_reply(status: str, *, language: str = "en") -> str:
    """What the bot says when a check-in button is pressed; one of CHECKIN_STATUSES."""
    if status not in CHECKIN_STATUSES:
        raise KeyError(status)
    return t(f"checkins.{status}", language=language)


def reason_label(code: str, *, language: str = "en") -> str:
    """The button label of a quick reason (one of MISSED_REASONS)."""
    if code not in MISSED_REASONS:
        raise KeyError(code)
    return t(f"checkins.reason_{code}", language=language)
