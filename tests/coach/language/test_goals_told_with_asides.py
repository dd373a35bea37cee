"""A goal answer that gives none ("pass for now", "no idea atm") is no goal; the
athlete's age and a no-race remark told inside the goal are no part of it; and a goal
changed in free text keeps its time target told in another sentence, never a time
that went with the goal dropped."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal, read_message

TODAY = date(2027, 2, 4)


@pytest.mark.parametrize("text", ["skip this one", "pass for now", "not sure yet tbh",
                                  "no idea atm", "hmm dunno really"])
def test_an_answer_that_gives_no_goal_is_none(text: str) -> None:
    assert read_goal(text, today=TODAY).goal is None


def test_a_race_said_beside_not_knowing_is_still_the_goal() -> None:
    assert read_goal("idk, maybe a 10k?", today=TODAY).goal == "10k"


@pytest.mark.parametrize(("text", "goal"), [
    ("I'm 55 and just want to keep fit", "keep fit"),
    ("keep running 3x a week, I am 71", "keep running 3x a week"),
    ("stay injury free at 62.", "stay injury free"),
    ("build some base fitness no races for me", "build base fitness"),
    ("keep running til I'm 80", "keep running til I'm 80"),
])
def test_an_age_or_a_no_race_remark_is_no_part_of_the_goal(text: str, goal: str) -> None:
    assert read_goal(text, today=TODAY).goal == goal


@pytest.mark.parametrize(("text", "goal"), [
    ("booked the 10 mile road race. want to break 75 min", "10 mile race sub 75 min"),
    ("not doing the ultra any more, wanna go for a sub 20 5k", "5k sub 20"),
    ("got a place in the berlin marathon!!! hoping to go under 3:30",
     "berlin marathon sub 3:30"),
    ("forget about the marathon. going for a quick 10k now, sub 45", "quick 10k sub 45"),
])
def test_a_new_goal_keeps_its_target_told_apart(text: str, goal: str) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("goal") == goal
