"""A race said given up ("was going to do chicago but didn't get in", "the ballot said no",
"not doing the half anymore") is no part of the goal when a later clause names another
race or a date: the goal is that one. In a free-text goal change, what is left of the old
race's clause ("anymore") is no goal either."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal, read_message

TODAY = date(2027, 1, 13)


@pytest.mark.parametrize(("text", "goal", "day"), [
    ("was going to do chicago but didn't get in, so the twin cities marathon on oct 3",
     "twin cities marathon", date(2027, 10, 3)),
    ("london ballot said no 😭 so brighton marathon april 11", "brighton marathon",
     date(2027, 4, 11)),
    ("planned on a 50k but that's off now, doing a trail half instead on june 6",
     "trail half marathon", date(2027, 6, 6)),
    ("the 100 miler got cancelled. so a 50k on may 8", "50k", date(2027, 5, 8)),
])
def test_the_race_after_the_one_given_up_is_the_goal(text: str, goal: str, day: date) -> None:
    reading = read_goal(text, today=TODAY)
    assert reading.goal == goal
    assert reading.race_date == day


def test_a_race_only_planned_with_nothing_after_stays() -> None:
    assert read_goal("was meant to run a half in may", today=TODAY).goal == "half marathon"


@pytest.mark.parametrize(("text", "goal"), [
    ("new goal: not the half any more, a 10k on may 2", "10k"),
    ("changing my goal - not doing the ultra anymore, just a sub 3 marathon", "marathon sub 3"),
    ("switched my goal: not the marathon anymore, the city 10k in june", "10k"),
])
def test_a_goal_change_takes_the_clause_naming_the_race(text: str, goal: str) -> None:
    assert read_message(text, today=TODAY).update["goal"] == goal
