"""A plain yes right after "I'd go with 1." takes that option (found playing: "ok" after
the recommendation only said "tap the option you'll do"); after anything else an "ok"
stays an acknowledgment, and a "no" or a question takes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from storage import repository
from storage.models import CheckIn
from tests.usecases import support
from tests.usecases.support import World, say
from usecases import swaps

world = support.world  # the fixture

FRIDAY = date(2026, 11, 27)  # yesterday, Thursday 26 Nov, is tempo 45 in the plan


def _recommended(world: World, ana: int) -> str:
    """Options for yesterday's tempo, then "what should i do?": option 1's name."""
    world.clock.on(FRIDAY)
    say(world, ana, "skipped yday's tempo, work")
    picked = say(world, ana, "what should i do?")
    assert picked.text.startswith("I'd go with 1.")
    with world.services.transaction() as session:
        [offer] = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
        return str(offer.options[0]["name"])


def _logged(world: World, ana: int) -> list[tuple[date, str]]:
    with world.services.transaction() as session:
        return [(row.day, row.status) for row in session.exec(select(CheckIn))]


@pytest.mark.parametrize("text", [
    "ok", "sounds good", "yep that one", "👍", "sure, let's do that", "cool will do",
    "alright that one then", "yes",
])
def test_a_plain_yes_right_after_the_recommendation_logs_it(world: World, text: str) -> None:
    ana = world.athlete()
    first = _recommended(world, ana)
    reply = say(world, ana, text)
    assert reply.text.startswith(f"Logged: {first}") and "Thu 26 Nov" in reply.text
    assert _logged(world, ana) == [(date(2026, 11, 26), "swapped")]


@pytest.mark.parametrize("text", ["nope", "no thanks", "ok but is swimming ok for my knee?",
                                  "hmm not sure"])
def test_a_no_or_a_question_after_the_recommendation_takes_nothing(world: World,
                                                                   text: str) -> None:
    ana = world.athlete()
    _recommended(world, ana)
    say(world, ana, text)
    assert _logged(world, ana) == []


def test_an_ok_after_another_message_stays_an_acknowledgment(world: World) -> None:
    ana = world.athlete()
    _recommended(world, ana)
    say(world, ana, "thanks!")
    reply = say(world, ana, "ok")
    assert not reply.text.startswith("Logged") and _logged(world, ana) == []
    # The offer is still open: a tap or "the first one" still logs it.
    assert say(world, ana, "the first one").text.startswith("Logged:")


def test_an_ok_with_no_recommendation_stays_an_acknowledgment(world: World) -> None:
    ana = world.athlete()
    world.clock.on(FRIDAY)
    say(world, ana, "skipped yday's tempo, work")
    assert not say(world, ana, "ok").text.startswith("Logged")
    assert _logged(world, ana) == []


@pytest.mark.parametrize("text", ["that one", "let's do it", "go for it 💪", "ok!!"])
def test_what_takes_the_pick(text: str) -> None:
    assert swaps.takes_the_pick(text)


@pytest.mark.parametrize("text", ["that one is too long", "not that one", "ok?",
                                  "ok but the pool is shut", "nah"])
def test_what_does_not_take_the_pick(text: str) -> None:
    assert not swaps.takes_the_pick(text)
