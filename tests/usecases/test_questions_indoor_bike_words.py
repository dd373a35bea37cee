"""The words runners use for an indoor bike ("spin bike", "wattbike", "turbo") name
indoor cycling, and a plain "bike" is the bike the athlete has (found playing: "is that ok
to do on the spin bike?" was answered as road cycling for an athlete with only an indoor
bike)."""

from __future__ import annotations

import pytest

from tests.usecases import support
from tests.usecases.support import World, say
from usecases import questions

world = support.world  # the fixture


@pytest.mark.parametrize("text", [
    "is that ok to do on the spin bike?", "can i hop on the wattbike tomorrow?",
    "ok to do a session on the turbo trainer on my rest day?",
    "would the exercise bike be ok?", "is my smart trainer fine tomorrow?",
])
def test_indoor_bike_words_are_indoor_cycling(world: World, text: str) -> None:
    ana = world.athlete(equipment=["indoor_bike"])
    reply = say(world, ana, text).text
    assert reply.startswith("Indoor cycling"), reply


@pytest.mark.parametrize(("equipment", "name"), [
    (("indoor_bike",), "Indoor cycling"), (("bike",), "Road cycling"),
])
def test_a_plain_bike_is_the_one_the_athlete_has(
        world: World, equipment: tuple[str, ...], name: str) -> None:
    ana = world.athlete(equipment=list(equipment))
    reply = say(world, ana, "is a ride on my bike ok tomorrow?").text
    assert reply.startswith(name), reply


@pytest.mark.parametrize(("text", "activity_id"), [
    ("spin bike?", "indoor_cycling"), ("what about the watt bike", "indoor_cycling"),
    ("could i use the kickr?", "indoor_cycling"), ("road bike?", "road_cycling"),
    ("mountain bike?", "mountain_biking"),
])
def test_the_longest_name_said_picks_the_activity(text: str, activity_id: str) -> None:
    asked = questions.asked_activity(text)
    assert not isinstance(asked, str) and asked is not None and asked.id == activity_id
