"""A session named for a day the plan rests ("missed my tempo yesterday" on a rest day)
is pointed to where the plan has it, not told "nothing to make up" and asked which
session as if none were named (found playing two runners through the chat)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture

SUNDAY = date(2026, 11, 29)
# Tuesdays, Thursdays, Fridays and Sundays rest; intervals on Mon and Wed.
PLAN = [{"weekday": 0, "kind": "intervals", "minutes": 50},
        {"weekday": 2, "kind": "intervals", "minutes": 45},
        {"weekday": 3, "kind": "tempo", "minutes": 40},
        {"weekday": 5, "kind": "long", "minutes": 90}]


@pytest.mark.parametrize(("text", "where"), [
    ("didnt get my tempo done on friday, stuck at work", "tempo run is on Thu"),
    ("skipped intervals last tuesday 😩", "interval session is on Mon or Wed"),
])
def test_the_kind_named_is_pointed_to_its_day_in_the_plan(
        world: World, text: str, where: str) -> None:
    ana = world.athlete(plan=PLAN)
    world.clock.on(SUNDAY)
    reply = say(world, ana, text)
    assert "is a rest day" in reply.text and where in reply.text, reply.text
    assert "nothing to make up" not in reply.text and reply.buttons


def test_with_no_kind_named_the_question_is_as_before(world: World) -> None:
    ana = world.athlete(plan=PLAN)
    world.clock.on(SUNDAY)
    reply = say(world, ana, "missed my run on friday")
    assert "Fri 27 Nov is a rest day" in reply.text and "Which session" in reply.text
