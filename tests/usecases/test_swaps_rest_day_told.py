"""A run missed on a rest day the athlete told ("last tuesday", "the 17th"): the session
then tapped (or named) for "which session did you miss?" is logged on the day told, not
on that weekday's latest date (found playing: "couldnt run on the 17th" then the Wed
tempo button logged Wed 11 Nov). With no day told, the tapped weekday's latest date."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases import support
from tests.usecases.support import World, say
from usecases import swaps
from usecases.replies import Reply

world = support.world  # the fixture

SUNDAY = date(2026, 11, 29)
# Tuesdays, Thursdays, Fridays and Sundays rest.
PLAN = [{"weekday": 0, "kind": "easy", "minutes": 30},
        {"weekday": 2, "kind": "tempo", "minutes": 45},
        {"weekday": 5, "kind": "long", "minutes": 90}]


def _press(world: World, ana: int, reply: Reply, weekday_label: str) -> Reply:
    button = next(b for row in reply.buttons for b in row if b.label.startswith(weekday_label))
    return swaps.choose_session(uow=world.services, athlete_id=ana,
                                substitution_id=button.args[0], weekday=button.args[1])


@pytest.mark.parametrize(("text", "told"), [
    ("missed my run last tuesday", "Tue 24 Nov"),
    ("couldnt run on the 17th, work", "Tue 17 Nov"),
    ("no run on nov 20, i was sick", "Fri 20 Nov"),
    ("skipped thursday's run", "Thu 26 Nov"),
])
def test_the_session_tapped_for_a_rest_day_told_is_logged_on_that_day(
        world: World, text: str, told: str) -> None:
    ana = world.athlete(plan=PLAN)
    world.clock.on(SUNDAY)
    asked = say(world, ana, text)
    assert f"{told} is a rest day" in asked.text
    chosen = _press(world, ana, asked, "Wed")
    assert f"Missed: 45 min tempo run ({told})" in chosen.text


@pytest.mark.parametrize("answer", ["the tempo", "it was the 45 min one", "my easy run"])
def test_the_session_named_for_a_rest_day_told_is_logged_on_that_day(
        world: World, answer: str) -> None:
    ana = world.athlete(plan=PLAN)
    world.clock.on(SUNDAY)
    say(world, ana, "couldnt run on the 17th, work")
    assert "(Tue 17 Nov)" in say(world, ana, answer).text


def test_a_day_named_in_the_answer_is_the_athletes_own(world: World) -> None:
    ana = world.athlete(plan=PLAN)
    world.clock.on(SUNDAY)
    say(world, ana, "couldnt run on the 17th, work")
    reply = say(world, ana, "wednesday's tempo").text
    assert "tempo run (Wed " in reply and "Tue 17 Nov" not in reply


def test_with_no_day_told_the_tapped_weekdays_latest_date(world: World) -> None:
    ana = world.athlete(plan=PLAN)
    world.clock.on(SUNDAY)  # a rest day, and no day told
    asked = say(world, ana, "I missed my run")
    assert "Missed: 30 min easy run (Mon 23 Nov)" in _press(world, ana, asked, "Mon").text
