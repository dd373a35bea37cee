"""Parse what athletes type during onboarding and settings: plans, dates, times, zones."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from zoneinfo import available_timezones

from coach.reasons import find_unnegated, normalise

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
    "jog": "easy",
    "steady": "easy",
    "fartlek": "intervals",
    "reps": "intervals",
    "progression": "tempo",
    "cruise": "tempo",
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
    """Read "Mon easy 40, Wed tempo 45, Sat long 100" (order and separators are free).

    Days may share a session ("Tue and Thu tempo 45", "Mon/Wed easy 40"), separators may be
    left out ("Mon easy 40 Wed tempo 45"), and lengths may be minutes ("40", "40 min"),
    hours ("1h30", "1.5 hours", "1:30") or a distance ("10k", converted at an easy pace).
    """
    # A comma between digits is a decimal comma ("1,5 hours"), not a separator.
    segments = [s for s in re.split(r"(?:[;\n]|(?<!\d),|,(?!\d))+", text.lower()) if s.strip()]
    plan: dict[int, PlannedRun] = {}
    # "Mon, Wed, Fri easy 40": days named with nothing about the run wait for the next run.
    waiting: list[int] = []
    undated: list[str] = []
    for segment in segments:
        days = _day_specs(segment)
        if not days:
            undated.append(segment.strip())
        described = [spec for _, spec in days if _has_content(spec)]
        if not days and _has_content(segment):
            if not waiting:
                raise PlanParseError(
                    f"Which day is “{segment.strip()}”? Start each part with a day, "
                    "e.g. Mon easy 40."
                )
            described = [segment]
        if not described:
            waiting.extend(day for day, _ in days)
            continue
        for day in waiting:
            plan[day] = _planned_run(day, described[0])
        waiting = []
        for day, spec in days:
            plan[day] = _planned_run(day, spec)
    for day in waiting:
        plan[day] = _planned_run(day, "")
    if not plan and undated:
        raise PlanParseError(
            f"Which day is “{undated[0]}”? Start each part with a day, e.g. Mon easy 40."
        )
    if not plan:
        raise PlanParseError(
            "I couldn't find any days. Try: Mon easy 40, Wed tempo 45, Sat long 90"
        )
    return [plan[d] for d in sorted(plan)]


_DAY_ALIASES = {
    "tues": 1,
    "weds": 2,
    "wednes": 2,
    "thur": 3,
    "thurs": 3,
}
_WORD = re.compile(r"[a-z]+")


def _weekday_of(word: str) -> int | None:
    """The weekday a word names: mon, monday, mondays, tues, weds, thurs..."""
    if word in _DAY_ALIASES:
        return _DAY_ALIASES[word]
    for index, prefix in enumerate(WEEKDAYS):
        name = WEEKDAY_NAMES[index].lower()
        if word.startswith(prefix) and (name.startswith(word) or word == name + "s"):
            return index
    return None


def _has_content(spec: str) -> bool:
    """True when the words after a day say something about the run."""
    return bool(re.search(r"\d", spec)) or any(
        word in _KIND_WORDS for word in re.findall(r"[a-z0-9]+", spec)
    )


def _day_specs(segment: str) -> list[tuple[int, str]]:
    """The days in one comma-separated part, each with the words that describe its run."""
    days = [
        (day, match)
        for match in _WORD.finditer(segment)
        if (day := _weekday_of(match.group(0))) is not None
    ]
    if not days:
        return []
    prefix = segment[: days[0][1].start()]
    specs = [
        segment[match.end() : days[i + 1][1].start() if i + 1 < len(days) else len(segment)]
        for i, (_, match) in enumerate(days)
    ]
    if len(days) == 1:
        return [(days[0][0], prefix + " " + specs[0])]  # "easy 40 on Monday" too
    resolved: list[tuple[int, str]] = []
    for i, (day, _) in enumerate(days):
        spec = specs[i]
        if not _has_content(spec):
            # "Tue and Thu tempo 45": a bare day shares the next described run; failing
            # that, the words before the days ("tempo 45 on Tue and Thu"), then the last one.
            later = [s for s in specs[i + 1 :] if _has_content(s)]
            earlier = [s for s in specs[:i] if _has_content(s)]
            if later:
                spec = later[0]
            elif _has_content(prefix):
                spec = prefix
            elif earlier:
                spec = earlier[-1]
        resolved.append((day, spec))
    return resolved


# Rough paces (minutes per km) to turn "10k" into minutes.
_MINUTES_PER_KM = {"easy": 6.0, "long": 6.2, "tempo": 5.0, "intervals": 5.5, "hills": 6.0,
                   "recovery": 6.5, "rest": 6.0}
_REPS = re.compile(r"\d+\s*[x×]\s*\d+\s*(?:'|mins?\b|minutes?\b|m\b|k\b|km\b|s\b)?")
_HOURS_MINUTES = re.compile(
    r"\b(\d{1,2})\s*(?:h|hr|hrs|hours?)\s*(\d{1,2})\s*(?:m|min|mins|minutes?)?\b"
)
_CLOCK_LENGTH = re.compile(r"\b(\d{1,2}):([0-5]\d)\b")
_HOURS = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)\b")
_HOUR_WORDS = re.compile(r"\b(?:an|one) hour and a half\b|\bhalf an hour\b|\b(?:an|one) hour\b")
_MINUTES = re.compile(r"(?<![\w.,])(\d{1,4})\s*(?:'|mins?\b|minutes?\b|m\b)")
_DISTANCE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d+)?)\s*(k|km|kms|kilometers?|kilometres?|mi|miles?)\b"
)
_BARE_NUMBER = re.compile(r"(?<![\w.,:])(\d{1,4})(?![\w.,:])")


def _minutes_in(spec: str, kind: str) -> int | None:
    spec = _REPS.sub(" ", spec)  # "6 x 800m", "5x4 min" describe reps, not the length
    if match := _HOURS_MINUTES.search(spec):
        return int(match.group(1)) * 60 + int(match.group(2))
    if match := _CLOCK_LENGTH.search(spec):
        return int(match.group(1)) * 60 + int(match.group(2))
    if match := _HOURS.search(spec):
        return round(float(match.group(1).replace(",", ".")) * 60)
    if match := _HOUR_WORDS.search(spec):
        phrase = match.group(0)
        return 30 if phrase.startswith("half") else 90 if "half" in phrase else 60
    if match := _MINUTES.search(spec):
        return int(match.group(1))
    if match := _DISTANCE.search(spec):
        amount = float(match.group(1).replace(",", "."))
        km = amount * 1.609 if match.group(2).startswith("mi") else amount
        return max(5, round(km * _MINUTES_PER_KM[kind] / 5) * 5)
    if match := _BARE_NUMBER.search(spec):
        return int(match.group(1))
    return None


def _planned_run(day: int, spec: str) -> PlannedRun:
    kind = next(
        (_KIND_WORDS[w] for w in re.findall(r"[a-z0-9]+", spec) if w in _KIND_WORDS), "easy"
    )
    if kind == "rest":
        return PlannedRun(weekday=day, kind="rest", minutes=0)
    minutes = _minutes_in(spec, kind)
    if minutes is None:
        minutes = DEFAULT_MINUTES[kind]
    if minutes > MAX_SESSION_MINUTES:
        raise PlanParseError(
            f"{minutes} minutes on {WEEKDAY_NAMES[day]} looks too long; "
            f"the most I accept is {MAX_SESSION_MINUTES}."
        )
    if minutes < 1:
        raise PlanParseError(
            f"0 minutes on {WEEKDAY_NAMES[day]}? For a day off write “{WEEKDAYS[day].title()} "
            "rest”."
        )
    return PlannedRun(weekday=day, kind=kind, minutes=minutes)


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
    """Read a goal date: ISO (2027-04-20), 20.04.2027, 20/04/2027 or "April 20th, 2027".

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


