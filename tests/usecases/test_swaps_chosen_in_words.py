"""An offered option chosen in words ("the bike one", "option 2") is logged as a tap would
log it; two options that need a pool are asked about; other news chooses nothing."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from sqlmodel import select

from storage import repository
from storage.models import CheckIn
from tests.usecases import support
from tests.usecases.support import World, actions, labels
from usecases import messages, swaps
from usecases.swaps import options_named

world = support.world  # the fixture

FRIDAY = date(2026, 11, 27)  # yesterday, Thursday 26 Nov, is tempo 45 in the plan
OPTIONS = [{"activity": "deep_water_running", "name": "Deep-water running", "minutes": 45},
           {"activity": "swimming", "name": "Swimming", "minutes": 50},
           {"activity": "road_cycling", "name": "Road cycling", "minutes": 55}]


@pytest.mark.parametrize(("text", "chosen"), [
    ("the bike one", [2]), ("ok swimming pls", [1]), ("I'll do the swim", [1]),
    ("deep water running 👍", [0]), ("option 2", [1]), ("the third one", [2]),
    ("#1", [0]), ("the pool one", [0, 1]),
])
def test_a_short_message_names_the_options_it_chooses(text: str, chosen: list[int]) -> None:
    assert options_named(text, OPTIONS) == chosen


@pytest.mark.parametrize("text", [
    "bike is broken", "swimming makes my shoulder ache", "option 4", "one", "2",
    "no swimming", "not the bike one",
    "i did the bike one yesterday and then went for a long walk with the dog after",
    "", "thanks",
])
def test_news_or_a_position_not_offered_chooses_nothing(text: str) -> None:
    assert options_named(text, OPTIONS) == []


def _offered(world: World, ana: int) -> list[str]:
    world.clock.on(FRIDAY)
    asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                     text="skipped yday's tempo, work"))
    with world.services.transaction() as session:
        [offer] = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
    return [str(option["name"]) for option in offer.options]


def _say(world: World, ana: int, text: str) -> swaps.Reply:
    return asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana, text=text))


def test_the_option_named_is_logged_for_the_missed_day(world: World) -> None:
    ana = world.athlete()
    names = _offered(world, ana)
    reply = _say(world, ana, f"ok the {names[1].lower()} one")
    assert reply.text.startswith(f"Logged: {names[1]}")
    assert "Thu 26 Nov" in reply.text
    with world.services.transaction() as session:
        [checkin] = session.exec(select(CheckIn)).all()
        assert (checkin.day, checkin.status) == (date(2026, 11, 26), "swapped")
    # Chosen once: the same words again choose nothing more.
    again = _say(world, ana, f"ok the {names[1].lower()} one")
    assert not again.text.startswith("Logged")


def test_a_word_two_options_share_asks_which_with_their_buttons(world: World) -> None:
    ana = world.athlete(equipment=["pool"])
    names = _offered(world, ana)
    assert {"Deep-water running", "Swimming"} <= set(names)
    reply = _say(world, ana, "the pool one")
    assert reply.text.startswith("Which one: ")
    assert set(actions(reply)) == {swaps.CHOOSE_ACTION}
    assert len(labels(reply)) == 2
    with world.services.transaction() as session:
        assert session.exec(select(CheckIn)).all() == []


def test_an_option_named_again_after_the_choice_says_what_was_logged(world: World) -> None:
    ana = world.athlete()
    names = _offered(world, ana)
    _say(world, ana, "option 2")
    for text in ("ok option 2", f"the {names[0].lower()} one"):
        again = _say(world, ana, text)
        assert again.text.startswith(f"Already logged: {names[1]} for Thu 26 Nov"), text
    assert world.answerer.asked == []  # not sent to the articles
    with world.services.transaction() as session:
        [checkin] = session.exec(select(CheckIn)).all()  # still the one choice
        assert checkin.status == "swapped"
