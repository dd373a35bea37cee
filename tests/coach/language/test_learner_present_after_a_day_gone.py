"""A learner's present tense after a day gone is a run missed on that day; a habit is not."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

SUNDAY = date(2026, 11, 29)
PLAN = {1: ("easy", 45), 3: ("intervals", 50), 5: ("long", 80)}  # Sat long 80


@pytest.mark.parametrize("text", [
    "yesterday i dont run because too much rain",
    "last night i do not run, my son was sick",
    "on saturday i dont run, rain all day",
    "yday i dont go for a run, work",
])
def test_a_day_gone_then_i_dont_run_is_that_days_run_missed(text: str) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None
    assert (reading.session.day, reading.session.kind, reading.session.minutes) == (
        date(2026, 11, 28), "long", 80)


@pytest.mark.parametrize("text", ["i dont run on mondays", "on saturdays i dont run",
                                  "i don't run in the rain, what else can i do?"])
def test_a_habit_or_a_question_is_no_run_missed(text: str) -> None:
    assert read_message(text, today=SUNDAY, plan=PLAN).intent != "missed_run"
