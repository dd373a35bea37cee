"""A length said after a rep workout ("wed 10x200 40 mins") is the session's length, not a
recovery between reps: a length the runner states wins over one derived from the reps.
A short recovery ("w/ 90s jog", "/ 2 min") is still a recovery."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_duration, read_plan, read_session
from coach.language.durations import read_session_words

TODAY = date(2026, 11, 18)  # a Wednesday


@pytest.mark.parametrize(("text", "minutes"), [
    ("wed 10x200 40 mins", 40),
    ("thurs 5x1km 60min", 60),
    ("Fri 12 x 300m 35min", 35),
    ("mon easy 30, wed 6x600 55 min, sun long 80", 55),
])
def test_a_plan_day_keeps_the_length_said_after_its_reps(text: str, minutes: int) -> None:
    runs = [run for run in read_plan(text) if run.kind == "intervals"]
    assert [run.minutes for run in runs] == [minutes]


@pytest.mark.parametrize(("text", "rest"), [
    ("6x1k with 3 min jog", 3.0),
    ("10x400 / 75s", 1.25),
    ("5 x 5 min w/ 2 min easy", 2.0),
])
def test_a_short_recovery_is_still_a_recovery(text: str, rest: float) -> None:
    # A guard: read so before this change too.
    words = read_session_words(text)
    assert words.rest_minutes == rest and words.minutes is None


def test_a_missed_rep_session_takes_the_length_told() -> None:
    reading = read_session("couldn't do my 10x200 40 mins this morning", today=TODAY)
    assert reading is not None and reading.minutes == 40


def test_the_first_duration_after_reps_is_the_sessions() -> None:
    assert read_duration("8 x 300 50 minutes all in") == 50
