"""Profile updates as triathletes and club runners say them: a swim club joined is a
pool, "race day changed", and a new goal named before the one it drops."""

from __future__ import annotations

from datetime import date

from coach.language import read_equipment, read_message

TODAY = date(2027, 1, 12)


def test_a_swim_squad_is_a_pool() -> None:
    assert read_equipment("signed up with the tri swim squad") == ("pool",)


def test_race_day_changed_sets_the_race_date() -> None:
    reading = read_message("Race day has changed - 21 march", today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("race_date") == date(2027, 3, 21)


def test_the_goal_named_first_is_the_new_one_not_the_one_it_drops() -> None:
    reading = read_message("goal is now the 10k, not the half", today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("goal") == "10k"
