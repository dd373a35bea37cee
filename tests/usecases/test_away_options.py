"""Away in a hotel: options for the next planned run from what a hotel has."""

from __future__ import annotations

from datetime import date

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, labels, say
from usecases import swaps

world = support.world  # the fixture
HOTEL_MACHINES = ("Rowing", "Elliptical", "Swimming", "Deep-water", "Stair climber")



def test_what_can_i_do_in_a_hotel_fits_todays_run_to_a_hotel(world: World) -> None:
    ana = world.athlete(equipment=["pool", "bike", "gym", "rower"])
    reply = say(world, ana, "what can i do in a hotel")
    assert reply.text.startswith("Instead of: 45 min tempo run (Thu 26 Nov).")
    assert "Pick one:" in reply.text and "Instead, pick one" not in reply.text
    assert "Fitted to a hotel: a treadmill, an exercise bike and your room." in reply.text
    assert not any(machine in label for label in labels(reply) for machine in HOTEL_MACHINES)
    assert world.answerer.asked == []  # answered from the plan, not the articles
    assert len(reply.text) <= swaps.SCREEN_CHARS


def test_only_a_hotel_gym_on_a_rest_day_fits_the_next_run(world: World) -> None:
    ana = world.athlete(equipment=["pool", "bike", "gym"])
    world.clock.on(date(2026, 11, 27))  # Friday: rest
    reply = say(world, ana, "travelling, only a hotel gym")
    assert reply.text.startswith("Instead of: 150 min long run (Sat 28 Nov).")
    assert not any(machine in label for label in labels(reply) for machine in HOTEL_MACHINES)


def test_a_hotel_pool_said_is_offered(world: World) -> None:
    ana = world.athlete(equipment=["gym"])
    reply = say(world, ana, "travelling for work, hotel has a pool")
    assert any("Deep-water" in label or "Swimming" in label for label in labels(reply))
    assert "Tell me if it has a pool" not in reply.text


def test_a_hotel_question_after_the_run_is_done_fits_the_next_one(world: World) -> None:
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.record_checkin(session=session, athlete_id=ana, day=date(2026, 11, 26),
                                  status="done", now=world.clock())
    reply = say(world, ana, "what can i do in a hotel?")
    assert reply.text.startswith("Instead of: 150 min long run (Sat 28 Nov).")


def test_a_hotel_told_of_shapes_the_swaps_of_the_next_days(world: World) -> None:
    ana = world.athlete(equipment=["bike", "gym", "rower"])
    say(world, ana, "travelling all week, only a hotel gym")
    say(world, ana, "hotel has a pool actually")
    world.clock.on(date(2026, 11, 27), hour=18)
    missed = say(world, ana, "missed my run yesterday, flight delayed")
    assert "45 min tempo run (Thu 26 Nov)" in missed.text
    assert any("Deep-water" in label or "Swimming" in label for label in labels(missed))
    assert not any("Rowing" in label for label in labels(missed))
    hurt = say(world, ana, "achilles is a bit tight after the treadmill, 3/10")
    assert not any("Rowing" in label or "Road cycling" in label for label in labels(hurt))


def test_back_home_the_hotel_is_forgotten(world: World) -> None:
    ana = world.athlete(equipment=["bike", "gym", "rower"])
    say(world, ana, "what can i do in a hotel")
    back = say(world, ana, "back home now, missed my run yesterday, flight delayed")
    assert "Fitted to a hotel" not in back.text


def test_a_stay_until_a_day_gone_by_is_over(world: World) -> None:
    ana = world.athlete(equipment=["pool", "bike", "gym"])
    world.clock.on(date(2026, 11, 24))  # Tuesday
    say(world, ana, "in a hotel until wednesday, what can i do instead of the intervals?")
    world.clock.on(date(2026, 11, 26))  # Thursday: the stay ended yesterday
    reply = say(world, ana, "missed my run today, work ran late")
    assert "Fitted to a hotel" not in reply.text


def test_at_home_today_is_no_hotel_told_of_lately(world: World) -> None:
    ana = world.athlete(equipment=["pool", "bike", "gym"])
    say(world, ana, "travelling all week, only a hotel gym")
    reply = say(world, ana, "can't run today, what can i do at home instead?")
    assert "Fitted to a hotel" not in reply.text


def test_a_hotel_message_after_which_run_is_news_not_the_answer(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday: rest
    asked = say(world, ana, "missed my run today")
    assert "rest day" in asked.text
    reply = say(world, ana, "i'm in a hotel until sunday, what could i do instead of the "
                            "long run?")
    assert "rest day" not in reply.text
    assert "150 min long run" in reply.text
    assert "Fitted to a hotel" in reply.text  # read with its own reason, the hotel
