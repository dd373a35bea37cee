"""A race date said as a rough span ("first 10k!! in about 6 weeks", "half, 8 weeks away")
is read, and approximate (found playing a beginner: the date was asked for again)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2026, 11, 29)  # a Sunday


@pytest.mark.parametrize(("text", "expected"), [
    ("first 10k!! in about 6 weeks", date(2027, 1, 10)),
    ("half marathon in roughly three weeks", date(2026, 12, 20)),
    ("marathon in around 10 weeks' time", date(2027, 2, 7)),
    ("half, 8 weeks away", date(2027, 1, 24)),
    ("ultra in approx 12 weeks", date(2027, 2, 21)),
    ("10k in like 5 weeks lol", date(2027, 1, 3)),
])
def test_a_rough_span_gives_an_approximate_date(text: str, expected: date) -> None:
    reading = read_goal(text, today=TODAY)
    assert reading.race is not None and reading.race in reading.goal  # type: ignore[operator]
    assert reading.race_date == expected and reading.race_date_approximate


@pytest.mark.parametrize("text", ["5k on dec 20", "half on the 20th, 3 weeks away",
                                  "marathon in 3 days"])
def test_a_day_said_stays_exact(text: str) -> None:
    reading = read_goal(text, today=TODAY)
    assert reading.race_date is not None and not reading.race_date_approximate


def test_the_span_is_no_part_of_the_goal() -> None:
    assert read_goal("marathon in 10 weeks time", today=TODAY).goal == "marathon"
