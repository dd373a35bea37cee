"""A run moved between two weekdays with nothing keeping it to one week, and two days
changed for good in two clauses of one sentence."""

from __future__ import annotations

from datetime import date

from coach.language import read_message

MONDAY = date(2027, 6, 7)
PLAN = {0: ("rest", 0), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 45),
        4: ("rest", 0), 5: ("easy", 30), 6: ("long", 110)}


def _rows(text: str) -> set[tuple[object, ...]]:
    reading = read_message(text, today=MONDAY, plan=PLAN)
    assert reading.intent == "profile_update"
    rows = reading.update.get("plan_set")
    assert isinstance(rows, list)
    return {(row["day"], row["kind"], row["minutes"]) for row in rows}


def test_a_run_moved_from_one_weekday_to_another_moves_in_the_plan() -> None:
    assert _rows("could you shift the intervals from tuesday to wednesday please") == {
        ("wed", "intervals", 50), ("tue", "rest", 0)}


def test_a_move_kept_to_this_week_is_no_plan_change() -> None:
    reading = read_message("shift the intervals from tuesday to wednesday this week",
                           today=MONDAY, plan=PLAN)
    assert reading.update.get("plan_set") is None


def test_two_days_changed_for_good_in_two_clauses() -> None:
    assert _rows("going forward sundays are a day off, long run goes to saturday, 2 hours"
                 ) == {("sun", "rest", 0), ("sat", "long", 120)}
