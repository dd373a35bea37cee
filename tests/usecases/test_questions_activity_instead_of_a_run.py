"""An activity asked about in place of a run is the one asked about, not the run it
replaces (found playing a 5k runner: "can i play football tmrw instead of running" got
swap options without football, as if the question were about running)."""

from __future__ import annotations

import pytest

from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture



@pytest.mark.parametrize(("text", "activity"), [
    ("can i play football tmrw instead of running", "football"),
    ("is it ok to play tennis on saturday instead of my long run?", "tennis"),
    ("can i go bouldering on saturday instead of running?", "bouldering"),
    ("fine to do a barre class sunday in place of the run?", "barre"),
])
def test_the_activity_asked_about_is_answered_not_the_run_it_replaces(
        world: World, text: str, activity: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert f"don't cover {activity}" in reply, reply
    assert "Pick one" not in reply and "Which session" not in reply
