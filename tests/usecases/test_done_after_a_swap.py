""""did it" told on a day a substitute was chosen is the substitute done: the swap stays
logged and the reply does not call it the planned run (found playing a runner who took
stair climbing for the easy run, then said "did it, felt ok")."""

from __future__ import annotations

from datetime import date

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture
THURSDAY = date(2026, 11, 26)


def _status(w: World, athlete_id: int) -> str | None:
    with w.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=athlete_id, day=THURSDAY)
    return None if checkin is None else checkin.status


@pytest.mark.parametrize("said", ["did it, felt ok", "done 👍 legs felt good"])
def test_done_after_a_swap_keeps_the_swap(world: World, said: str) -> None:
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.record_checkin(session=session, athlete_id=ana, day=THURSDAY,
                                  status="swapped", now=world.clock())
    reply = say(world, ana, said)
    assert "tempo run as done" not in reply.text and "cross-training" in reply.text
    assert _status(world, ana) == "swapped"


def test_done_without_a_swap_logs_the_run(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "did it, felt ok")
    assert "Nice work" in reply.text and _status(world, ana) == "done"
