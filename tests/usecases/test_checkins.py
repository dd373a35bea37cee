"""Check-ins: the prompt, the answers, the reason and the pain, kept in the database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from coach.language import PainReading
from storage import repository
from storage.models import CheckIn, Substitution
from tests.usecases import support
from tests.usecases.support import World, actions, say
from usecases import checkins, swaps
from usecases.snapshot import AthleteSnapshot, DayRecord

world = support.world  # the fixture
THURSDAY = date(2026, 11, 26)



def checkin_on(w: World, athlete_id: int, day: date) -> CheckIn | None:
    with w.services.transaction() as session:
        return repository.get_checkin(session=session, athlete_id=athlete_id, day=day)


def test_checkin_now_sends_todays_plan_with_buttons_and_records_it_pending(
    world: World,
) -> None:
    ana = world.athlete()
    reply = checkins.checkin_now(uow=world.services, athlete_id=ana)
    assert "Today's plan: tempo run, 45 min" in reply.text
    assert actions(reply) == [checkins.STATUS_ACTION] * 4
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None and checkin.status == "pending"
    world.clock.on(date(2026, 11, 27))  # Friday: rest
    rest = checkins.checkin_now(uow=world.services, athlete_id=ana)
    assert "rest day" in rest.text and not rest.buttons


def test_missed_then_a_typed_reason_survives_a_restart_and_offers_options(
    world: World,
) -> None:
    ana = world.athlete()
    asked = checkins.record_status(uow=world.services, athlete_id=ana,
                                   stamp=THURSDAY.isoformat(), status="missed")
    assert "What got in the way?" in asked.text
    assert set(actions(asked)) == {checkins.REASON_ACTION} and asked.remove_buttons
    restarted = world.restarted()
    reply = say(restarted, ana, "stuck at work till 8, only had 25 min")
    assert "45 min tempo run (Thu 26 Nov)" in reply.text
    assert swaps.CHOOSE_ACTION in actions(reply)
    with restarted.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
        checkin = repository.get_checkin(session=session, athlete_id=ana, day=THURSDAY)
    assert checkin is not None and substitution.checkin_id == checkin.id
    assert checkin.reason == "stuck at work till 8, only had 25 min"
    assert all(option["minutes"] <= 25 for option in substitution.options)
    # Answered: the next message is not taken as a reason again.
    after = say(restarted, ana, "thanks!")
    assert "welcome" in after.text
    restarted.services.database.close()


def test_a_late_answer_for_yesterday_is_logged_on_yesterday(world: World) -> None:
    ana = world.athlete()
    checkins.record_status(uow=world.services, athlete_id=ana, stamp="2026-11-25",
                           status="missed")
    reply = checkins.record_reason(uow=world.services, athlete_id=ana, stamp="2026-11-25",
                                   code="weather")
    assert "35 min easy run (Wed 25 Nov)" in reply.text
    stale = checkins.record_status(uow=world.services, athlete_id=ana, stamp="2026-11-20",
                                   status="done")
    assert stale.alert and not stale.text
    assert checkin_on(world, ana, date(2026, 11, 20)) is None


def test_the_pain_answer_is_read_stored_with_consent_and_answered_about_the_pain(
    world: World,
) -> None:
    ana = world.athlete(consent=True)
    asked = checkins.record_status(uow=world.services, athlete_id=ana,
                                   stamp=THURSDAY.isoformat(), status="pain")
    assert "Where does it hurt" in asked.text
    reply = say(world, ana, "left knee, 6/10, worse on stairs")
    assert reply.text.startswith("Thanks for telling me: left knee, 6/10.")
    assert "stop" in reply.text and "Missed:" in reply.text
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None
    assert (checkin.status, checkin.pain, checkin.reason) == (
        "pain", 6, "left knee, 6/10, worse on stairs")
    with world.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
    assert all(option["impact"] in ("none", "low") for option in substitution.options)


def test_pain_typed_before_the_days_run_offers_it_instead_not_as_missed(
    world: World,
) -> None:
    ana = world.athlete(consent=True)
    reply = say(world, ana, "knee hurts when I go downstairs, maybe 4/10")
    assert reply.text.startswith("Thanks for telling me: knee, 4/10.")
    assert "Instead of: 45 min tempo run (Thu 26 Nov)." in reply.text
    assert "Missed:" not in reply.text


def test_without_consent_pain_is_answered_but_nothing_of_it_is_stored(world: World) -> None:
    ana = world.athlete(consent=False)
    asked = checkins.record_status(uow=world.services, athlete_id=ana,
                                   stamp=THURSDAY.isoformat(), status="pain")
    assert "consent" in asked.text
    reply = say(world, ana, "left calf, 4")
    assert "left calf, 4/10" in reply.text and "haven't stored" in reply.text
    with world.services.transaction() as session:
        rows = session.exec(select(CheckIn)).all()
        substitutions = session.exec(select(Substitution)).all()
    assert all(row.pain is None and row.reason is None and row.status != "pain"
               for row in rows)
    assert all(s.reason is None for s in substitutions)


def test_the_coach_sees_missed_and_swapped_sessions_and_pain(world: World) -> None:
    ana = world.athlete(consent=True)
    for stamp in ("2026-11-25", "2026-11-26"):
        world.clock.on(date.fromisoformat(stamp))
        checkins.record_status(uow=world.services, athlete_id=ana, stamp=stamp,
                               status="missed")
        offer = checkins.record_reason(uow=world.services, athlete_id=ana, stamp=stamp,
                                       code="time")
        first = offer.buttons[0][0]
        swaps.choose_option(uow=world.services, athlete_id=ana,
                            substitution_id=first.args[0], choice=first.args[1])
    world.clock.on(date(2026, 11, 28))
    say(world, ana, "my left shin hurts, like a 5")
    with world.services.transaction() as session:
        [item] = repository.athletes_needing_attention(session=session,
                                                       since=date(2026, 11, 20))
    assert (item.missed, item.pain_reports, item.max_pain) == (2, 1, 5)


def test_checkin_schedule_on_off_time_and_a_bad_time(world: World) -> None:
    ana = world.athlete()
    on = checkins.set_checkins(uow=world.services, athlete_id=ana, argument="06:45")
    assert "06:45" in on.text and on.schedule_changed
    off = checkins.set_checkins(uow=world.services, athlete_id=ana, argument="off")
    assert "off" in off.text
    bad = checkins.set_checkins(uow=world.services, athlete_id=ana, argument="25:99")
    assert "/checkin on" in bad.text and not bad.schedule_changed
    with world.services.transaction() as session:
        athlete = repository.require_athlete(session=session, athlete_id=ana)
    assert (athlete.checkin_enabled, athlete.checkin_time) == (False, "06:45")


def test_pain_on_a_day_already_swapped_keeps_the_choice_and_offers_nothing_new(
    world: World,
) -> None:
    ana = world.athlete(consent=True)
    offer = swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
    first = offer.buttons[0][0]
    swaps.choose_option(uow=world.services, athlete_id=ana, substitution_id=first.args[0],
                        choice=first.args[1])
    reply = say(world, ana, "my left shin hurts like a 3, rest day for me right?")
    assert reply.text.startswith("Thanks for telling me: left shin, 3/10.") and not reply.buttons
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None and (checkin.status, checkin.pain) == ("swapped", 3)


def test_a_question_after_missed_is_answered_and_the_reason_still_awaited(
    world: World,
) -> None:
    ana = world.athlete()
    checkins.record_status(uow=world.services, athlete_id=ana, stamp=THURSDAY.isoformat(),
                           status="missed")
    answer = say(world, ana, "how long is my long run?")
    assert "150 min" in answer.text
    reply = say(world, ana, "rain all day")
    assert "45 min tempo run (Thu 26 Nov)" in reply.text


def test_a_second_pain_report_the_same_day_keeps_the_worst_score_and_both_texts(
    world: World,
) -> None:
    ana = world.athlete(consent=True)
    checkins.record_status(uow=world.services, athlete_id=ana, stamp=THURSDAY.isoformat(),
                           status="pain")
    say(world, ana, "left knee, 6/10, worse on stairs")
    say(world, ana, "my left shin hurts like a 3 too")
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None and checkin.pain == 6
    assert checkin.reason == "left knee, 6/10, worse on stairs; my left shin hurts like a 3 too"


def test_a_typed_pain_report_reads_the_day_and_the_pain_once(
    world: World, monkeypatch: pytest.MonkeyPatch,
) -> None:
    ana = world.athlete()
    seen: list[str] = []
    read_pain, record_of = checkins.read_pain, AthleteSnapshot.record_of

    def counted_pain(text: str) -> PainReading:
        seen.append("pain")
        return read_pain(text)

    def counted_record(self: AthleteSnapshot, day: date) -> DayRecord | None:
        seen.append("record")
        return record_of(self, day)

    monkeypatch.setattr(checkins, "read_pain", counted_pain)
    monkeypatch.setattr(AthleteSnapshot, "record_of", counted_record)
    reply = checkins.record_typed_pain(uow=world.services, athlete_id=ana,
                                       text="left knee sore, 3/10")
    assert "left knee" in reply.text
    assert seen.count("pain") == 1 and seen.count("record") == 1
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None and checkin.status == "pain" and checkin.pain == 3


def test_pain_told_on_a_rest_day_with_what_should_i_do_says_rest_is_the_session(
    world: World,
) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday: rest
    reply = say(world, ana, "hey so i didnt get my run in this morning cos the kids were up "
                            "all night and my knee is a bit sore maybe a three what should i "
                            "do instead")
    assert reply.text.startswith("Thanks for telling me: knee, 3/10.")
    assert "Fri 27 Nov is a rest day in your plan, so there's nothing to make up" in reply.text


@pytest.mark.parametrize("answer", [
    "wait no it was tuesday not yesterday, i mixed up my days",
    "sorry i meant tuesday",
    "oh it was tues actually",
])
def test_another_rest_day_named_after_which_session_asks_about_that_day(
    world: World, answer: str,
) -> None:
    # Found playing a night-shift nurse: a second rest day named after "which session?"
    # got "the coach's articles don't cover that".
    plan = [{"weekday": 0, "kind": "easy", "minutes": 30},
            {"weekday": 1, "kind": "rest", "minutes": 0},
            {"weekday": 2, "kind": "tempo", "minutes": 40},
            {"weekday": 4, "kind": "rest", "minutes": 0},
            {"weekday": 6, "kind": "long", "minutes": 75}]
    ana = world.athlete(plan=plan)
    world.clock.on(date(2026, 11, 28))  # Saturday; yesterday (Friday) rests
    first = say(world, ana, "missed yesterdays run, came off a long shift")
    assert "Fri 27 Nov is a rest day in your plan" in first.text
    again = say(world, ana, answer)
    assert "Tue 24 Nov is a rest day in your plan" in again.text
    assert again.buttons
    offered = say(world, ana, "the wednesday tempo")
    assert "40 min tempo run (Wed 25 Nov)" in offered.text


@pytest.mark.parametrize(("text", "status"), [
    ("kinda, did like half of it then my side stitch got bad", "done"),
    ("went swimming instead, pool was empty", "swapped"),
    ("nah skipped it, raining like crazy 🌧️", "missed"),
    ("nope, work ran late", "missed"),
])
def test_a_typed_answer_to_the_checkin_prompt_is_read_as_the_buttons(
    world: World, text: str, status: str,
) -> None:
    # Found playing a teenager: "kinda, did like half of it ..." after "How did it go?"
    # got "the coach's articles don't cover that".
    ana = world.athlete()
    checkins.checkin_now(uow=world.services, athlete_id=ana)
    reply = say(world, ana, text)
    assert "articles don't cover" not in reply.text
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None and checkin.status == status
    if status == "missed":
        assert "45 min tempo run (Thu 26 Nov)" in reply.text and reply.buttons


def test_a_question_or_another_days_run_after_the_prompt_is_no_answer_to_it(
    world: World,
) -> None:
    ana = world.athlete()
    checkins.checkin_now(uow=world.services, athlete_id=ana)
    say(world, ana, "what should i do instead?")
    say(world, ana, "missed yesterday's easy run btw, rain")
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None and checkin.status == "pending"


@pytest.mark.parametrize(("logged", "said"), [
    ("swapped", "swapped the run"), ("done", "logged as done"), ("missed", "/swap"),
])
def test_checkin_now_on_a_day_already_logged_says_what_is_on_file(
    world: World, logged: str, said: str,
) -> None:
    # Found playing a runner: a substitute chosen for today, then /checkin asked "How did
    # it go?" about the run, and "did it" logged the run done over the substitute.
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.record_checkin(session=session, athlete_id=ana, day=THURSDAY,
                                  status=logged, now=world.clock())
    reply = checkins.checkin_now(uow=world.services, athlete_id=ana)
    assert said in reply.text and "How did it go" not in reply.text and not reply.buttons
    checkin = checkin_on(world, ana, THURSDAY)
    assert checkin is not None and checkin.status == logged
