"""Goal targets said in hours and halves, the cues that name them, and asides beside a
goal (``read_goal``)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language.readers import read_goal

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(("text", "goal"), [
    ("10k, would love to get under one and a half hours", "10k sub 1:30"),
    ("half marathon under 2 and a half hours", "half marathon sub 2:30"),
    ("marathon under four and a half hours", "marathon sub 4:30"),
    ("half marathon under 2.5 hours", "half marathon sub 2:30"),
    ("marathon under 3.75 hrs", "marathon sub 3:45"),
    ("10k, hoping for 0h55", "10k 0:55"),
    ("a marathon, my target is 4 hours 10", "marathon 4:10"),
    ("half marathon. target: 1:58", "half marathon 1:58"),
    ("10k aiming at 52 mins", "10k 52 mins"),
    ("a marathon, want to do it in 3:50", "marathon 3:50"),
    ("half marathon, want to do it in an hour and a half", "half marathon 1:30"),
])
def test_a_target_in_hours_or_halves_is_read_as_a_clock_time(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


def test_an_hour_and_a_half_is_no_half_marathon() -> None:
    reading = read_goal("a marathon, hope to finish it in an hour and a half lol",
                        today=TODAY)
    assert reading.race == "marathon"


def test_hours_with_a_decimal_are_no_date() -> None:
    reading = read_goal("marathon, target 4.5 hours", today=TODAY)
    assert reading.race_date is None
    assert reading.goal == "marathon 4:30"


def test_a_non_native_wording_with_a_said_target_keeps_the_race_and_target() -> None:
    reading = read_goal("I want run Chicago marathon in october, my target is 3 hours 40",
                        today=TODAY)
    assert reading.goal == "chicago marathon 3:40"


@pytest.mark.parametrize(("text", "words"), [
    ("erm I guess just to get back to running 5 days a week if my back lets me",
     "get back to running 5 days a week"),
    ("run a sub 25 5k, if the hamstring holds up", "run a sub 25 5k"),
    ("lose some weight, knee permitting", "lose weight"),
])
def test_hesitations_and_conditions_are_no_part_of_the_words(text: str, words: str) -> None:
    assert read_goal(text, today=TODAY).words == words


@pytest.mark.parametrize(("said", "goal"), [
    ("leeds marathon in may, aiming for sub 3 30", "leeds marathon sub 3:30"),
    ("half under 1 45 this spring", "half marathon sub 1:45"),
])
def test_hours_and_minutes_said_without_a_colon_after_under(said: str, goal: str) -> None:
    assert read_goal(said, today=date(2026, 11, 28)).goal == goal
