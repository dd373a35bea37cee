"""Goals, dates and profile corrections in forms written for these tests (not taken from
any evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal, read_message

TODAY = date(2026, 12, 9)  # a Wednesday


@pytest.mark.parametrize(("text", "goal"), [
    ("a 60 miler next summer", "60 mile ultra"),
    ("70k in the mountains", "70k ultra"),
    ("trail half in april", "trail half marathon"),
    ("boston", "boston marathon"),  # a race known by name keeps its name
    ("just wanna get stronger tbh", "get stronger"),
    ("no race planned, just want to run 4x a week", "run 4x a week"),
    ("hmm dunno, lose a bit of weight?", "lose weight"),
])
def test_the_goal_is_the_race_or_the_athletes_words_without_filler(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


def test_a_thousand_miles_is_no_race_distance() -> None:
    assert "000" not in (read_goal("run 1500 miles this year", today=TODAY).goal or "")


@pytest.mark.parametrize(("text", "race"), [
    ("10k on 3/21", date(2027, 3, 21)),            # month first only when day first cannot be
    ("half, 4/3", date(2027, 3, 4)),               # day first
    ("marathon on boxing day", date(2026, 12, 26)),
    ("5k on new year's day", date(2027, 1, 1)),
    ("Valencia in Dec (5th)", date(2027, 12, 5)),
    ("parkrun every sunday", None),
    ("parkrun this sunday", date(2026, 12, 13)),
])
def test_race_dates_in_other_forms(text: str, race: date | None) -> None:
    assert read_goal(text, today=TODAY).race_date == race


@pytest.mark.parametrize(("text", "zone"), [
    ("timezone is now eastern", "America/New_York"),
    ("my time zone is pacific time", "America/Los_Angeles"),
])
def test_a_time_zone_with_words_around_it(text: str, zone: str) -> None:
    assert read_message(text, today=TODAY).update.get("timezone") == zone


def test_a_membership_that_ran_out_removes_the_gym_but_running_out_of_time_does_not() -> None:
    assert read_message("my gym membership expired", today=TODAY).update == {
        "equipment_remove": ["gym"]}
    assert "equipment_remove" not in read_message(
        "ran out of time to get to the gym", today=TODAY).update


@pytest.mark.parametrize(("text", "goal"), [
    ("switching to the half instead", "half marathon"),
    ("new goal is a sub 90 half", "half marathon sub 90"),  # noted as onboarding notes it
    ("now training for an ultra, 60k in july", "60k ultra"),
])
def test_a_new_goal_said_as_a_bare_distance_or_after_is(text: str, goal: str) -> None:
    assert read_message(text, today=TODAY).update.get("goal") == goal


def test_equipment_given_away_or_now_usable() -> None:
    assert read_message("gave the rower to a friend", today=TODAY).update == {
        "equipment_remove": ["rower"]}
    assert read_message("i can finally use the pool at my club", today=TODAY).update == {
        "equipment_add": ["pool"]}


def test_a_half_ironman_is_no_half_marathon_and_a_written_half_is_no_date() -> None:
    assert read_goal("half ironman in august", today=TODAY).goal == "ironman 70.3"
    goal = read_goal("1/2 marathon on may 9", today=TODAY)
    assert (goal.goal, goal.race_date) == ("half marathon", date(2027, 5, 9))
