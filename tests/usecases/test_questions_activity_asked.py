"""An activity asked about is answered about that activity (found playing a runner: "is it
ok to play football tomorrow?" got tomorrow's plan, "can i do a spin class tomorrow
instead?" a "which run did you miss?", and a pain said with the question only the pain)."""

from __future__ import annotations

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture



# Thursday 26 Nov: tomorrow (Friday) is a rest day, Saturday the long run (150), Sunday a
# recovery run (25).
@pytest.mark.parametrize(("text", "activity", "day"), [
    ("is it alright to play tennis on saturday?", "tennis", "long run, 150 min"),
    ("can i go bouldering tomorrow?", "bouldering", "Fri 27 Nov"),
    ("ok to do a barre class on sunday??", "barre", "recovery run, 25 min"),
    ("would playing squash on sat be fine?", "squash", "long run, 150 min"),
])
def test_an_activity_the_coach_does_not_list_is_said_so_with_the_day_asked(
        world: World, text: str, activity: str, day: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert f"don't cover {activity}" in reply
    assert day in reply
    assert "Instead" not in reply and "Which session" not in reply
    assert world.answerer.asked == []


@pytest.mark.parametrize(("text", "named"), [
    ("can i hop on the rower tomorrow instead?", "Rowing"),
    ("would a swim on saturday be ok?", "Swimming"),
    ("is the elliptical fine on my rest day?", "Elliptical"),
    ("legs feel fresh. is an easy spin tomorrow ok?", "Indoor cycling"),
])
def test_an_activity_the_coach_lists_gets_its_reason_and_source(
        world: World, text: str, named: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert reply.startswith(f"{named} is fine")
    assert "Source:" in reply
    assert "Which session" not in reply and "Pick one" not in reply


@pytest.mark.parametrize(("text", "part", "named"), [
    ("calf is a bit tight today, is the rower ok?", "calf", "Rowing"),
    ("hip aches after yesterday - is it ok to swim tomorrow?", "hip", "Swimming"),
    ("my achilles is niggly, should i skip front crawl this week?", "achilles", "Swimming"),
])
def test_a_pain_said_with_the_question_is_heard_and_the_question_answered(
        world: World, text: str, part: str, named: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert reply.startswith("Thanks for telling me")
    assert part in reply and named in reply
    assert "Instead of" not in reply
    with world.services.transaction() as session:
        logged = repository.get_checkin(session=session, athlete_id=ana,
                                        day=world.clock().date())
    assert logged is not None and logged.status == "pain"


@pytest.mark.parametrize("text", [
    "my knee hurts 4/10, is plyometrics ok tomorrow?",
    "shin is sore, can i do jump training on saturday?",
    "knee is sore, can i do some stair climbing tomorrow?",
])
def test_an_activity_that_loads_the_pain_is_not_for_now(world: World, text: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert "Not right now" in reply


@pytest.mark.parametrize("text", [
    "chest pain when i swim, is cycling ok instead?",
    "i fainted on my run, can i go for a swim tomorrow?",
])
def test_a_red_flag_is_triaged_first(world: World, text: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert "is fine" not in reply and "don't cover" not in reply


@pytest.mark.parametrize("text", [
    "can i swim instead of my tempo today?",
    "what about swimming?",
    "swimming or cycling tomorrow?",
    "can i run tomorrow?",
])
def test_other_questions_naming_an_activity_go_their_own_ways(world: World,
                                                              text: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert "is fine:" not in reply and "don't cover" not in reply


@pytest.mark.parametrize("text", [
    "can i do my long run on the bike?",
    "got a cold, is swimming ok tomorrow?",
    "in a hotel till friday, can i use the gym there?",
])
def test_a_run_named_an_illness_or_a_trip_go_their_own_ways(world: World, text: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert "is fine:" not in reply and "should be fine" not in reply


@pytest.mark.parametrize(("text", "named"), [
    ("knee is sore after the rower this morning, should i skip rowing tomorrow?", "rowing"),
    ("hip is sore since my spin class, 4/10. is spinning ok on saturday?", "indoor cycling"),
    ("shoulder hurts from swimming yesterday, can i swim again tomorrow?", "swimming"),
])
def test_the_activity_the_pain_is_put_down_to_is_not_for_now(world: World, text: str,
                                                            named: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert reply.startswith("Thanks for telling me")
    assert f"hurt after {named}" in reply and "Better not" in reply


def test_an_activity_the_list_rules_out_for_the_pain_says_so_plainly(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "my shoulder is sore, is a swim ok tomorrow?").text
    assert "Not right now" in reply and "none impact" not in reply
