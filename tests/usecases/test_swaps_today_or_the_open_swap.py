"""Right after options for an earlier day's run, a question about today ("what can i do
instead tonight? only 30 min") when today holds a run too is asked about, with two
buttons; it is never taken as today's run missed."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases import support
from tests.usecases.support import World, actions, labels, say
from usecases import swaps

world = support.world  # the fixture

SATURDAY = date(2026, 11, 28)  # long 150 in the plan; Thursday 26 Nov was tempo 45


@pytest.mark.parametrize("text", [
    "what can i do instead tonight? only 30 min",
    "anything shorter for today? only have 30 min",
])
def test_today_named_after_an_earlier_days_options_asks_which(world: World, text: str) -> None:
    ana = world.athlete()
    world.clock.on(SATURDAY)
    say(world, ana, "missed thursday's tempo, work was mad")
    reply = say(world, ana, text)
    assert not reply.text.startswith("Missed"), reply.text
    assert "Thu 26 Nov" in reply.text and "today's 150 min long run" in reply.text
    assert labels(reply) == ["Thu tempo run, 45 min", "Sat long run, 150 min"]
    assert set(actions(reply)) == {swaps.SESSION_ACTION}
    answered = say(world, ana, "the tempo")
    assert answered.text.startswith("Missed: 45 min tempo run (Thu 26 Nov)"), answered.text


def test_a_rest_day_today_keeps_to_the_open_swap(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday: rest in the plan
    say(world, ana, "missed yesterday's tempo, work was mad")
    reply = say(world, ana, "what can i do instead tonight? only 30 min")
    assert "Thu 26 Nov" in reply.text and not labels(reply)[0].startswith("Fri"), reply.text
