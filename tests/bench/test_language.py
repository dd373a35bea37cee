"""The language scorer compares equipment at the eval sets' granularity."""

from __future__ import annotations

from bench.language import _equipment


def test_a_mountain_bike_counts_as_the_sets_bike() -> None:
    assert _equipment(["mountain_bike", "trails"]) == _equipment(["bike", "trails"])


def test_other_bikes_stay_apart() -> None:
    assert _equipment(["indoor_trainer"]) != _equipment(["bike"])
    assert _equipment(["mountain_bike"]) != _equipment(["bike", "trails"])
