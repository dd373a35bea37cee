"""A run's day said first ("friday is my tempo, not thursday", "sunday is the long run,
not saturday") is the run's day stated, as "my tempo is friday, not thursday" is: a
standing move of that run, the day it leaves resting."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 12, 1)  # a Tuesday
PLAN = {0: ("rest", 0), 1: ("easy", 40), 2: ("intervals", 50), 3: ("tempo", 45),
        4: ("rest", 0), 5: ("long", 100), 6: ("recovery", 30)}


@pytest.mark.parametrize(("text", "moved"), [
    ("my mistake, friday is my tempo, not thursday", {"day": "fri", "kind": "tempo",
                                                       "minutes": 45}),
    ("sorry, sunday is the long run, not saturday",
     {"day": "sun", "kind": "long", "minutes": 100}),
    ("monday will be my intervals not wednesday",
     {"day": "mon", "kind": "intervals", "minutes": 50}),
    ("ugh typo - sunday is my long one not sat", {"day": "sun", "kind": "long", "minutes": 100}),
])
def test_the_run_moves_to_the_day_said_first(text: str, moved: dict[str, object]) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert moved in reading.update["plan_set"]


def test_a_run_of_a_day_told_with_a_miss_is_no_move() -> None:
    # A guard: read so before this change too.
    reading = read_message("thursday is my tempo but i couldn't do it", today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and "plan_set" not in reading.update
