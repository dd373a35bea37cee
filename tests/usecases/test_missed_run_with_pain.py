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
