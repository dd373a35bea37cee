"""A red flag starts a hold; during it no workout anywhere; /cleared ends it. The hold
lives in the database: it survives a restart and every worker sees it."""

from __future__ import annotations

import asyncio
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from storage import repository
from storage.models import Athlete, Substitution
from tests.usecases import support
from tests.usecases.support import Clock, RecordingAnswerer, World, actions, make_services, say
from usecases import checkins, questions, safety, swaps
from usecases.replies import Reply

world = support.world  # the fixture

RED_FLAG = "had to stop, chest pressure and my left arm went numb"
WORKOUT = re.compile(r"\b\d+\s*min\b|\bzone \d|\bRPE\b", re.IGNORECASE)
WORKOUT_ACTIONS = {swaps.CHOOSE_ACTION, swaps.DETAILS_ACTION, swaps.SESSION_ACTION,
                   checkins.REASON_ACTION}



def assert_no_workout(reply: Reply) -> None:
    assert not WORKOUT.search(reply.text), reply.text
    assert not set(actions(reply)) & WORKOUT_ACTIONS, reply.buttons


def hold_of(w: World, athlete_id: int) -> tuple[object, str | None]:
    with w.services.transaction() as session:
        athlete = session.get(Athlete, athlete_id)
        assert athlete is not None
        return athlete.hold_since, athlete.hold_reason


def test_a_red_flag_starts_a_hold_with_its_reason_only_with_consent(world: World) -> None:
    with_consent = world.athlete(telegram_id=1, consent=True)
    without = world.athlete(telegram_id=2, consent=False)
    for athlete_id in (with_consent, without):
        reply = say(world, athlete_id, RED_FLAG)
        assert "doctor" in reply.text and "/cleared" in reply.text
        assert actions(reply) == [safety.HOLD_ACTION]
        assert_no_workout(reply)
    assert hold_of(world, with_consent) == (support.THURSDAY, RED_FLAG)
    assert hold_of(world, without) == (support.THURSDAY, None)  # as strict, no detail kept


def test_during_a_hold_no_path_suggests_a_workout(world: World) -> None:
    ana = world.athlete()
    say(world, ana, RED_FLAG)
    world.clock.now = world.clock.now.replace(minute=1)
    replies = [
        swaps.offer_swap(uow=world.services, athlete_id=ana, text="40 min tempo"),
        swaps.offer_swap(uow=world.services, athlete_id=ana, text=""),
        say(world, ana, "missed my long run, what can I do instead"),
        say(world, ana, "my knee hurts a bit"),
        say(world, ana, "what should I do tomorrow?"),
        say(world, ana, "should I make up my long run?"),
        checkins.checkin_now(uow=world.services, athlete_id=ana),
        checkins.record_status(uow=world.services, athlete_id=ana, stamp="2026-11-26",
                               status="missed"),
        say(world, ana, "no time"),
    ]
    for reply in replies:
        assert_no_workout(reply)
        assert "/cleared" in reply.text or "cleared" in reply.text
    with world.services.transaction() as session:
        assert not any(s.options for s in session.exec(select(Substitution)))


def test_cleared_ends_the_hold_and_suggestions_come_back(world: World) -> None:
    ana = world.athlete()
    say(world, ana, RED_FLAG)
    cleared = safety.clear_hold(uow=world.services, athlete_id=ana)
    assert "back on" in cleared.text
    assert hold_of(world, ana) == (None, None)
    offer = swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
    assert swaps.CHOOSE_ACTION in actions(offer)
    again = safety.clear_hold(uow=world.services, athlete_id=ana)
    assert "no safety pause" in again.text


def test_the_hold_survives_a_restart(world: World) -> None:
    ana = world.athlete(consent=False)
    say(world, ana, RED_FLAG)
    restarted = world.restarted()
    reply = swaps.offer_swap(uow=restarted.services, athlete_id=ana, text="40 min easy")
    assert_no_workout(reply)
    assert actions(reply) == [safety.HOLD_ACTION]
    restarted.services.database.close()


