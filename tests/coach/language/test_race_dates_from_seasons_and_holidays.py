"""A race's season or holiday said without a day ("marathon in the autumn", "a half next
spring", "10k around easter") is read by days.yaml's one convention, like a month alone:
seasons by the month in the northern hemisphere, a season alone the 15th of its middle
month, early the 15th of its first, late of its last; Easter and Thanksgiving computed;
the next such day not past; approximate, except a holiday said with "on". A season with
no lead word and no race after it, a deadline ("by summer"), a race not chosen yet or only
guessed at ("maybe a half in spring?"), or a season with no race named give no date."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal, read_message

TODAY = date(2027, 1, 13)  # a Wednesday


@pytest.mark.parametrize(("text", "day"), [
    ("marathon in the autumn", date(2027, 10, 15)),
    ("a half next spring", date(2027, 4, 15)),
    ("hilly 50k late summer", date(2027, 8, 15)),
    ("my first fall marathon", date(2027, 10, 15)),
    ("trail 25k sometime in the early spring", date(2027, 3, 15)),
    ("10k around easter", date(2027, 3, 28)),  # Easter Sunday 2027
    ("the xmas 5k, at christmas", date(2027, 12, 25)),
])
def test_a_season_or_holiday_gives_an_approximate_date(text: str, day: date) -> None:
    reading = read_goal(text, today=TODAY)
    assert reading.race_date == day
    assert reading.race_date_approximate


def test_a_holiday_said_with_on_is_its_day() -> None:
    reading = read_goal("turkey trot 5 miles on thanksgiving", today=TODAY)
    assert reading.race_date == date(2027, 11, 25)
    assert not reading.race_date_approximate


def test_the_season_is_no_part_of_the_goal() -> None:
    assert read_goal("a half next spring", today=TODAY).goal == "half marathon"
    assert read_goal("spring half, march 28", today=TODAY).goal == "half marathon"


@pytest.mark.parametrize("text", [
    "sub 45 10k by summer",            # a deadline for a target, no race
    "need a spring in my step again",  # no season of a race
    "maybe a half in the autumn?",     # a guess
    "a 50 miler in the fall, not picked one yet",
    "marathon in the spring, date tbd",
    "speed work, wanna be quicker by next fall",  # no race named
    "just get fitter over the summer",
])
def test_no_date_without_a_race_set_in_its_season(text: str) -> None:
    assert read_goal(text, today=TODAY).race_date is None


def test_a_goal_changed_in_free_text_takes_the_season() -> None:
    reading = read_message("new goal: a half marathon next spring", today=TODAY)
    assert reading.update["goal"] == "half marathon"
    assert reading.update["race_date"] == date(2027, 4, 15)
    assert reading.update["race_date_approximate"] is True
    said = read_message("switching goal, doing a spring half marathon instead, march 28",
                        today=TODAY)
    assert said.update["goal"] == "half marathon"
