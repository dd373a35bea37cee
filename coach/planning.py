"""Parse what athletes type during onboarding and settings: plans, dates, times, zones.

Plans, sessions and equipment are read by the language layer (``coach.language``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from coach.catalogue import EQUIPMENT_WORDS as CATALOGUE_EQUIPMENT_WORDS
from coach.language import durations
from coach.language.days import parse_calendar_date
from coach.language.equipment import read_equipment

# The weekly plan and the session words are the language layer's; these names stay for
# the callers that import them from here.
from coach.language.plans import (
    WEEKDAY_NAMES as WEEKDAY_NAMES,
)
from coach.language.plans import (
    WEEKDAYS as WEEKDAYS,
)
from coach.language.plans import (
    PlannedRun as PlannedRun,
)
from coach.language.plans import (
    PlanParseError as PlanParseError,
)
from coach.language.plans import (
    parse_weekly_plan as parse_weekly_plan,
)
from coach.language.zones import parse_timezone as parse_timezone

SESSION_KINDS = durations.SESSION_KINDS
DEFAULT_MINUTES = {kind: durations.default_minutes(kind) for kind in SESSION_KINDS}
MAX_SESSION_MINUTES = durations.MAX_MINUTES


def format_plan(plan: list[PlannedRun]) -> str:
    if not plan:
        return "No weekly plan yet."
    return "\n".join(
        f"{WEEKDAY_NAMES[run.weekday]}: rest"
        if run.kind == "rest"
        else f"{WEEKDAY_NAMES[run.weekday]}: {run.kind} {run.minutes} min"
        for run in plan
    )


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%m/%d/%Y",  # only reached when the day-first reading is impossible (04/20/2027)
    "%B %d %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%d %b %Y",
)
_YEARLESS_FORMATS = ("%B %d", "%d %B", "%b %d", "%d %b", "%d.%m", "%d/%m")


def parse_date(text: str, *, today: date) -> date:
    """Read a goal date: ISO (2027-04-20), 20.04.2027, 20/04/2027 or "April 20th, 2027",
    and what the language layer's date reader understands ("in three weeks").

    Without a year ("April 20") it is the next such day from ``today``.
    """
    cleaned = _clean_date_text(text)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        return _check_goal_date(parsed, today=today)
    for fmt in _YEARLESS_FORMATS:
        # With the year added before parsing: "29 Feb" is only valid in a leap year.
        for year in range(today.year, today.year + 5):
            try:
                parsed = datetime.strptime(f"{cleaned} {year}", f"{fmt} %Y").date()
            except ValueError:
                continue
            if parsed >= today:
                return _check_goal_date(parsed, today=today)
    # Words people use around a date ("in three weeks", "dec 18th", "may, the 2nd").
    found = parse_calendar_date(text, today=today, direction="future")
    if found is not None:
        return _check_goal_date(found, today=today)
    raise ValueError("I couldn't read that date. Please write it like 2027-04-20.")


def _clean_date_text(text: str) -> str:
    cleaned = " ".join(text.strip().lower().split())
    cleaned = re.sub(r"^(?:on |the )+", "", cleaned)
    # "Sunday, April 20" -> "april 20"; "20th" -> "20"; "April 20, 2027" -> "april 20 2027"
    cleaned = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", "", cleaned)
    cleaned = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = re.sub(r"\s+of\s+", " ", cleaned)
    cleaned = re.sub(r"\bsept\b", "sep", cleaned)  # strptime knows "sep" only
    return re.sub(r"\s*,\s*", " ", cleaned).strip()


def _check_goal_date(parsed: date, *, today: date) -> date:
    if parsed < today:
        raise ValueError("That date is in the past. When is the event? (YYYY-MM-DD)")
    if parsed.year > today.year + 5:
        raise ValueError("That is more than five years away. Please check the year.")
    return parsed


_CLOCK_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}


def parse_clock_time(text: str) -> time:
    """Read 7:30, 07:30, 19:05, 7.30, 7h30, 0730, 7am, 7:30 p.m. or noon as a time of day."""
    cleaned = " ".join(text.strip().lower().split())
    cleaned = re.sub(r"^at\s+", "", cleaned)
    cleaned = _CLOCK_WORDS.get(cleaned, cleaned)
    cleaned = re.sub(r"([ap])\.?\s?m\.?$", r"\1m", cleaned)  # "p.m." -> "pm"
    cleaned = re.sub(r"(?<=\d)[.h](?=\d{2}\b)", ":", cleaned)  # 7.30, 7h30
    cleaned = re.sub(r"^(\d{1,2})h$", r"\1:00", cleaned)  # 19h
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", cleaned) or re.fullmatch(
        r"(\d{2})(\d{2})()", cleaned  # 0730, 1900
    )
    if not match:
        raise ValueError("Please give a time like 07:30.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if not 1 <= hour <= 12:
            raise ValueError("With am or pm the hour is 1 to 12, e.g. 7pm or 19:00.")
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError("Please give a time like 07:30 (00:00 to 23:59).")
    return time(hour, minute)


EQUIPMENT_WORDS = tuple(sorted(CATALOGUE_EQUIPMENT_WORDS))


def parse_equipment(text: str) -> list[str]:
    """Map "pool, spin bike and a gym" to the engine's equipment words.

    What they say they lack is left out: "no gym, just a treadmill" is a treadmill.
    """
    return list(read_equipment(text))


def split_list(text: str, *, limit: int = 20, max_length: int = 60) -> list[str]:
    """Split "knee, left achilles and hip" into short lower-case items, each once."""
    parts = re.split(r",|;|\band\b|&|\+|\n|/", text.lower())
    items = [" ".join(p.split()).strip(" .!?-–—*•")[:max_length].strip() for p in parts]
    return [item for item in dict.fromkeys(items) if item][:limit]
