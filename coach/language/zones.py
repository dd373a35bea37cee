"""Time zones as athletes give them: an IANA name in any case, a city, "EST", "UTC+2"."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from zoneinfo import available_timezones

from coach.language.lexicon import entry

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
    aliases: dict[str, str] = entry("zones", "aliases")
    if lowered in aliases:
        return aliases[lowered]
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
