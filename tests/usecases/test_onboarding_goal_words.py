"""The goal as the coach reads it: a hedge beside a race ("hoping sub 2 but idk") leaves
the race's note whole, shouting ("!!") is no part of it, and words left over from a date
("next yr") go with the date."""

from __future__ import annotations

from datetime import date

import pytest

from usecases.onboarding import goal_in

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize("text, goal", [
    ("first half marathon!! march 14 💪 hoping sub 2 but idk", "first half marathon sub 2"),
    ("10k on feb 6, sub 50 tho idk honestly", "10k sub 50"),
    ("marathon april 11, dunno, sub 4 probably", "marathon sub 4"),
])
def test_a_hedge_beside_a_race_leaves_the_races_note(text: str, goal: str) -> None:
    assert goal_in(text, today=TODAY).goal == goal


@pytest.mark.parametrize("text, goal", [
    ("xc season!! state meet nov 7 next yr", "xc season, state meet"),
    ("get strong again!!! after baby #2", "get strong again, after baby #2"),
    ("just wanna enjoy running?? and stay healthy", "enjoy running, and stay healthy"),
])
def test_shouting_and_date_leftovers_are_no_part_of_the_goal(text: str, goal: str) -> None:
    assert goal_in(text, today=TODAY).goal == goal
