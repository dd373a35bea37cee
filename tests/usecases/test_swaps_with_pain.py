"""A swap asked for with something hurting: the niggle is triaged and logged, the run
said keeps its minutes, and nothing offered is longer than the run it replaces."""

from __future__ import annotations

import asyncio
import re
from datetime import date

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say
from usecases import messages, swaps
from usecases.replies import Reply

world = support.world  # the fixture
SATURDAY = date(2026, 11, 28)  # the plan's long run: 150 min



def offered_minutes(reply: Reply) -> list[int]:
    return [int(m) for m in re.findall(r"^\d\. [^:]+: (\d+) min", reply.text, re.M)]


def test_hip_pain_on_a_long_run_day_is_sized_down_and_says_why(world: World) -> None:
    ana = world.athlete()
    world.clock.on(SATURDAY)
    reply = say(world, ana, "hip pain 4/10 today")
    assert "150 min long run (Sat 28 Nov)" in reply.text
    minutes = offered_minutes(reply)
    assert minutes and max(minutes) <= 60
    assert "Nothing longer than the run it replaces" in reply.text
    assert len(reply.text) <= swaps.SCREEN_CHARS


def test_swap_with_a_niggle_keeps_the_minutes_said_and_logs_the_niggle(world: World) -> None:
    ana = world.athlete()
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="easy 45, achilles a bit niggly")
    assert "45 min easy run (Thu 26 Nov)" in reply.text
    assert "35 min" not in reply.text  # not Wednesday's easy run from the plan
    assert offered_minutes(reply) and max(offered_minutes(reply)) <= 45
    assert "stop if the pain rises or turns sharp." in reply.text
    with world.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=ana,
                                         day=date(2026, 11, 26))
        [offered] = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
    assert checkin is not None and checkin.status == "pain" and "achilles" in (
        checkin.reason or "")
    assert offered.missed["minutes"] == 45 and offered.missed["kind"] == "easy"


def test_the_same_words_typed_keep_the_minutes_too(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "easy 45, achilles a bit niggly")
    assert "45 min easy run (Thu 26 Nov)" in reply.text
    assert "tempo" not in reply.text  # not today's planned tempo
    assert max(offered_minutes(reply)) <= 45


def test_a_swap_with_no_pain_goes_on_as_before(world: World) -> None:
    ana = world.athlete()
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="easy 45, raining")
    assert "45 min easy run" in reply.text
    with world.services.transaction() as session:
        assert repository.get_checkin(session=session, athlete_id=ana,
                                      day=date(2026, 11, 26)) is None


def test_a_swap_with_only_a_niggle_and_no_plan_asks_which_run(world: World) -> None:
    ana = world.athlete(plan=None)
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="calf a bit sore")
    assert reply.text.startswith("Thanks for telling me: calf.")
    assert "Which run did you miss" in reply.text


def test_a_swap_with_a_niggle_on_a_day_already_swapped_still_offers(world: World) -> None:
    ana = world.athlete()
    first = swaps.offer_swap(uow=world.services, athlete_id=ana, text="40 min tempo, no time")
    with world.services.transaction() as session:
        [offered] = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
    swaps.choose_option(uow=world.services, athlete_id=ana, substitution_id=str(offered.id),
                        choice="1")
    assert "Tap the one" in first.text
    again = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="30 min easy run, sore calf")
    assert "Tap the one" in again.text and "30 min easy run" in again.text


def test_a_plain_swap_right_after_a_pain_report_keeps_the_impact_low(world: World) -> None:
    ana = world.athlete(equipment=[])  # home only: running and step-ups are near the top
    world.clock.on(date(2026, 11, 28))  # Saturday: the long run
    asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                     text="knee 😬 like 4"))
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
    assert not any(name in reply.text for name in ("zone-2 run", "Step-ups", "Plyometrics"))


def test_a_pain_report_fits_a_screen_with_the_options_first(world: World) -> None:
    # Walt: a calf strain behind him, the long run today, the calf sore after stairs.
    walt = world.athlete(equipment=["rower", "pool", "stairs"], injuries=["right calf strain"],
                         likes=["swimming", "walking"])
    world.clock.on(SATURDAY)
    reply = say(world, walt, "The calf is a bit sore again after the stairs at the hotel, "
                             "perhaps 3 out of 10.")
    text = reply.text
    labels = sum(len(button.label) for row in reply.buttons for button in row)
    assert len(text) + labels <= swaps.PAIN_SCREEN_CHARS  # as the phone shows it
    assert text.startswith("Thanks for telling me: calf, 3/10.")
    minutes = offered_minutes(reply)
    assert len(minutes) == 3 and all(0 < m <= 60 for m in minutes)
    caution = next(part for part in text.split("\n\n") if "stop if the pain" in part)
    assert "\n" not in caution  # one line
    assert "No stairs, hills or steppers" in caution
    assert text.index("Pick one:") < text.index(caution)  # the answer first
    assert len(reply.buttons) == 4  # every option keeps its button, and Details


def test_a_plain_swap_after_a_pain_report_is_no_longer_than_the_run(world: World) -> None:
    # Zoe: "knee 😬 like 4", then /swap: the long run's cap holds as if said in /swap.
    zoe = world.athlete(equipment=[], plan=[{"weekday": 5, "kind": "long", "minutes": 60}])
    world.clock.on(SATURDAY)
    said = say(world, zoe, "knee 😬 like 4")
    reply = swaps.offer_swap(uow=world.services, athlete_id=zoe, text="")
    minutes = offered_minutes(reply)
    assert minutes and all(m <= 60 for m in minutes)
    assert "90 min" not in reply.text
    assert offered_minutes(said) == minutes[:len(offered_minutes(said))]  # the same sizes
    assert "Nothing longer than the run it replaces" in reply.text
