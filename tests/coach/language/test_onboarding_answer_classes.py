"""Onboarding answers in forms written for these tests (not taken from any evaluation
set): likes turned by "but I love it", equipment had once or broken,
conditional yeses, injuries that are over, injury kinds, digit hours in words."""

from __future__ import annotations

from datetime import time

import pytest

from coach.language import (
    is_none_answer,
    read_activities,
    read_answer,
    read_clock_time,
    read_equipment,
    read_pain,
)


def test_but_i_love_it_makes_the_activity_just_said_a_like() -> None:
    prefs = read_activities("rowing is tough but i actually enjoy it")
    assert prefs.likes == ("rowing",) and prefs.dislikes == ()
    prefs = read_activities("i do swim but i hate it")
    assert prefs.dislikes == ("swimming",)


def test_a_place_is_not_an_activity_once_an_activity_is_named() -> None:
    assert read_activities("the elliptical at my gym").likes == ("elliptical",)


def test_a_longer_activity_name_is_not_also_the_shorter_one_inside_it() -> None:
    assert read_activities("pool running bores me").dislikes == ("deep_water_running",)


@pytest.mark.parametrize("text", ["i despise the stairmaster", "stairmaster is dull",
                                  "stairmaster is mind-numbing"])
def test_more_words_of_dislike(text: str) -> None:
    assert read_activities(text).dislikes == ("stair_climber",)


@pytest.mark.parametrize(("text", "equipment"), [
    ("had a rower but sold it", ()),
    ("used to have a peloton, gave it up. just a pool pass now", ("pool",)),
    ("road bike but its broken atm", ()),
    # An office gym only says where the elliptical stands (test_equipment_places).
    ("there's an elliptical in my office gym", ("elliptical",)),
    ("gym has rowers", ("gym", "rower")),
    ("planet fitness membership", ("gym",)),
    ("only bodyweight stuff at home", ("home",)),
    ("treadmill at home", ("treadmill",)),
])
def test_equipment_had_once_or_broken_is_not_had(text: str, equipment: tuple[str, ...]) -> None:
    assert read_equipment(text) == equipment


@pytest.mark.parametrize(("text", "answer"), [
    ("sure, as long as it stays private", "yes"),
    ("yes but only to you", "yes"),
    ("ok but no", "no"),
    ("can we circle back to that one later", "skip"),
    ("ask me at the end", "skip"),
    ("not every day please", "no"),
    ("too many messages, no", "no"),
])
def test_answers_with_conditions_and_deferrals(text: str, answer: str) -> None:
    assert read_answer(text) == answer


@pytest.mark.parametrize("text", [
    "broke my wrist years ago, fully recovered",
    "had achilles tendinitis last year, all good now",
    "nope, legs feel great",
])
def test_an_injury_that_is_over_is_none(text: str) -> None:
    assert is_none_answer(text)


def test_an_injury_still_hurting_is_not_none() -> None:
    assert not is_none_answer("had shin splints, mostly healed but still sore on hills")


def test_the_kind_of_injury_stays_with_the_part_and_a_region_with_a_condition() -> None:
    assert read_pain("a stress reaction in my right shin").sites == (
        "right shin stress reaction",)
    assert read_pain("left PF flaring").sites == ("left foot plantar fasciitis",)
    assert read_pain("my left calf is sore after an old strain, years back").sites == (
        "left calf",)


def test_a_digit_hour_after_quarter_to() -> None:
    assert read_clock_time("quarter to 7 pls") == time(6, 45)
    assert read_clock_time("half past 9 at night") == time(21, 30)


def test_trail_words_and_mistyped_equipment() -> None:
    assert read_equipment("singletrack behind the house") == ("trails",)
    assert read_equipment("a treadmil and a bridleway nearby") == ("trails", "treadmill")
