"""A race date said under another race's name ("the 10k warm-up race is on the 12th"
with a marathon as the goal) leaves the goal race's date as it was, and says so; the goal
race's own date still changes it."""

from __future__ import annotations

from datetime import date

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture

GOAL_DAY = date(2027, 4, 18)


def _goal(world: World, athlete_id: int) -> tuple[str | None, date | None]:
    with world.services.transaction() as session:
        athlete = repository.require_athlete(session=session, athlete_id=athlete_id)
        return athlete.goal_event, athlete.goal_date


@pytest.mark.parametrize(("text", "race"), [
    ("the 10k warm-up race is on the 12th", "10k"),
    ("btw my tune-up half is on feb 21", "half marathon"),
    ("oh and my 5k tune up race is dec 13 🙂", "5k"),
])
def test_another_races_date_leaves_the_goal_date(world: World, text: str, race: str) -> None:
    ana = world.athlete(goal_event="marathon", goal_date=GOAL_DAY)
    reply = say(world, ana, text).text
    assert _goal(world, ana) == ("marathon", GOAL_DAY)
    assert f"Good luck in the {race}" in reply, reply
    assert "stays marathon on 18 April 2027" in reply


def test_the_goal_races_own_date_changes_it(world: World) -> None:
    ana = world.athlete(goal_event="marathon", goal_date=GOAL_DAY)
    reply = say(world, ana, "the marathon got moved to april 25").text
    assert _goal(world, ana) == ("marathon", date(2027, 4, 25))
    assert "race date: 25 April 2027" in reply, reply


def test_a_race_named_by_no_distance_is_the_goal(world: World) -> None:
    ana = world.athlete(goal_event="marathon", goal_date=GOAL_DAY)
    say(world, ana, "actually the race is april 11 not 18")
    assert _goal(world, ana) == ("marathon", date(2027, 4, 11))
