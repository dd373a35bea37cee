"""A race month said without a day ("end of june", "early april", "mid-march", "half in
may", "the last weekend of october") is read as one day by days.yaml's convention (early
the 7th, mid and a month alone the 15th, late or end the last day; a weekend of a month
its Saturday), the next such day not in the past, and flagged approximate, so the date is
not asked again. "may" the verb is no date."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal, read_message

TODAY = date(2027, 3, 20)  # a Saturday


@pytest.mark.parametrize(("text", "day"), [
    ("trail marathon towards the end of june", date(2027, 6, 30)),
    ("my first half, in early may", date(2027, 5, 7)),
    ("hilly 30k mid-october", date(2027, 10, 15)),
    ("doing a 10k in august with my sister", date(2027, 8, 15)),
    ("ultra late jan next year", date(2028, 1, 31)),
    ("half marathon the last weekend of september", date(2027, 9, 25)),
    ("marathon start of february", date(2028, 2, 7)),  # February 2027 is past
])
def test_a_month_without_a_day_gives_an_approximate_date(text: str, day: date) -> None:
    reading = read_goal(text, today=TODAY)
    assert reading.race_date == day
    assert reading.race_date_approximate


def test_the_month_words_are_no_part_of_the_goal() -> None:
    assert read_goal("trail marathon towards the end of june", today=TODAY).goal == (
        "trail marathon")


def test_this_month_counts_while_its_day_is_ahead() -> None:
    assert read_goal("5k at the end of march", today=TODAY).race_date == date(2027, 3, 31)
    assert read_goal("5k in mid march", today=TODAY).race_date == date(2028, 3, 15)


@pytest.mark.parametrize("text", ["i may run a half this year", "a 10k, may do more later",
                                  "half marathon, date tbc but probably in june"])
def test_may_the_verb_and_an_unknown_date_give_none(text: str) -> None:
    assert read_goal(text, today=TODAY).race_date is None


def test_a_day_said_is_exact() -> None:
    reading = read_goal("marathon on june 6", today=TODAY)
    assert reading.race_date == date(2027, 6, 6)
    assert not reading.race_date_approximate


def test_a_race_moved_to_a_month_part_in_free_text() -> None:
    update = read_message("race got pushed back to early july", today=TODAY).update
    assert update["race_date"] == date(2027, 7, 7)
    assert update["race_date_approximate"] is True


def test_a_word_fixed_for_typos_leaves_the_month_cut_cleanly() -> None:
    reading = read_goal("complete a half ironman late june", today=TODAY)
    assert reading.words == "complete a half ironman"
    assert reading.race_date == date(2027, 6, 30)
