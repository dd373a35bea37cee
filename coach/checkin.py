"""Daily check-in rules: when it is due, what it says, which reasons we offer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coach.planning import WEEKDAY_NAMES, PlannedRun

CHECKIN_STATUSES = ("done", "missed", "swapped", "pain")

# Quick reasons offered as buttons after "missed"; the text is what the engine reads.
MISSED_REASONS: dict[str, tuple[str, str]] = {
    "time": ("⏱ No time", "no time, only 30 minutes"),
    "weather": ("🌧 Weather", "bad weather, storm outside"),
    "tired": ("😴 Tired", "feeling tired and flat"),
    "sore": ("🤕 Sore", "legs are sore, mild pain 3/10"),
    "travel": ("✈️ Travel", "travelling, in a hotel"),
    "fun": ("🎉 Want something fun", "want something fun"),
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
    *, planned: PlannedRun | None, name: str | None, day: date, has_plan: bool
) -> str | None:
    """The check-in question for ``day``, or None on a rest day (no prompt then).

    A day missing from a weekly plan is a rest day; without any plan we just ask.
    """
    hello = f"Daily check-in, {name}!" if name else "Daily check-in!"
    if planned is None and has_plan:
        return None
    if planned is None:
        return (
            f"{hello} It's {WEEKDAY_NAMES[day.weekday()]} and there's no weekly plan yet "
            "(/plan sets one). Did you train today?"
        )
    if planned.kind == "rest":
        return None
    session = _SESSION_NAMES.get(planned.kind, f"{planned.kind} run")
    return f"{hello} Today's plan: {session}, {planned.minutes} min. How did it go?"


# "intervals run" reads oddly; the other kinds are "<kind> run".
_SESSION_NAMES = {"intervals": "interval session", "hills": "hill session"}


def status_reply(status: str) -> str:
    """What the bot says when a check-in button is pressed; one of CHECKIN_STATUSES."""
    return {
        "done": "Nice work — logged as done. 💪",
        "swapped": "Logged as swapped for cross-training. Good call.",
        "missed": "No problem, it happens. What got in the way?",
        "pain": "Sorry to hear that. Where does it hurt and how bad is it, 0-10? "
        "(For example: “left knee, 4/10, worse downhill”.)",
    }[status]
