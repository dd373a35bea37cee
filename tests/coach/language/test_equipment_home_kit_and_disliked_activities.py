"""Home kit ("dumbells", "kettlebell") is home equipment; an activity said not to be
liked ("anything but swimming", "hate cycling") names no equipment."""

from __future__ import annotations

import pytest

from coach.language import read_equipment


@pytest.mark.parametrize("text", ["just a skipping rope and some dumbells lol",
                                  "kettlebell + resistance bands",
                                  "a yoga mat tbh"])
def test_home_kit_is_home(text: str) -> None:
    assert read_equipment(text) == ("home",)


@pytest.mark.parametrize(("text", "expected"), [
    ("anything but swimming tbh", ()),
    ("hate cycling lol, i have a pool", ("pool",)),
    ("not a fan of swimming. i have a gym membership", ("gym",)),
])
def test_an_activity_not_liked_names_no_equipment(text: str, expected: tuple[str, ...]) -> None:
    assert read_equipment(text) == expected


def test_an_activity_liked_still_names_its_equipment() -> None:
    assert read_equipment("i go swimming most weeks") == ("pool",)
