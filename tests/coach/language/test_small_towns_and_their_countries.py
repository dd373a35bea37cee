"""A small town named as the time zone is never given the zone of a bigger namesake on
another continent (found playing a runner: "Keswick", a Lake District town, became
America/Toronto); the town's country, when said, settles it."""

from __future__ import annotations

import pytest

from coach.language.zones import parse_timezone, towns_named


@pytest.mark.parametrize("answer", ["Keswick", "ambleside", "i live in Keswick"])
def test_a_small_town_shared_with_another_continent_is_asked(answer: str) -> None:
    with pytest.raises(ValueError):
        parse_timezone(answer)
    assert "Europe/London" in towns_named(answer)


@pytest.mark.parametrize(
    ("answer", "zone"),
    [
        ("keswick, england", "Europe/London"),
        ("Keswick in the UK", "Europe/London"),
        ("keswick canada", "America/Toronto"),
        ("tiny village in the dales, england", "Europe/London"),
        ("a hamlet outside porto, portugal", "Europe/Lisbon"),
    ],
)
def test_the_country_said_with_the_town_settles_the_zone(answer: str, zone: str) -> None:
    assert parse_timezone(answer) == zone


@pytest.mark.parametrize(("answer", "zone"),
                         [("Birmingham", "Europe/London"), ("kendal", "Europe/London")])
def test_a_city_or_a_town_without_rivals_is_still_its_zone(answer: str, zone: str) -> None:
    assert parse_timezone(answer) == zone


def test_a_country_on_several_clocks_alone_gives_no_zone() -> None:
    with pytest.raises(ValueError):
        parse_timezone("a small town in the usa")
