"""Time zones as athletes give them: an IANA name in any case, a city, "EST", "UTC+2"."""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

from coach.language.lexicon import entry

# Town name -> the zone the name alone stands for, and each country's town of that name
# (GeoNames, towns of 1,000 people or more, CC BY 4.0), written by `python -m
# coach.language.cities`: the zone database names one city per zone, and athletes answer
# "Manchester", "Lyon" or "Keswick, UK".
CITIES_PATH = Path(__file__).with_name("cities.tsv.gz")
# Country name -> its code and its zone where it keeps one clock ("england" is in zones.yaml).
COUNTRIES_PATH = Path(__file__).with_name("countries.tsv")

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
def _zones_by_town() -> dict[str, tuple[str, dict[str, str]]]:
    """Town name -> (the zone its name alone stands for, "" if ambiguous; country -> zone)."""
    towns: dict[str, tuple[str, dict[str, str]]] = {}
    with gzip.open(CITIES_PATH, "rt", encoding="utf-8") as rows:
        for line in rows:
            name, zone, countries = line.rstrip("\n").split("\t")
            towns[name] = (zone, dict(pair.split("=", 1) for pair in countries.split()))
    return towns


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """Country name or common name ("uk", "england") -> (its code, its zone or "")."""
    countries: dict[str, tuple[str, str]] = {}
    for line in COUNTRIES_PATH.read_text(encoding="utf-8").splitlines():
        name, code, zone = line.split("\t")
        countries[name] = (code, zone)
    zone_of = {code: zone for code, zone in countries.values()}
    for name, code in entry("zones", "country_names").items():
        countries[name] = (code, zone_of.get(code, ""))
    return countries


# "keswick, uk", "a village in the lake district, england": the country is said last.
_MOST_WORDS_OF_A_COUNTRY = 4


def _country_said_last(words: list[str]) -> tuple[list[str], tuple[str, str] | None]:
    """The words before a country named last, and the country (code, zone), if any."""
    countries = _countries()
    for size in range(min(_MOST_WORDS_OF_A_COUNTRY, len(words)), 0, -1):
        country = countries.get(" ".join(words[-size:]))
        if country:
            before = words[:-size]
            while before and before[-1] in entry("zones", "before_a_country"):
                before = before[:-1]
            return before, country
    return words, None


def _town_words(lowered: str) -> list[str]:
    prefixes = "|".join(entry("zones", "town_prefixes"))
    words = re.sub(rf"^(?:{prefixes})\s+", "", lowered).strip(" .!")
    return words.replace(",", " , ").split()


def _candidates(words: list[str]) -> list[str]:
    """The names a town may have among the words: all of them, those before a comma, then
    its first words with up to two words (a region) after them."""
    text = " ".join(words).replace(" ,", ",")
    split = [word for word in words if word != ","]
    candidates = [text.replace(",", ""), text.split(",")[0].strip()]
    # A town's first words may be followed by its country or region ("lyon france"), not
    # by a sentence: "can i count a long pram walk as my run?" names no town called Can.
    candidates += [" ".join(split[:size]) for size in range(len(split) - 1, 0, -1)
                   if len(split) - size <= _MOST_WORDS_AFTER_A_TOWN]
    return [" ".join(candidate.split()) for candidate in candidates if candidate.strip()]


def _town_zone(lowered: str) -> str | None:
    """The zone of a town, also given with its country or region ("leeds, uk", "lyon
    france") or words before it ("near bristol", "i live in york"); of a country that keeps
    one clock when no town of it is known ("a village in cumbria, england"). A town whose
    name is shared by towns on other clocks ("keswick") gives none unless its country is
    said: asking again beats a check-in five hours off."""
    before, country = _country_said_last(_town_words(lowered))
    towns = _zones_by_town()
    for candidate in _candidates(before):
        if candidate not in towns:
            continue
        zone, by_country = towns[candidate]
        if country is not None:
            if country[0] in by_country:
                return by_country[country[0]]
            continue
        return zone or None
    return country[1] or None if country is not None else None


def towns_named(text: str) -> tuple[str, ...]:
    """The zones of the towns an ambiguous answer may mean ("keswick": London or Toronto),
    by their countries' codes; empty when the answer is no such town or names its country."""
    before, country = _country_said_last(_town_words(_without_accents(text).lower()))
    if country is not None:
        return ()
    towns = _zones_by_town()
    for candidate in _candidates(before):
        if candidate in towns:
            zone, by_country = towns[candidate]
            return () if zone else tuple(dict.fromkeys(by_country.values()))
    return ()
