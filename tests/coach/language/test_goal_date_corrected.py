"""A race date corrected in the goal answer is the later date, and the goal is the race
without the correction's words (found playing a masters runner: "half marathon in march,
the 15th i think. actually 22nd" was "half marathon, actually 22nd, on 2027-03-15")."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(("text", "goal", "day"), [
    ("half marathon in march, the 15th i think. actually 22nd", "half marathon",
     date(2027, 3, 22)),
    ("marathon on may 3rd. actually the 10th", "marathon", date(2027, 5, 10)),
    ("10k april 12, actually 19 april", "10k", date(2027, 4, 19)),
    ("trail half june 6th... oops 13th", "trail half", date(2027, 6, 13)),
])
def test_the_corrected_date_and_the_race_alone(text: str, goal: str, day: date) -> None:
    reading = read_goal(text, today=TODAY)
    assert (reading.race_date, reading.words) == (day, goal), (text, reading)


def test_actually_before_no_number_corrects_nothing() -> None:
    reading = read_goal("half in march actually", today=TODAY)
    assert reading.race_date == date(2027, 3, 15) and reading.race_date_approximate
