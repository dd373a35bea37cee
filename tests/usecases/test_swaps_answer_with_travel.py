"""After a bare /swap asks "which session?", a session named with travel as its reason
("thursday's tempo, work trip") answers it; a question about being away does not."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases import support
from tests.usecases.support import World, say
from usecases import swaps

world = support.world  # the fixture

FRIDAY = date(2026, 11, 27)  # a rest day; Thursday 26 Nov is tempo 45 in the plan


@pytest.mark.parametrize("text", [
    "thursday's tempo, work trip",
    "the tempo on thu - was travelling for work",
    "tues intervals, flight got delayed",
])
def test_a_session_named_with_a_trip_answers_which_session(world: World, text: str) -> None:
    ana = world.athlete()
    world.clock.on(FRIDAY)
    asked = swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
    assert "Which session" in asked.text
    reply = say(world, ana, text)
    assert reply.text.startswith("Missed: ")
    assert world.answerer.asked == []


def test_a_question_about_a_trip_is_not_taken_as_the_session(world: World) -> None:
    ana = world.athlete()
    world.clock.on(FRIDAY)
    swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
    reply = say(world, ana, "im in a hotel till sunday, what can i do instead of the long run?")
    assert not reply.text.startswith("Missed: 45 min tempo")
