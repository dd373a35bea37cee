"""A missed run told with a pain in the same message: the pain is logged and triaged as
/swap does it, never lost to "which run did you miss?" (found playing a runner:
"couldnt run this morning, left knee hurts going down stairs, maybe 3/10" on a rest day
asked which session and kept nothing of the knee)."""

from __future__ import annotations

from datetime import date

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture


def test_the_pain_told_with_a_missed_run_is_logged_on_a_rest_day(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday: a rest day in the plan
    reply = say(world, ana, "didnt run today, right calf hurts on downhills, maybe 2/10")
    assert "calf" in reply.text and "2/10" in reply.text
    with world.services.transaction() as session:
        logged = repository.get_checkin(session=session, athlete_id=ana,
                                        day=date(2026, 11, 27))
    assert logged is not None and logged.status == "pain" and logged.pain == 2


def test_yesterdays_run_told_missed_with_a_pain_is_that_run_on_that_day(world: World) -> None:
    # Found playing: "couldnt do my long run yesterday, knee was 5/10", told the day after
    # the long run, asked "Mon is a rest day... which session?" (today taken for the day).
    ana = world.athlete()
    world.clock.on(date(2026, 11, 29))  # Sunday; Saturday held the long run (150 min)
    reply = say(world, ana, "ugh couldnt do my long run yesterday, knee was like 5/10 😬")
    assert "knee" in reply.text and "5/10" in reply.text
    assert "Missed: 150 min long run (Sat 28 Nov)" in reply.text, reply.text
    with world.services.transaction() as session:
        logged = repository.get_checkin(session=session, athlete_id=ana,
                                        day=date(2026, 11, 28))
    assert logged is not None and logged.pain == 5


def test_a_run_told_missed_on_a_day_that_held_another_is_asked_about(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 30))  # Monday; Sunday held a recovery run, not the long
    reply = say(world, ana, "couldnt do my long run yesterday, knee was 5/10")
    assert "knee" in reply.text and "5/10" in reply.text
    assert "not a long run" in reply.text and "Which session" in reply.text, reply.text
    assert "Missed:" not in reply.text
