""""today i go to the pool. how much time i do?": the activity named is sized for the run
of that day as a swap would size it, from the plan, not sent to the articles (found
playing a runner: the reply was "the articles don't cover that")."""

from __future__ import annotations

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World

world = support.world  # the fixture



# The world's clock is Thursday 26 November: a 45 min tempo run; Saturday a 150 min long run.
@pytest.mark.parametrize(("text", "names"), [
    ("today i go to the pool. how much time i do?", ("Swimming", "today's 45 min tempo run")),
    ("heading to the gym for the rower, how long should i go?",
     ("Rowing", "today's 45 min tempo run")),
    ("if i bike on saturday instead how many minutes??", ("cycling", "150 min long run")),
])
def test_the_named_activity_is_sized_for_the_days_run(
    world: World, text: str, names: tuple[str, ...],
) -> None:
    ana = world.athlete()
    reply = support.ask(world, ana, text).text
    for name in names:
        assert name in reply
    assert " min, zone" in reply and "Source:" in reply
    assert world.answerer.asked == []  # from the plan, not the articles


def test_on_a_safety_pause_no_length_is_given(world: World) -> None:
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.start_safety_hold(session=session, athlete_id=ana, reason="chest pain",
                                     since=world.clock())
    reply = support.ask(world, ana, "going to the pool today, how long should i swim?").text
    assert "safety pause" in reply and " min," not in reply
