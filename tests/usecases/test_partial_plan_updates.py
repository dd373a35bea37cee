"""One weekday changed for good in free text changes that day only; a whole plan said
again replaces the week."""

from __future__ import annotations

import asyncio

from storage import repository
from tests.usecases import support
from tests.usecases.support import World
from usecases import messages

world = support.world  # the fixture


def _week(w: World, athlete_id: int) -> dict[int, tuple[str, int]]:
    with w.services.transaction() as session:
        return {e.weekday: (e.kind, e.minutes)
                for e in repository.get_weekly_plan(session=session, athlete_id=athlete_id)}


def test_one_weekday_changed_for_good_keeps_the_rest_of_the_week(world: World) -> None:
    ana = world.athlete()
    reply = asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                             text="wednesdays are rest from now on"))
    assert "Wed rest" in reply.text and "rest 0" not in reply.text
    week = _week(world, ana)
    assert week[2] == ("rest", 0)
    assert week[1] == ("intervals", 50) and week[5] == ("long", 150)  # the rest stays


def test_a_plan_said_whole_replaces_the_week(world: World) -> None:
    ana = world.athlete()
    asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                     text="new plan: mon easy 40, sat long 90"))
    assert _week(world, ana) == {0: ("easy", 40), 5: ("long", 90)}
