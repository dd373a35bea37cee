"""A race entered, named after the word for entering it ("booked!! valencia marathon dec
5", "got a place in the london marathon"), is a new goal with its date; entering
something that is no race changes no goal. Phrasings written for these tests, not taken
from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)


@pytest.mark.parametrize(("text", "goal", "day"), [
    ("Booked!!! Valencia Marathon, December 5th", "valencia marathon", date(2027, 12, 5)),
    ("got a place in the london marathon, april 25", "london marathon", date(2027, 4, 25)),
    ("im in for a 50k trail race on june 12 🙌", "50k", date(2027, 6, 12)),
    ("got into tokyo!! march 7", "tokyo marathon", date(2027, 3, 7)),
])
def test_a_race_entered_is_the_new_goal(text: str, goal: str, day: date) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    said = reading.update.get("goal")
    assert isinstance(said, str) and set(goal.split()) <= set(said.split())
    assert reading.update.get("race_date") == day


@pytest.mark.parametrize("text", [
    "booked a physio for friday",
    "got a place on the first aid course",
])
def test_entering_what_is_no_race_changes_no_goal(text: str) -> None:
    assert "goal" not in read_message(text, today=TODAY).update
