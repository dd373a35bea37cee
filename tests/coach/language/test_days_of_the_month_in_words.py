"""A race day said in words beside its month, as voice typing writes it ("march
seventh", "the twenty-first of june"), is that date."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2027, 1, 20)


@pytest.mark.parametrize(("text", "day"), [
    ("valencia half on october nineteenth", date(2027, 10, 19)),
    ("the city 10k, april the twenty-second", date(2027, 4, 22)),
    ("marathon on the thirtieth of may", date(2027, 5, 30)),
])
def test_a_day_of_the_month_in_words_is_the_race_date(text: str, day: date) -> None:
    assert read_goal(text, today=TODAY).race_date == day
