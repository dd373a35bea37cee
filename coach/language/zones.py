"""Time zones as athletes give them: an IANA name in any case, a city, "EST", "UTC+2"."""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

from coach.language.lexicon import entry

# City name -> zone of the most populous city of that name (GeoNames, cities of 15,000
# people or more, CC BY 4.0), written by `python -m coach.language.cities`: the zone
# database names one city per zone, and athletes answer "Manchester" or "Lyon".
CITIES_PATH = Path(__file__).with_name("cities.tsv.gz")

# tzdata files that ZoneInfo opens but are not places an athlete lives.
_NOT_PLACES = {"factory", "localtime", "posixrules"}
# "leeds west yorkshire", "perth western australia": a country or region after a town.
_MOST_WORDS_AFTER_A_TOWN = 2


@cache
def _zones_by_lower_name() -> dict[str, str]:
    return {
        name.lower(): name
        for name in available_timezones()
        if name.lower() not in _NOT_PLACES
        and not name.startswith(("posix/", "right/", "SystemV/"))
    }


def parse_timezone(text: str, *, towns: bool = True) -> str:
    """Accept an IANA zone name (any case), a city, a common abbreviation or UTC+2.

    Returns the canonical IANA name. Only real zones are accepted: "Europe" (a folder of
    the database) or "localtime" are not places. ``towns`` also looks the answer up among
    the world's towns ("Manchester", "Manchester, UK"); readers of free text turn it off,
    where "I'm in marathon shape" names no town called Marathon.
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
    if towns:
        town = _town_zone(lowered)
        if town:
            return town
    raise ValueError(
        "I don't know that timezone. Try a name like Europe/Berlin or America/Los_Angeles, "
        "a city like Tokyo, or an offset like UTC+2."
    )


def _without_accents(text: str) -> str:
    """"São Paulo" -> "Sao Paulo", as the zone database spells it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _zones_by_town() -> dict[str, str]:
    with gzip.open(CITIES_PATH, "rt", encoding="utf-8") as rows:
        return dict(line.rstrip("\n").split("\t", 1) for line in rows if "\t" in line)


def _town_zone(lowered: str) -> str | None:
    """The zone of a town, also given with its country or region ("leeds, uk", "lyon
    france") or words before it ("near bristol", "i live in york")."""
    towns = _zones_by_town()
    prefixes = "|".join(entry("zones", "town_prefixes"))
    words = re.sub(rf"^(?:{prefixes})\s+", "", lowered).strip(" .!")
    candidates = [words, words.split(",")[0].strip()]
    split = words.replace(",", " ").split()
    # A town's first words may be followed by its country or region ("lyon france"), not
    # by a sentence: "can i count a long pram walk as my run?" names no town called Can.
    candidates += [" ".join(split[:size]) for size in range(len(split) - 1, 0, -1)
                   if len(split) - size <= _MOST_WORDS_AFTER_A_TOWN]
    for candidate in candidates:
        if candidate in towns:
            return towns[candidate]
    return None
