"""Pain told with the run it stops ("no way I'm doing the hills today, calf is sore"):
the options are for that run, not for the day's planned one (found playing a night-shift
ultra runner: hills named, options for the day's long run); a run the pain came from,
on another day, leaves the day's own session."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture

SUNDAY = date(2026, 11, 29)  # recovery 25 in the plan; Thursday tempo 45, Saturday long 150


@pytest.mark.parametrize("text", [
    "no way im doing the tempo today, my calf is sore",
    "skipping my tempo run today, left knee is aching a bit",
    "achilles is niggly so the tempo isn't happening today",
])
def test_the_run_named_for_today_is_the_one_replaced(world: World, text: str) -> None:
    ana = world.athlete()
    world.clock.on(SUNDAY)
    reply = say(world, ana, text)
    assert "45 min tempo run (Sun 29 Nov)" in reply.text


def test_a_run_the_pain_came_from_leaves_the_days_own_session(world: World) -> None:
    ana = world.athlete()
    world.clock.on(SUNDAY)
    reply = say(world, ana, "calf is sore after yesterday's long run")
    assert "long run" not in reply.text.split("\n\n")[1] and "25 min" in reply.text
