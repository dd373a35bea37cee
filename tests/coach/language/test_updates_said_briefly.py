"""Profile updates said briefly: a goal switched with "now, not the ...", a plan's length
given against the old one, and "nowt" as nothing. Phrasings written for these tests, not
taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import is_none_answer, read_message

TODAY = date(2027, 1, 13)


def test_a_goal_switched_with_now_not_the_other() -> None:
    reading = read_message("doing the 10k now, not the half", today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("goal") == "10k"


@pytest.mark.parametrize(("text", "weeks"), [
    ("could we go 18 weeks rather than 12?", 18),
    ("extend it to twenty weeks please", 20),
])
def test_a_plans_length_given_against_the_old_one(text: str, weeks: int) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update" and reading.update.get("plan_weeks") == weeks


@pytest.mark.parametrize("text", ["nowt", "naff all tbh", "bugger all, just legs"])
def test_northern_and_slang_nothing(text: str) -> None:
    assert is_none_answer(text)


def test_a_new_race_noted_from_the_rest_of_its_sentence() -> None:
    reading = read_message("switched to the 80k in may, the mountain one with 3500m of ascent",
                           today=TODAY)
    assert reading.update.get("goal") == "mountain 80k ultra with 3500m climbing"
