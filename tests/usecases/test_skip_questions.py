""""should i just skip it?" right after a swap was offered asks about that run: skipping
is fine, said with a Skip button; it is no new missed run of today."""

from __future__ import annotations

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture



def test_should_i_skip_it_answers_about_the_run_just_offered(world: World) -> None:
    ana = world.athlete()  # Thursday 26 Nov
    offered = say(world, ana, "what should i do instead of tuesday's run?")
    assert "Tue 1 Dec" in offered.text
    reply = say(world, ana, "should i just skip it?")
    assert reply.text.startswith("Skipping it is fine")
    assert "interval session (Tue 1 Dec)" in reply.text
    assert "Missed:" not in reply.text  # not a new swap for today's tempo
    skip = [button for row in reply.buttons for button in row if button.args[-1:] == ("skip",)]
    assert len(skip) == 1 and skip[0].args[0] == offered.buttons[0][0].args[0]
    with world.services.transaction() as session:
        rows = repository.list_substitutions(session=session, athlete_id=ana, limit=5)
    assert len(rows) == 1  # nothing new offered


def test_without_a_run_just_offered_it_is_read_as_before(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "should i just skip it?")
    assert not reply.text.startswith("Skipping it is fine")


def test_a_skip_question_naming_its_own_run_is_not_about_the_offered_one(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "what should i do instead of tuesday's run?")
    reply = say(world, ana, "can i skip saturday's long run?")
    assert "Tue 1 Dec" not in reply.text and not reply.text.startswith("Skipping it")
