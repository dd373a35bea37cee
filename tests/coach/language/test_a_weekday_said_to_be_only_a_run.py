"""A weekday said to be only a run ("fri is just an easy 35") tells how the week goes: a
plan change, no run done; after a run moved off that day, it is the day's new run (found
playing runners: "sat is just an easy 40" was read as a run done)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 12, 10)  # a Thursday
PLAN = {1: ("tempo", 45), 3: ("easy", 40), 4: ("intervals", 50), 6: ("long", 100)}


@pytest.mark.parametrize(("text", "row"), [
    ("fri is just an easy 35", {"day": "fri", "kind": "easy", "minutes": 35}),
    ("tuesday is only a recovery 30", {"day": "tue", "kind": "recovery", "minutes": 30}),
    ("thurs is just easy 45 min", {"day": "thu", "kind": "easy", "minutes": 45}),
])
def test_a_day_said_to_be_only_a_run_changes_the_plan(text: str, row: dict[str, object]
                                                      ) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update["plan_set"] == [row]


def test_the_day_a_run_left_holds_the_run_said_after() -> None:
    reading = read_message("saturday is my long run, not sunday. sun is just an easy 30",
                           today=TODAY, plan=PLAN)
    assert reading.update["plan_set"] == [
        {"day": "sat", "kind": "long", "minutes": 100},
        {"day": "sun", "kind": "easy", "minutes": 30}]


def test_a_past_day_that_was_only_a_run_is_a_run_done() -> None:
    # Guard: the past tense is still a report (passes before and after).
    assert read_message("tue was just an easy 30", today=TODAY, plan=PLAN).intent == "done"
