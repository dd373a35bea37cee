"""A missed session named with a day whose plan says another kind: asked, never logged as
a session the plan did not have (as on a rest day)."""

from __future__ import annotations

import asyncio
from datetime import date

from sqlmodel import select

from storage import repository
from storage.models import CheckIn, Substitution
from tests.usecases import support
from tests.usecases.support import World, actions, labels
from usecases import messages, swaps

world = support.world  # the fixture

FRIDAY = date(2026, 11, 27)  # yesterday, Thursday 26 Nov, is tempo 45 in the plan


def test_a_kind_the_days_plan_does_not_have_is_asked_about(world: World) -> None:
    ana = world.athlete()
    world.clock.on(FRIDAY)
    reply = asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                             text="skipped yday's hills"))
    assert "45 min tempo run on Thu 26 Nov, not a hill session" in reply.text
    assert "Which session" in reply.text
    assert set(actions(reply)) == {swaps.SESSION_ACTION}
    assert "Thu tempo run, 45 min" in labels(reply)
    with world.services.transaction() as session:
        [asked] = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
        assert asked.missed == {"ask": True, "day": "2026-11-26"} and not asked.options
        assert session.exec(select(CheckIn)).all() == []  # nothing logged yet


def test_the_typed_answer_takes_the_plans_session_of_that_day(world: World) -> None:
    ana = world.athlete()
    world.clock.on(FRIDAY)
    asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                     text="skipped yday's hills"))
    answer = asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                              text="oh the tempo, sorry"))
    assert "45 min tempo run (Thu 26 Nov)" in answer.text
    with world.services.transaction() as session:
        offered = session.exec(select(Substitution).where(Substitution.options != [])).all()
        assert [(s.missed["kind"], s.missed["day"]) for s in offered] == [
            ("tempo", "2026-11-26")]


def test_a_kind_that_matches_or_a_length_said_is_not_asked_about(world: World) -> None:
    ana = world.athlete()
    world.clock.on(FRIDAY)
    same = swaps.offer_swap(uow=world.services, athlete_id=ana, text="skipped yday's tempo")
    assert "Missed: 45 min tempo run (Thu 26 Nov)" in same.text
    sized = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="skipped yday's 40 min hills")
    assert "Missed: 40 min hill session (Thu 26 Nov)" in sized.text


def test_hills_planned_on_another_day_are_not_moved_to_the_day_said(world: World) -> None:
    plan = [{"weekday": 1, "kind": "hills", "minutes": 40},
            {"weekday": 3, "kind": "tempo", "minutes": 45},
            {"weekday": 5, "kind": "long", "minutes": 90}]
    ana = world.athlete(plan=plan)
    world.clock.on(FRIDAY)
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="skipped yday's hills")
    assert "Missed:" not in reply.text and "Which session" in reply.text
    assert {"Tue hill session, 40 min", "Thu tempo run, 45 min"} <= set(labels(reply))
    hills = next(b for row in reply.buttons for b in row if b.label.startswith("Tue"))
    chosen = swaps.choose_session(uow=world.services, athlete_id=ana,
                                  substitution_id=hills.args[0], weekday=hills.args[1])
    assert "40 min hill session (Tue 24 Nov)" in chosen.text


def test_a_kind_named_for_today_is_todays_run_moved_by_the_athlete(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 25))  # Wednesday: easy 35 in the plan
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="missed my tempo run today, only have 30 minutes")
    assert "Missed: 45 min tempo run (Wed 25 Nov)" in reply.text
