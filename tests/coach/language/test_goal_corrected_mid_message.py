"""A race named and then corrected in the goal answer ("the half in may, no wait, the
full in june"): the goal is the race after the correction, with the date said before it
when the correction gives none. Phrasings written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(("text", "goal", "race_date"), [
    ("half in may, no wait, the full marathon on june 6", "marathon", date(2027, 6, 6)),
    ("10k on march 3, oops i mean the half", "half marathon", date(2027, 3, 3)),
    ("tokyo marathon... no sorry thats my brother. im doing the osaka marathon feb 22 "
     "aim 3 hours 30", "osaka marathon 3:30", date(2027, 2, 22)),
])
def test_the_race_after_a_correction_is_the_goal(text: str, goal: str,
                                                 race_date: date) -> None:
    reading = read_goal(text, today=TODAY)
    assert (reading.goal, reading.race_date) == (goal, race_date)


@pytest.mark.parametrize(("text", "goal"), [
    ("sorry for the slow reply! half marathon in may", "half marathon"),
    ("marathon in april, sorry if thats vague", "marathon"),
])
def test_an_apology_with_no_second_race_corrects_nothing(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal
