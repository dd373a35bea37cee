"""A race date corrected later in the conversation, the race named by its town or a word
for a race (found playing a runner: "wait, valencia is dec 7 not 6" changed nothing),
updates the race date and says what changed."""

from __future__ import annotations

from datetime import date

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture


@pytest.mark.parametrize(("text", "day", "shown"), [
    ("hmm no, valencia's on the 13th", date(2026, 12, 13), "Sun 13 Dec"),
    ("my bad, the marathon is really dec 13", date(2026, 12, 13), "Sun 13 Dec"),
    ("valencia is not dec 6 - it's dec 5", date(2026, 12, 5), "Sat 5 Dec"),
])
def test_the_corrected_race_date_is_stored_and_told(
    world: World, text: str, day: date, shown: str,
) -> None:
    ana = world.athlete(goal_event="valencia marathon", goal_date=date(2026, 12, 6))
    reply = say(world, ana, text)
    assert f"race date: {shown}" in reply.text
    with world.services.transaction() as session:
        athlete = repository.require_athlete(session=session, athlete_id=ana)
        assert (athlete.goal_event, athlete.goal_date) == ("valencia marathon", day)
