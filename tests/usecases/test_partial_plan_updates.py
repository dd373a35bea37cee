"""One weekday changed for good in free text changes that day only; a whole plan said
again replaces the week."""

from __future__ import annotations

import asyncio
from datetime import date

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


KAT_PLAN = [
    {"weekday": 1, "kind": "easy", "minutes": 35},
    {"weekday": 3, "kind": "easy", "minutes": 35},
    {"weekday": 5, "kind": "easy", "minutes": 30},
    {"weekday": 6, "kind": "long", "minutes": 75},
]


def test_a_run_moved_onto_a_busy_day_says_what_happens_to_the_run_there(world: World) -> None:
    kat = world.athlete(plan=KAT_PLAN)
    reply = asyncio.run(messages.handle_text(ports=world.services, athlete_id=kat,
                                             text="moving my long run to saturday for good"))
    week = _week(world, kat)
    assert week[5] == ("long", 75)
    # Saturday's easy run is not lost in silence: it takes Sunday, which the long run left.
    assert week[6] == ("easy", 30)
    assert "Sat's 30 min easy run moves to Sun, where" in reply.text
    assert week[1] == ("easy", 35) and week[3] == ("easy", 35)


def test_a_run_put_on_a_busy_day_with_no_day_freed_says_the_old_one_is_off(
        world: World) -> None:
    kat = world.athlete(plan=KAT_PLAN)
    reply = asyncio.run(messages.handle_text(ports=world.services, athlete_id=kat,
                                             text="thursdays are tempo from now on"))
    week = _week(world, kat)
    assert week[3][0] == "tempo"
    assert "Thu's 35 min easy run is off the plan" in reply.text


def test_a_plan_change_after_which_run_was_asked_changes_the_plan(world: World) -> None:
    # Found playing a runner: "my long run is 2.5 hrs now" just after "which session did
    # you miss?" was taken as the long run missed, 150 min.
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday: a rest day, so which run is asked
    asked = support.say(world, ana, "couldn't get out this morning, too busy")
    assert "Which session" in asked.text
    reply = support.say(world, ana, "my long run is 3 hours now btw")
    assert "Missed" not in reply.text and "180" in reply.text
    assert _week(world, ana)[5] == ("long", 180)
