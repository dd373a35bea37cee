"""A plan whose "and" sits inside a length ("an hour and a quarter"), a race named in
several capitalised words, and a goal that ends in a hedge ("..., to be honest")."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal, read_plan

TODAY = date(2027, 2, 1)


def test_and_inside_a_length_joins_no_two_days() -> None:
    runs = read_plan("tuesday and thursday thirty minutes easy each and a long run "
                     "of an hour and a quarter on saturday")
    week = {run.weekday: (run.kind, run.minutes) for run in runs}
    assert week == {1: ("easy", 30), 3: ("easy", 30), 5: ("long", 75)}


@pytest.mark.parametrize(("text", "name"), [
    ("doing the San Diego half in june", "san diego half marathon"),
    ("Loch Ness marathon 4 oct", "loch ness marathon"),
])
def test_a_race_named_in_several_capitalised_words(text: str, name: str) -> None:
    goal = read_goal(text, today=TODAY).goal
    assert goal is not None and goal.startswith(name)


def test_the_message_s_first_word_is_no_part_of_a_name() -> None:
    goal = read_goal("Maybe Brighton marathon in april", today=TODAY).goal
    assert goal == "brighton marathon"


@pytest.mark.parametrize("text", ["run a bit more consistently to be honest",
                                  "run a bit more consistently ngl"])
def test_a_hedge_after_a_goal_is_dropped(text: str) -> None:
    assert read_goal(text, today=TODAY).goal == "run more consistently"
