"""A run's length changed or corrected in the plan: put in place of another ("2 hours
instead of 90 min"), said with the old one denied ("50 not 45"), or told again after the
athlete said it wrong before ("earlier i said ... 45, its actually 50"); none of these is
a run missed or swapped."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 6, 9)  # a Wednesday
PLAN = {1: ("hills", 40), 3: ("tempo", 35), 4: ("easy", 30), 6: ("long", 80)}


@pytest.mark.parametrize(("text", "minutes"), [
    ("could the long run be 100 min rather than the usual 80?", 100),
    ("pls make long runs 1h45 instead of 80 mins from now", 105),
])
def test_a_long_run_length_put_in_place_of_another(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get("long_run_minutes") == minutes


@pytest.mark.parametrize(("text", "row"), [
    ("friday easy is 40 not 30", {"day": "fri", "kind": "easy", "minutes": 40}),
    ("tues hills are actually 45", {"day": "tue", "kind": "hills", "minutes": 45}),
    ("yesterday i told you friday easy 30, it should be 25",
     {"day": "fri", "kind": "easy", "minutes": 25}),
    ("i wrote thursday tempo 35, thats actually 40",
     {"day": "thu", "kind": "tempo", "minutes": 40}),
])
def test_a_days_length_corrected_is_a_plan_change(text: str, row: dict[str, object]) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get("plan_set") == [row]


def test_a_run_done_shorter_than_planned_stays_a_run_done() -> None:
    reading = read_message("did 20 instead of 35 for the tempo today, ran out of time",
                           today=TODAY, plan=PLAN)
    assert reading.intent == "done"
