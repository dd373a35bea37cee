"""A goal said with its date not known yet, however it is said ("dunno the date yet",
"nothing booked yet", "no fixed date"), keeps the remark out of the goal and marks the
date as not known, so it is not asked for again; a lead-in saying there is nothing
specific is no part of the goal. Phrasings written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal

TODAY = date(2027, 1, 5)


@pytest.mark.parametrize(("text", "goal"), [
    ("regional xc champs, not sure of the date", "regional xc champs"),
    ("trail 30k in the peaks, dunno when exactly", "trail 30k"),
    ("relay with my club, nothing booked yet", "relay with my club"),
    ("sprint tri sometime, no fixed date", "sprint triathlon"),
    ("county half, date isn't announced yet", "half marathon"),
])
def test_a_date_not_known_yet_is_no_part_of_the_goal(text: str, goal: str) -> None:
    reading = read_goal(text, today=TODAY)
    assert reading.no_date_yet and reading.race_date is None
    assert reading.goal is not None and set(goal.split()) <= set(reading.goal.split())
    assert not {"date", "sure", "dunno", "booked", "fixed", "announced"} & set(
        reading.goal.split())


@pytest.mark.parametrize(("text", "goal"), [
    ("nothing specific, just get a bit faster", "get faster"),
    ("nothing in particular - run three times a week", "run three times a week"),
])
def test_nothing_specific_said_first_is_no_part_of_the_goal(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal
