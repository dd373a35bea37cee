"""A race traded for a shorter or longer one ("stepping down to the half", "moving up to the
full") is a goal change, the new race the goal; "dropping to an easy pace" is none (from
dev17's profile updates: "..., dropping to the 50k in april" was read as a missed run)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 2, 3)  # a Wednesday
PLAN = {1: ("tempo", 45), 3: ("easy", 40), 5: ("long", 100)}


@pytest.mark.parametrize(("text", "goal"), [
    ("the marathon's off the table, stepping down to the half", "half marathon"),
    ("dropped down to the 10k, training's been rubbish", "10k"),
    ("feeling great, moving up to the full in the autumn", "marathon"),
    ("not running the 100k anymore - dropping to the 50 miler", "50 mile ultra"),
])
def test_a_race_traded_is_the_new_goal(text: str, goal: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update["goal"] == goal


@pytest.mark.parametrize("text", [
    "dropping to an easy pace on the climbs",
    "stepping down to a lower gear on hills",
])
def test_dropping_to_something_else_is_no_goal(text: str) -> None:
    # Guards: no race named after the cue (these pass before and after).
    assert "goal" not in read_message(text, today=TODAY, plan=PLAN).update