_ZONE_ALIASES = {
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
    "london": "Europe/London",
    "uk": "Europe/London",
    "bst": "Europe/London",
    "berlin": "Europe/Berlin",
    "germany": "Europe/Berlin",
    "paris": "Europe/Paris",
    "madrid": "Europe/Madrid",
    "new york": "America/New_York",
    "nyc": "America/New_York",
    # Abbreviations mean the region with its daylight saving, not tzdata's fixed "EST".
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mountain": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "la": "America/Los_Angeles",
    "los angeles": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "chicago": "America/Chicago",
    "denver": "America/Denver",
    "boston": "America/New_York",
    "sydney": "Australia/Sydney",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "tokyo": "Asia/Tokyo",
    "jst": "Asia/Tokyo",
    "india": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
}
# tzdata files that ZoneInfo opens but are not places an athlete lives.
_NOT_PLACES = {"factory", "localtime", "posixrules"}


@cache
def _zones_by_lower_name() -> dict[str, str]:
    return {
        name.lower(): name
        for name in available_timezones()
        if name.lower() not in _NOT_PLACES
        and not name.startswith(("posix/", "right/", "SystemV/"))
    }


def parse_timezone(text: str) -> str:
    """Accept an IANA zone name (any case), a city, a common abbreviation or UTC+2.

    Returns the canonical IANA name. Only real zones are accepted: "Europe" (a folder of
    the database) or "localtime" are not places.
    """
    cleaned = " ".join(text.strip().split())
    lowered = _without_accents(cleaned).lower()
    if lowered in _ZONE_ALIASES:
        return _ZONE_ALIASES[lowered]
    offset = re.fullmatch(r"(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?00)?", lowered)
    if offset:
        hours = int(offset.group(2))
        if hours == 0:
            return "UTC"
        if (offset.group(1) == "+" and hours <= 14) or (offset.group(1) == "-" and hours <= 12):
            # POSIX-style names invert the sign: UTC+2 is Etc/GMT-2.
            return f"Etc/GMT{'-' if offset.group(1) == '+' else '+'}{hours}"
    zones = _zones_by_lower_name()
    candidate = lowered.replace(" ", "_")
    if candidate in zones:
        return zones[candidate]
    city_match = sorted(
        {name for lower, name in zones.items() if lower.endswith("/" + candidate)}
    )
    if len(city_match) == 1:
        return city_match[0]
    raise ValueError(
        "I don't know that timezone. Try a name like Europe/Berlin or America/Los_Angeles, "
        "a city like Tokyo, or an offset like UTC+2."
    )


