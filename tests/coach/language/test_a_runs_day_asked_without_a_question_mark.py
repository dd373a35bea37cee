"""A run's day asked by inversion, with no question mark ("is the tempo today or did we
move it", "is my long run still on saturday"), is a plan question about that run; a
statement about a run ("the tempo today was brutal") is none."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 30), 1: ("intervals", 45), 3: ("tempo", 40), 5: ("long", 90),
        6: ("recovery", 20)}


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("is the tempo today or did we move it", "tempo", date(2027, 1, 14)),
    ("is my long run still on saturday", "long", date(2027, 1, 16)),
    ("coach is the recovery run sunday this week", "recovery", date(2027, 1, 17)),
    ("are my intervals still on tuesday", "intervals", date(2027, 1, 19)),
])
def test_a_runs_day_asked_is_a_plan_question(text: str, kind: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "plan_question"
    assert reading.session is not None and reading.session.kind == kind
    assert reading.day == day


def test_a_statement_about_a_run_is_no_question() -> None:
    assert read_message("the tempo today was brutal", today=TODAY,
                        plan=PLAN).intent != "plan_question"
