"""Goals: how the finish is to feel ("finish strong", "finish it smiling") keeps the
finish beside "first"; a day of the month said after "next month" is in next month; a race
not planned yet ("no race planned yet") leaves nothing of itself in the goal."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2027, 3, 10)


@pytest.mark.parametrize(("text", "goal"), [
    ("my first 10k, wanna finish healthy", "finish first 10k healthy"),
    ("first half marathon - finish it smiling!", "finish first half marathon smiling"),
    ("a 30k trail race, mainly to finish strong", "finish trail 30k race strong"),
])
def test_the_finish_and_its_manner_are_kept(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "day"), [
    ("half marathon next month, the 12th", date(2027, 4, 12)),
    ("marathon next month - on the 24th", date(2027, 4, 24)),
])
def test_a_day_after_next_month_is_in_next_month(text: str, day: date) -> None:
    assert read_goal(text, today=TODAY).race_date == day


@pytest.mark.parametrize("text", [
    "get fit again after my op, no race planned yet",
    "build some base, no race planned at the moment",
])
def test_a_race_not_planned_leaves_nothing_in_the_goal(text: str) -> None:
    goal = read_goal(text, today=TODAY).goal or ""
    assert not any(word in goal.split() for word in ("yet", "moment", "race", "planned"))


def test_a_first_race_just_to_finish_stays_first() -> None:
    # Guard: "first" says what a bare finish would (passes before and after).
    assert read_goal("first half, just to finish", today=TODAY).goal == "first half marathon"
