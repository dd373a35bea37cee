"""Parse what athletes type during onboarding and settings: plans, dates, times, zones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SESSION_KINDS = ("easy", "long", "tempo", "intervals", "hills", "recovery", "rest")
DEFAULT_MINUTES = {
    "easy": 40,
    "long": 90,
    "tempo": 45,
    "intervals": 50,
    "hills": 45,
    "recovery": 30,
    "rest": 0,
}
_KIND_WORDS = {
    "easy": "easy",
    "base": "easy",
    "aerobic": "easy",
    "zone2": "easy",
    "long": "long",
    "lsd": "long",
    "tempo": "tempo",
    "threshold": "tempo",
    "intervals": "intervals",
    "interval": "intervals",
    "speed": "intervals",
    "track": "intervals",
    "vo2": "intervals",
    "repeats": "intervals",
    "hills": "hills",
    "hill": "hills",
    "recovery": "recovery",
    "shakeout": "recovery",
    "rest": "rest",
    "off": "rest",
}
MAX_SESSION_MINUTES = 600


class PlanParseError(ValueError):
    """The text could not be read as a weekly plan; the message says why, for the athlete."""


@dataclass(frozen=True, slots=True)
class PlannedRun:
    weekday: int
    kind: str
    minutes: int


def parse_weekly_plan(text: str) -> list[PlannedRun]:
    """Read "Mon easy 40, Wed tempo 45, Sat long 100" (order and separators are free)."""
    segments = [s for s in re.split(r"[,;\n]+", text.lower()) if s.strip()]
    if not segments:
        raise PlanParseError(
            "I couldn't find any days. Try: Mon easy 40, Wed tempo 45, Sat long 90"
        )
    plan: dict[int, PlannedRun] = {}
    for segment in segments:
        day = _weekday_in(segment)
        if day is None:
            raise PlanParseError(
                f"Which day is “{segment.strip()}”? Start each part with a day, e.g. Mon easy 40."
            )
        kind = next(
            (_KIND_WORDS[w] for w in re.findall(r"[a-z0-9]+", segment) if w in _KIND_WORDS), "easy"
        )
        minutes_match = re.search(r"(\d{1,3})\s*(?:min|mins|minutes|m|')?\b", segment)
        minutes = int(minutes_match.group(1)) if minutes_match else DEFAULT_MINUTES[kind]
        if kind == "rest":
            minutes = 0
        if minutes > MAX_SESSION_MINUTES:
            raise PlanParseError(
                f"{minutes} minutes on {WEEKDAY_NAMES[day]} looks too long; "
                f"the most I accept is {MAX_SESSION_MINUTES}."
            )
        plan[day] = PlannedRun(weekday=day, kind=kind, minutes=minutes)
    return [plan[d] for d in sorted(plan)]


def _weekday_in(segment: str) -> int | None:
    for word in re.findall(r"[a-z]+", segment):
        for index, prefix in enumerate(WEEKDAYS):
            if word.startswith(prefix) and WEEKDAY_NAMES[index].lower().startswith(word):
                return index
    return None


def format_plan(plan: list[PlannedRun]) -> str:
    if not plan:
        return "No weekly plan yet."
    return "\n".join(
        f"{WEEKDAY_NAMES[run.weekday]}: rest"
        if run.kind == "rest"
        else f"{WEEKDAY_NAMES[run.weekday]}: {run.kind} {run.minutes} min"
        for run in plan
    )


def parse_date(text: str, *, today: date) -> date:
    """Read a goal date: ISO (2027-04-20), 20.04.2027, 20/04/2027 or "April 20 2027"."""
    cleaned = text.strip()
    for fmt in (
        "%Y-%m-%d",
        "%d.%m.%Y",
        "%d/%m/%Y",
        "%B %d %Y",
        "%d %B %Y",
        "%b %d %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%b %d, %Y",
    ):
        try:
            parsed = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        if parsed < today:
            raise ValueError("That date is in the past. When is the event? (YYYY-MM-DD)")
        if parsed.year > today.year + 5:
            raise ValueError("That is more than five years away. Please check the year.")
        return parsed
    raise ValueError("I couldn't read that date. Please write it like 2027-04-20.")


def parse_clock_time(text: str) -> time:
    """Read 7:30, 07:30, 19:05 or 7am/7pm as a local time of day."""
    cleaned = text.strip().lower().replace(".", ":")
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", cleaned)
    if not match:
        raise ValueError("Please give a time like 07:30.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3) == "pm" and hour < 12:
        hour += 12
    elif match.group(3) == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError("Please give a time like 07:30 (00:00 to 23:59).")
    return time(hour, minute)


_ZONE_ALIASES = {
    "utc": "UTC",
    "gmt": "UTC",
    "london": "Europe/London",
    "uk": "Europe/London",
    "berlin": "Europe/Berlin",
    "paris": "Europe/Paris",
    "madrid": "Europe/Madrid",
    "new york": "America/New_York",
    "nyc": "America/New_York",
    "la": "America/Los_Angeles",
    "los angeles": "America/Los_Angeles",
    "chicago": "America/Chicago",
    "denver": "America/Denver",
    "sydney": "Australia/Sydney",
    "tokyo": "Asia/Tokyo",
}


def parse_timezone(text: str) -> str:
    """Accept an IANA zone name (any case) or a few city names; return the canonical name."""
    cleaned = text.strip()
    if cleaned.lower() in _ZONE_ALIASES:
        return _ZONE_ALIASES[cleaned.lower()]
    candidate = cleaned.replace(" ", "_")
    try:
        ZoneInfo(candidate)
        return candidate
    except (ZoneInfoNotFoundError, ValueError):
        pass
    by_lower = {name.lower(): name for name in available_timezones()}
    city_match = [
        name for lower, name in by_lower.items() if lower.endswith("/" + candidate.lower())
    ]
    if candidate.lower() in by_lower:
        return by_lower[candidate.lower()]
    if len(city_match) == 1:
        return city_match[0]
    raise ValueError(
        "I don't know that timezone. Try a name like Europe/Berlin or America/Los_Angeles."
    )


EQUIPMENT_WORDS = (
    "home",
    "stairs",
    "step",
    "gym",
    "treadmill",
    "elliptical",
    "versaclimber",
    "stair_climber",
    "rower",
    "bike",
    "indoor_bike",
    "mountain_bike",
    "trails",
    "pool",
    "open_water",
)
_EQUIPMENT_SYNONYMS = {
    "stair climber": "stair_climber",
    "stairmaster": "stair_climber",
    "stepmill": "stair_climber",
    "indoor bike": "indoor_bike",
    "spin bike": "indoor_bike",
    "trainer": "indoor_bike",
    "peloton": "indoor_bike",
    "mountain bike": "mountain_bike",
    "mtb": "mountain_bike",
    "open water": "open_water",
    "lake": "open_water",
    "sea": "open_water",
    "rowing machine": "rower",
    "erg": "rower",
    "swimming pool": "pool",
    "bicycle": "bike",
    "road bike": "bike",
    "staircase": "stairs",
    "box": "step",
    "bench": "step",
    "trail": "trails",
    "versa climber": "versaclimber",
    "cross trainer": "elliptical",
}


def parse_equipment(text: str) -> list[str]:
    """Map "pool, spin bike and a gym" to the engine's equipment words."""
    lowered = text.lower()
    found: list[str] = []
    for phrase, word in sorted(_EQUIPMENT_SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            found.append(word)
            lowered = lowered.replace(phrase, " ")
    for word in EQUIPMENT_WORDS:
        if re.search(rf"\b{re.escape(word)}s?\b", lowered):
            found.append(word)
    return sorted(set(found))


def split_list(text: str, *, limit: int = 20, max_length: int = 60) -> list[str]:
    """Split "knee, left achilles and hip" into short lower-case items."""
    parts = re.split(r",|;|\band\b|\n|/", text.lower())
    items = [" ".join(p.split())[:max_length] for p in parts]
    return [item for item in dict.fromkeys(items) if item][:limit]
