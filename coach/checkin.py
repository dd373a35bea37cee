"""Daily check-in rules: when it is due, what it says, which reasons we offer."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
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


def local_today(*, now_utc: datetime, timezone: str) -> date:
    return now_utc.astimezone(ZoneInfo(timezone)).date()


def next_checkin_utc(*, now_utc: datetime, timezone: str, at: time) -> datetime:
    """The next moment (UTC) the athlete's local clock shows ``at``."""
    zone = ZoneInfo(timezone)
    local_now = now_utc.astimezone(zone)
    candidate = datetime.combine(local_now.date(), at, tzinfo=zone)
    if candidate <= local_now:
        candidate = datetime.combine(local_now.date() + timedelta(days=1), at, tzinfo=zone)
    return candidate.astimezone(ZoneInfo("UTC"))


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
            f"{hello} No run is planned for {WEEKDAY_NAMES[day.weekday()]} in your plan. "
            "Did you train today?"
        )
    if planned.kind == "rest":
        return None
    return f"{hello} Today's plan: {planned.kind} run, {planned.minutes} min. How did it go?"


def status_reply(status: str) -> str:
    return {
        "done": "Nice work — logged as done. 💪",
        "swapped": "Logged as swapped for cross-training. Good call.",
        "missed": "No problem, it happens. What got in the way?",
        "pain": "Sorry to hear that. Where does it hurt and how bad is it, 0-10? "
        "(For example: “left knee, 4/10, worse downhill”.)",
    }[status]