def test_two_workers_on_one_postgresql_database_share_the_hold(
    pg_url: str, isolated_environment: object,
) -> None:
    from pathlib import Path

    data = Path(str(isolated_environment))
    clock, answerer = Clock(), RecordingAnswerer()
    first = make_services(pg_url, clock, answerer, data)
    second = make_services(pg_url, clock, answerer, data)
    try:
        w1 = World(first, clock, answerer, pg_url, data)
        w2 = World(second, clock, answerer, pg_url, data)
        ana = w1.athlete()
        flagged = say(w1, ana, RED_FLAG)
        assert actions(flagged) == [safety.HOLD_ACTION]
        on_other = swaps.offer_swap(uow=second, athlete_id=ana, text="tempo 40 min")
        assert_no_workout(on_other)
        assert_no_workout(checkins.checkin_now(uow=second, athlete_id=ana))
        safety.clear_hold(uow=second, athlete_id=ana)
        back = swaps.offer_swap(uow=first, athlete_id=ana, text="tempo 40 min")
        assert swaps.CHOOSE_ACTION in actions(back)
        del w2
    finally:
        first.database.close()
        second.database.close()


HOLD_TEXTS = st.sampled_from([
    "missed my run", "I missed yesterday's long run 😩", "cant run today, knee 5/10",
    "what should I do tomorrow?", "what's my week look like?", "/swap", "tempo 40 min",
    "should I make up tuesday's intervals?", "rain, only 30 minutes", "skipped my tempo lol",
    "legs sore, want something fun", "how long is my long run?",
])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(HOLD_TEXTS, min_size=1, max_size=4),
       day=st.dates(min_value=date(2026, 11, 26), max_value=date(2026, 12, 20)))
def test_property_during_a_hold_no_reply_contains_a_workout(
    world: World, texts: list[str], day: date,
) -> None:
    with world.services.transaction() as session:
        existing = repository.get_athlete_by_telegram_id(session=session, telegram_user_id=1)
    ana = existing.id if existing is not None and existing.id is not None else world.athlete()
    say(world, ana, RED_FLAG)
    world.clock.on(day)
    for text in texts:
        if text == "/swap":
            reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
        else:
            reply = say(world, ana, text)
        assert_no_workout(reply)
    assert_no_workout(checkins.checkin_now(uow=world.services, athlete_id=ana))
    assert_no_workout(checkins.record_status(uow=world.services, athlete_id=ana,
                                             stamp=day.isoformat(), status="missed"))


@pytest.mark.parametrize("text", ["should I do plyometrics?", "is swimming ok for me?"])
def test_a_question_during_a_hold_gets_no_go_ahead(world: World, text: str) -> None:
    ana = world.athlete()
    say(world, ana, RED_FLAG)
    reply = asyncio.run(questions.answer_question(ports=world.services, athlete_id=ana,
                                                  text=text))
    assert "safety pause" in reply.text


@pytest.mark.parametrize("text", ["ok but can i still do saturday long run?",
                                  "so should i run tomorrow?",
                                  "can i do my long run this weekend?",
                                  "im fine now tho, just asking if i can run tmrw",
                                  "wondering whether i could do my long run sat"])
def test_asking_leave_to_run_during_a_hold_is_told_not_yet(world: World, text: str) -> None:
    # Not "the articles don't cover that": a run asked about on a pause is a clear no.
    ana = world.athlete()
    say(world, ana, RED_FLAG)
    reply = say(world, ana, text)
    assert "safety pause" in reply.text and "Not now" in reply.text, reply.text
    assert "don't cover" not in reply.text
    assert_no_workout(reply)


BONE_STRESS = "deep ache in my shin now, it hurts when i hop and it throbs at night"


def _offer_then_flag(world: World, flag: str, equipment: tuple[str, ...] = ("pool", "bike")
                     ) -> tuple[int, list[dict[str, object]]]:
    """Options offered for a missed run, then a red flag: the athlete on a hold."""
    ana = world.athlete(equipment=list(equipment))
    say(world, ana, "missed my intervals on tuesday, work ran late")
    with world.services.transaction() as session:
        [offer] = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
    assert offer.options
    say(world, ana, flag)
    return ana, list(offer.options)


