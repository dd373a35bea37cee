"""A race goal noted as a coach notes it ("first", the race's name, the distance, the
target), and filler cut from goals in words; phrasings written for these tests (not taken
from any evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2026, 12, 9)


@pytest.mark.parametrize(("text", "goal"), [
    ("the Dublin marathon, hoping to break 3:20", "dublin marathon sub 3:20"),
    ("my first ever half", "first half marathon"),
    ("valencia, want sub 3", "valencia marathon sub 3"),
    ("10k pr in the spring", "10k pr"),
    ("Western States!!", "western states 100"),
    ("Run the Lisbon Half in march", "lisbon half marathon"),
    ("parkrun, under 25 min would be class", "parkrun sub 25 min"),
])
def test_a_race_goal_keeps_first_its_name_and_its_target(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


def test_the_race_said_first_is_the_one_named() -> None:
    assert read_goal("CCC, part of the UTMB week", today=TODAY).goal == "ccc 100k ultra"


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


@pytest.mark.parametrize(("text", "goal"), [
    ("going under 3:10 at the Dublin marathon", "dublin marathon sub 3:10"),
    ("Dublin marathon, want to break 3:10", "dublin marathon sub 3:10"),
    # A time to run is noted as it is, a time to get under as "sub" (fourth round).
    ("Dublin marathon, aiming for 3:10", "dublin marathon 3:10"),
    ("Dublin marathon, target 3:09", "dublin marathon 3:09"),
    ("Rome marathon, aiming 3:59", "rome marathon sub 4"),
])
def test_a_target_is_noted_one_way_whatever_word_says_it(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("new york this year!", "new york city marathon"),
    ("the nyc one, sub 3:20", "new york city marathon sub 3:20"),
    ("Comrades up run", "comrades marathon"),
    ("WSER", "western states 100"),
    ("hoping for a BQ at Berlin", "berlin marathon bq"),
    ("a Boston qualifying time at the Rome marathon", "rome marathon bq"),
])
def test_a_race_known_by_name_is_noted_by_its_usual_name(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("a 60k mountain ultra, 3000m of climbing", "mountain 60k ultra with 3000m climbing"),
    ("70k ultra with a lot of vert", "70k ultra with climbing"),
])
def test_the_climbing_of_a_race_is_kept(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("winter now, want to build base for next season", "winter, build base"),
    ("doing a run streak in january", "run streak"),
    ("want to sleep more and do some strength", "sleep more and do strength"),
])
def test_filler_and_the_vague_when_are_cut_from_a_goal_in_words(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("an everest on my street's hill", "everesting challenge"),
    ("the 29029 thing, stairs at home", "everesting challenge"),
    ("everesting on the stairs of my building", "everesting challenge on the stairs"),
])
def test_everesting_is_a_goal_of_its_kind(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


def test_getting_faster_at_a_distance_is_kept() -> None:
    assert read_goal("want to get faster over 10k", today=TODAY).goal == "10k faster"
    assert read_goal("a 10k faster than 50 min", today=TODAY).goal == "10k sub 50 min"
