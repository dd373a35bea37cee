"""Machines inside a gym are the gym's; a small gym that only says where a machine
stands is not a gym; hills near home are off-road terrain. Phrasings written here, not
taken from any eval set."""

from __future__ import annotations

import pytest

from coach.language import read_equipment

# ----------------------------------------------------------------- equipment places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my gym has rowers, bikes and a couple of treadmills", ("gym", "rower", "treadmill")),
        ("the gym's got bikes, ellipticals, the lot", ("elliptical", "gym")),
        ("gym with bikes and a pool", ("gym", "pool")),
    ],
)
def test_bikes_among_a_gym_s_machines_are_the_gym_s(
        text: str, expected: tuple[str, ...]) -> None:
    assert read_equipment(text) == expected


def test_an_own_bike_said_beside_a_gym_is_a_bike() -> None:
    assert read_equipment("gym membership and my road bike") == ("bike", "gym")
    assert read_equipment("gym has treadmills, and I have my own bike") == (
        "bike", "gym", "treadmill")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("there's a rowing machine in my apartment gym", ("rower",)),
        ("just a treadmill at the office gym, plus a pool", ("pool", "treadmill")),
        ("a couple of ellipticals in the condo's gym", ("elliptical",)),
    ],
)
def test_a_small_gym_that_only_says_where_a_machine_is_is_not_a_gym(
        text: str, expected: tuple[str, ...]) -> None:
    assert read_equipment(text) == expected


def test_a_real_gym_with_a_machine_stays_a_gym() -> None:
    assert read_equipment("treadmill at the gym") == ("gym", "treadmill")


@pytest.mark.parametrize(
    "text",
    ["a bike and the hills near my house", "lots of hills around me", "local hills + a pool"],
)
def test_hills_near_home_are_off_road_terrain(text: str) -> None:
    assert "trails" in read_equipment(text)
