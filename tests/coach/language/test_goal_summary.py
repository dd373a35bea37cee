"""A race goal noted as a coach notes it ("first", the race's name, the distance, the
target), and filler cut from goals in words; phrasings written for these tests (not taken
from any evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2026, 12, 9)


@pytest.mark.parametrize(("text", "goal"), [
    ("the Dublin marathon, hoping to break 3:20", "dublin marathon under 3:20"),
    ("my first ever half", "first half marathon"),
    ("valencia, want sub 3", "valencia marathon sub 3"),
    ("10k pr in the spring", "10k pr"),
    ("Western States!!", "western states ultra"),
    ("Run the Lisbon Half in march", "lisbon half marathon"),
    ("parkrun, under 25 min would be class", "parkrun under 25 min"),
])
def test_a_race_goal_keeps_first_its_name_and_its_target(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


def test_the_race_said_first_is_the_one_named() -> None:
    assert read_goal("CCC, part of the UTMB week", today=TODAY).goal == "ccc ultra"


@pytest.mark.parametrize(("text", "goal"), [
    ("knee rehab first - goal is to jog 20 min without pain", "jog 20 min without pain"),
    ("kinda want to get quicker tbh and enjoy it", "get quicker and enjoy it"),
])
def test_a_goal_in_words_without_filler_or_what_is_beside_it(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("Leeds half, aiming for 1:50", "leeds half marathon 1:50"),
    ("10k without stopping would be huge", "10k without stopping"),
])
def test_a_time_aimed_at_and_how_the_distance_is_to_be_done(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal
