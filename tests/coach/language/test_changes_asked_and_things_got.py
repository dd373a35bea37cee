"""A change asked for as a question ("can u make the plan 16 weeks?", "can you make my
long run 2 hours from now on?", "can u take the bike off my list") is an update, not a
question; and a thing received, put in place or open again ("santa brought a rower",
"we put a treadmill in the shed", "the pool reopened") is equipment gained."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 2, 4)
PLAN = {0: ("easy", 30), 1: ("tempo", 45), 2: ("rest", 0), 3: ("hills", 40),
        4: ("easy", 30), 5: ("rest", 0), 6: ("long", 120)}


@pytest.mark.parametrize(("text", "update"), [
    ("can u make the plan 14 weeks not 10? feels too quick", {"plan_weeks": 14}),
    ("can you make my long run 2 hours from now on?", {"long_run_minutes": 120}),
    ("could u bump the long runs up to 150 min?", {"long_run_minutes": 150}),
    ("can u take the rower off my list, gave it to my brother",
     {"equipment_remove": ["rower"]}),
])
def test_a_change_asked_for_is_an_update(text: str, update: dict[str, object]) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    for key, value in update.items():
        assert reading.update.get(key) == value


@pytest.mark.parametrize(("text", "gained"), [
    ("my parents brought me a rower for my birthday!! so i have that now", "rower"),
    ("we put a treadmill in the shed over the weekend", "treadmill"),
    ("set up a spin bike in the spare room 🚲", "indoor_bike"),
    ("the pool by my office reopened", "pool"),
])
def test_a_thing_received_or_put_in_place_is_gained(text: str, gained: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert gained in reading.update.get("equipment_add", [])  # type: ignore[operator]


def test_a_question_about_a_long_run_is_still_a_question() -> None:
    reading = read_message("how long is my long run on sunday?", today=TODAY, plan=PLAN)
    assert reading.intent == "plan_question"