def _without_accents(text: str) -> str:
    """"São Paulo" -> "Sao Paulo", as the zone database spells it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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
    "crosstrainer": "elliptical",
    "stationary bike": "indoor_bike",
    "exercise bike": "indoor_bike",
    "turbo trainer": "indoor_bike",
    "smart trainer": "indoor_bike",
    "zwift": "indoor_bike",
    "spin class": "indoor_bike",
    "concept2": "rower",
    "rowing": "rower",
    "swimming": "pool",
    "pool access": "pool",
    "stair": "stairs",
    "steps": "stairs",
    "cycle": "bike",
    "cycling": "bike",
    "gym membership": "gym",
    "fitness centre": "gym",
    "fitness center": "gym",
}


def parse_equipment(text: str) -> list[str]:
    """Map "pool, spin bike and a gym" to the engine's equipment words.

    What they say they lack is left out: "no gym, just a treadmill" is a treadmill.
    """
    lowered = normalise(text)
    found: set[str] = set()
    for phrase, word in sorted(_EQUIPMENT_SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        found |= _unnegated(rf"\b{re.escape(phrase)}s?\b", lowered, word)
        # Blank the phrase out (same length, so positions hold) so "mountain bike" is not
        # also a "bike".
        lowered = re.sub(rf"\b{re.escape(phrase)}s?\b", lambda m: " " * len(m.group(0)), lowered)
    for word in EQUIPMENT_WORDS:
        found |= _unnegated(rf"\b{re.escape(word.replace('_', ' '))}s?\b", lowered, word)
    return sorted(found)


def _unnegated(pattern: str, text: str, word: str) -> set[str]:
    return {word} if find_unnegated(re.compile(pattern), text) else set()


def split_list(text: str, *, limit: int = 20, max_length: int = 60) -> list[str]:
    """Split "knee, left achilles and hip" into short lower-case items, each once."""
    parts = re.split(r",|;|\band\b|&|\+|\n|/", text.lower())
    items = [" ".join(p.split()).strip(" .!?-–—*•")[:max_length].strip() for p in parts]
    return [item for item in dict.fromkeys(items) if item][:limit]
