"""A run's day stated beside the day it is not ("actually my long run is sunday not
saturday") moves it in the plan for every week, keeping its planned length; "this week"
keeps it to one week, and a question changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

SUNDAY = date(2026, 11, 29)
PLAN = {0: ("easy", 30), 1: ("tempo", 40), 3: ("easy", 60), 5: ("long", 75), 6: ("rest", 0)}


@pytest.mark.parametrize("text, moved_to, left", [
    ("actually my long run is sunday not saturday", "sun", "sat"),
    ("my long runs are on sundays, not sat", "sun", "sat"),
    ("i do my long runs on sunday not saturday", "sun", "sat"),
    ("sorry, the tempo is on wednesday not tuesday", "wed", "tue"),
])
def test_a_runs_day_stated_beside_the_day_it_is_not_moves_it(
    text: str, moved_to: str, left: str,
) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "profile_update"
    rows = {row["day"]: (row["kind"], row["minutes"]) for row in reading.update["plan_set"]}
    kind = "long" if "long" in text else "tempo"
    assert rows[moved_to] == (kind, 75 if kind == "long" else 40)
    assert rows[left] == ("rest", 0)


@pytest.mark.parametrize("text", [
    "my long run is sunday not saturday this week",
    "was it sunday not saturday?",
])
def test_one_week_or_a_question_moves_nothing_for_good(text: str) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert "plan_set" not in reading.update
