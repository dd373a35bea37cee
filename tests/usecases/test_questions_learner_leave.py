""""is good to run sunday?": a learner's question without "it" asks leave to run, as "is it
ok to run sunday?" does (found playing a runner on a safety pause: it got the articles'
"don't cover that" instead of the pause)."""

from __future__ import annotations

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World

world = support.world  # the fixture



@pytest.mark.parametrize("text", [
    "is good to run sunday?", "good to run saturday?", "is fine to do my long run saturday?",
])
def test_on_a_safety_pause_it_is_not_now(world: World, text: str) -> None:
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.start_safety_hold(session=session, athlete_id=ana, reason="chest pain",
                                     since=world.clock())
    reply = support.ask(world, ana, text).text
    assert reply.startswith("Not now") and "safety pause" in reply
    assert world.answerer.asked == []


def test_without_a_pause_it_is_answered_from_the_plan(world: World) -> None:
    ana = world.athlete()
    reply = support.ask(world, ana, "is good to run saturday?").text
    assert "long run" in reply and "150" in reply
    assert world.answerer.asked == []
