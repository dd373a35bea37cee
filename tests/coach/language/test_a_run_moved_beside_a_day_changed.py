"""A run moved in the same sentence as another day's lasting change ("make monday a rest
day and shift the hills to friday") moves for good too, with its planned length; said
for one week, neither is a plan change."""

from __future__ import annotations

from datetime import date

from coach.language import read_message

TODAY = date(2027, 6, 9)
PLAN = {0: ("easy", 35), 1: ("hills", 40), 3: ("tempo", 45), 6: ("long", 85)}


def test_the_run_moved_beside_the_day_changed_moves_for_good() -> None:
    reading = read_message("change monday into a rest day & push the hills to friday",
                           today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    rows = reading.update.get("plan_set")
    assert isinstance(rows, list)
    assert {"day": "mon", "kind": "rest", "minutes": 0} in rows
    assert {"day": "fri", "kind": "hills", "minutes": 40} in rows


def test_both_said_for_one_week_change_no_plan() -> None:
    reading = read_message("this week only: change monday into a rest day and push the "
                           "hills to friday", today=TODAY, plan=PLAN)
    assert "plan_set" not in reading.update
