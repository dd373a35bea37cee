"""Reps said aloud with "by" ("six by one k", "8 by 400"), as voice typing writes them: a
workout, not a length in minutes. Phrasings written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_plan, read_session

TODAY = date(2027, 1, 13)  # a Wednesday


@pytest.mark.parametrize(("text", "weekday"), [
    ("tuesday intervals 6 by 1km", 1),
    ("thu 8 by 400", 3),
    ("friday 5 by 1 mile on the track", 4),
    ("mon easy 30, wed 10 by 200m", 2),
])
def test_reps_with_by_in_a_plan_are_intervals_at_their_usual_length(text: str,
                                                                    weekday: int) -> None:
    [run] = [day for day in read_plan(text) if day.weekday == weekday]
    assert (run.kind, run.minutes) == ("intervals", 50)


@pytest.mark.parametrize(("text", "reps"), [
    ("missed my 6 by 1k this morning", 6),
    ("couldnt finish the 8 by 400 yesterday", 8),
])
def test_reps_with_by_in_a_message_are_read_as_reps(text: str, reps: int) -> None:
    reading = read_session(text, today=TODAY, plan=None)
    assert reading is not None and reading.kind == "intervals" and reading.reps == reps
    assert reading.minutes is None  # a workout says no length
