"""Another activity asked for just after swap options ("what about spin class
instead?") is about the substitute for that run, not a question for the articles (found
playing a runner: it got a paragraph about choosing activities)."""

from __future__ import annotations

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture

MISSED = "couldn't do my tempo today, meeting ran over"


def test_an_activity_already_offered_is_pointed_to_and_ok_takes_it(world: World) -> None:
    ana = world.athlete()  # pool, bike, gym: the bike is offered
    say(world, ana, MISSED)
    reply = say(world, ana, "hmm how about a turbo session instead?")
    assert "option 2" in reply.text and "cycling" in reply.text
    assert len(reply.buttons) == 1
    logged = say(world, ana, "ok")
    assert "Logged" in logged.text and "cycling" in logged.text


def test_an_activity_that_fits_but_was_not_offered_is_sized_with_its_button(
        world: World) -> None:
    ana = world.athlete()
    offer = say(world, ana, MISSED)
    assert "Swimming" not in offer.text
    reply = say(world, ana, "could I swim instead?")
    assert reply.text.startswith("Swimming works too") and " min" in reply.text
    assert "tempo" in reply.text and len(reply.buttons) == 1
    with world.services.transaction() as session:
        latest = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
        assert [o["activity"] for o in latest[0].options] == ["swimming"]


def test_an_activity_lacking_its_equipment_is_said_not_to_fit_and_why(world: World) -> None:
    bo = world.athlete(equipment=["home"])
    say(world, bo, MISSED)
    reply = say(world, bo, "what about swimming?")
    assert "doesn't fit" in reply.text and "pool" in reply.text
    assert "articles" not in reply.text and not reply.buttons


def test_an_activity_the_catalogue_lacks_is_said_to_be_out_of_reach(world: World) -> None:
    ana = world.athlete()
    say(world, ana, MISSED)
    reply = say(world, ana, "could i do yoga instead?")
    assert reply.text.startswith("Yoga isn't on your coach's activity list")


def test_a_question_about_doing_an_activity_well_still_goes_to_the_articles(
        world: World) -> None:
    # Found playing a runner: "how do i do strength training without ..." just after
    # options was offered lower-body strength as the substitute.
    ana = world.athlete()
    say(world, ana, MISSED)
    reply = say(world, ana, "how should i fit in core work without my legs being wrecked "
                            "for the next run?")
    assert "works too" not in reply.text and "option" not in reply.text
    assert world.answerer.asked  # the articles were asked