def _impact(option: dict[str, object]) -> int:
    from coach.catalogue import load_catalogue
    return load_catalogue().get(str(option["activity"])).impact_level


def test_a_non_impact_option_chosen_on_a_non_impact_hold_is_logged_with_its_caution(
        world: World) -> None:
    ana, options = _offer_then_flag(world, BONE_STRESS)
    with world.services.transaction() as session:
        athlete = session.get(Athlete, ana)
        assert athlete is not None and athlete.hold_allows == "non_impact"
    gentle = next(i for i, option in enumerate(options, 1) if _impact(option) == 0)
    reply = swaps.choose_option(uow=world.services, athlete_id=ana,
                                substitution_id=str(_latest_id(world, ana)), choice=str(gentle))
    assert reply.text.startswith(f"Logged: {options[gentle - 1]['name']}")
    assert "stop if it does" in reply.text


def test_an_impact_option_on_a_non_impact_hold_gets_the_reminder(world: World) -> None:
    ana, options = _offer_then_flag(world, BONE_STRESS, equipment=("stairs",))
    jarring = [i for i, option in enumerate(options, 1) if _impact(option) > 0]
    assert jarring, options
    for index in jarring:
        reply = swaps.choose_option(uow=world.services, athlete_id=ana,
                                    substitution_id=str(_latest_id(world, ana)), choice=str(index))
        assert "Logged" not in reply.text and "cleared" in reply.text


def test_a_stricter_flag_during_a_hold_allows_nothing_any_more(world: World) -> None:
    ana, options = _offer_then_flag(world, BONE_STRESS)
    say(world, ana, RED_FLAG)  # chest pressure: nothing at all
    with world.services.transaction() as session:
        athlete = session.get(Athlete, ana)
        assert athlete is not None and athlete.hold_allows == "nothing"
    for index in range(1, len(options) + 1):
        reply = swaps.choose_option(uow=world.services, athlete_id=ana,
                                    substitution_id=str(_latest_id(world, ana)), choice=str(index))
        assert "Logged" not in reply.text
    # A milder flag after it does not loosen the hold.
    say(world, ana, BONE_STRESS)
    with world.services.transaction() as session:
        athlete = session.get(Athlete, ana)
        assert athlete is not None and athlete.hold_allows == "nothing"


def test_clearing_forgets_what_the_hold_allowed(world: World) -> None:
    ana, _ = _offer_then_flag(world, BONE_STRESS)
    safety.clear_hold(uow=world.services, athlete_id=ana)
    with world.services.transaction() as session:
        athlete = session.get(Athlete, ana)
        assert athlete is not None and athlete.hold_allows is None


def _latest_id(world: World, ana: int) -> int:
    with world.services.transaction() as session:
        [offer] = repository.list_substitutions(session=session, athlete_id=ana, limit=1)
    assert offer.id is not None
    return offer.id


@pytest.mark.parametrize(("text", "fine"), [("is swimming ok for me?", True),
                                            ("should i do deep water running?", True),
                                            ("what about the elliptical?", False),
                                            ("should I do plyometrics?", False)])
def test_an_activity_asked_about_on_a_non_impact_hold(world: World, text: str,
                                                      fine: bool) -> None:
    ana = world.athlete()
    say(world, ana, BONE_STRESS)
    reply = say(world, ana, text)
    assert ("non-impact, so it's fine" in reply.text) is fine, reply.text
    assert "safety pause" in reply.text or fine, reply.text
    assert "No running" in reply.text or not fine


@pytest.mark.parametrize(("text", "fine"), [("swimming then?", True),
                                            ("what about aqua jogging?", True),
                                            ("the elliptical instead?", False)])
def test_a_short_question_naming_an_activity_on_a_pause_is_answered_for_the_pause(
        world: World, text: str, fine: bool) -> None:
    ana = world.athlete()
    say(world, ana, BONE_STRESS)
    reply = say(world, ana, text)
    assert ("non-impact, so it's fine" in reply.text) is fine, reply.text
    assert "Not now" in reply.text or fine, reply.text
    assert world.answerer.asked == []  # not sent to the articles
