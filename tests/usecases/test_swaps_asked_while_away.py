"""An activity asked for instead while away, which the athlete's own equipment allows at
home, is said to be missing where they stay, not from what they gave (found playing:
"what about the pool?" on a work trip got "pool isn't in the equipment you gave me")."""

from __future__ import annotations

from datetime import date

from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture


def test_a_pool_asked_for_on_a_trip_is_missing_where_they_stay(world: World) -> None:
    ana = world.athlete(equipment=["pool", "bike"])
    world.clock.on(date(2026, 11, 27))
    say(world, ana, "missed yesterday's tempo, was stuck in a hotel for work")
    reply = say(world, ana, "what about the pool?").text
    assert "you're away" in reply and "equipment you gave me" not in reply, reply


def test_a_pool_they_never_had_is_still_asked_about(world: World) -> None:
    ana = world.athlete(equipment=["bike"])
    world.clock.on(date(2026, 11, 27))
    say(world, ana, "missed yesterday's tempo, was stuck in a hotel for work")
    reply = say(world, ana, "what about the pool?").text
    assert "you're away" not in reply, reply
