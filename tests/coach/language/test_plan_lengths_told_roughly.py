"""A missed run's length told roughly as what it was meant to be is the plan's length;
a length said plainly, or far from the plan's, stays as said."""

from __future__ import annotations

from datetime import date

from coach.language import read_message

THURSDAY = date(2027, 9, 9)
PLAN = {0: ("rest", 0), 1: ("tempo", 50), 2: ("easy", 35), 3: ("intervals", 55),
        4: ("rest", 0), 5: ("easy", 30), 6: ("long", 105)}


def _minutes(text: str) -> int | None:
    reading = read_message(text, today=THURSDAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.session is not None
    return reading.session.minutes


def test_a_rough_length_of_what_was_meant_is_the_plans() -> None:
    assert _minutes("sunday's long run didnt happen, it was supposed to be "
                    "roughly an hour and a half") == 105


def test_a_plain_length_said_stays() -> None:
    assert _minutes("sunday's long run didnt happen, it was supposed to be 90 min") == 90


def test_a_rough_length_far_from_the_plan_stays() -> None:
    assert _minutes("sunday's long run didnt happen, it was supposed to be about an hour"
                    ) == 60
