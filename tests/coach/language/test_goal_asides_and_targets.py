"""A race goal noted as a coach notes it when the athlete words it loosely: a target in
words or hours, an abbreviation for the distance, a town that names the race wherever it
stands, a best or qualifier that a time target already says, finishing as the aim.
Phrasings written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2027, 1, 13)


@pytest.mark.parametrize(("text", "goal"), [
    ("FM in the autumn, sub 3:40", "marathon sub 3:40"),
    ("half mara sub two hours", "half marathon sub 2"),
    ("10 miler, aiming for 70 mins", "10 mile 70 mins"),
    ("wanna do the marathon in 3 hours 45", "marathon 3:45"),
    ("half in under 1h50 would be ace", "half marathon sub 1:50"),
])
def test_a_target_in_words_or_hours_is_a_time(text: str, goal: str) -> None:
    # A time to get under is "sub"; a time to run is noted as it is.
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("first marathon!! it's edinburgh, may 24", "first edinburgh marathon"),
    ("half in sydney, sept 20th, sub 1:40", "sydney half marathon sub 1:40"),
    ("the philly half", "philadelphia half marathon"),
])
def test_a_race_town_said_anywhere_names_the_race(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("10k PR, under 42 min", "10k sub 42 min"),
    ("a BQ at Houston, need 3:20", "houston marathon 3:20"),
    ("half pb", "half marathon pb"),
])
def test_a_best_or_qualifier_beside_a_time_is_the_time(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("finish a 50k, time doesn't matter", "finish 50k"),
    ("10 miler, mostly want to finish it", "finish 10 mile"),
    ("first half, only hoping to finish", "first half marathon"),
    ("finish the first marathon I ever signed up for", "first marathon"),
])
def test_finishing_is_kept_as_the_aim_unless_first_says_it(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


def test_a_goal_for_the_off_season_says_so() -> None:
    assert read_goal("quicker 10k over the off season", today=TODAY).goal == (
        "10k in the off-season")


@pytest.mark.parametrize(("text", "goal"), [
    ("a 3:45 marathon next year", "marathon 3:45"),
    ("finish a 10k in under an hour", "10k sub 60 min"),
])
def test_a_time_before_the_distance_or_said_as_an_hour(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


def test_couch_to_5k_is_a_programme_not_a_bare_5k() -> None:
    assert read_goal("doing C25K with my sister", today=TODAY).goal == "couch to 5k"


@pytest.mark.parametrize(("text", "goal"), [
    ("spring half, 2 hrs would be nice", "half marathon 2:00"),
    ("marathon, 3:40 would be a dream tbh", "marathon 3:40"),
    ("10k, 48 mins hopefully", "10k 48 mins"),
])
def test_a_time_wished_for_is_the_target(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal
