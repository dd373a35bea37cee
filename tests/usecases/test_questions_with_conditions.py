"""A question about one's own planned run with a condition ("if im tired", "legs are
sore", "only have 30 min") is answered from the plan, not sent to the articles."""

from __future__ import annotations

from datetime import date

import pytest

from coach.answers import Answer
from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say
from usecases import questions

world = support.world  # the fixture
# support.PLAN: Mon easy 30, Tue intervals 50, Wed easy 35, Thu tempo 45, Fri rest,
# Sat long 150, Sun recovery 25. The clock starts on Thursday 26 Nov 2026.



def test_tired_before_a_named_days_run_gets_that_run_made_easier(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "can i still do saturday's run if im tired?")
    assert reply.text.startswith("Yes, but shorter: about 100 min of Saturday's long run "
                                 "(150 min)")
    assert "flat after 10 minutes" in reply.text
    assert world.answerer.asked == []  # not sent to the articles


def test_the_weekday_asked_about_is_the_next_one(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 28))  # Saturday: Thursday is ahead
    reply = say(world, ana, "can i still do thursday's run if im tired?")
    assert "Thursday's tempo run (45 min)" in reply.text and "30 min easy" in reply.text
    assert "Missed:" not in reply.text


def test_worn_out_before_tomorrows_run_is_told_to_rest(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 25))  # Wednesday: tomorrow is the tempo
    reply = say(world, ana, "ugh so tired today, slept like 4h 😴 should i do tomorrow's run?")
    assert reply.text.startswith("I'd rest instead of tomorrow's tempo run (45 min)")
    assert world.answerer.asked == []


def test_sore_legs_before_intervals_make_them_an_easy_run(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 23))  # Monday: tomorrow is the intervals
    reply = say(world, ana, "legs are sore from yesterday, ok to do the intervals tmrw?")
    assert "tomorrow's interval session (50 min) a 35 min easy run" in reply.text
    assert "turns sharp, stop" in reply.text


def test_real_pain_before_a_run_means_no_running(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "knee hurts like a 5, should i still run tomorrow?")
    # Thursday: tomorrow (Friday) is a rest day.
    assert "rest day" in reply.text
    world.clock.on(date(2026, 11, 27))  # Friday: tomorrow is the long run
    reply = say(world, ana, "knee hurts like a 5, should i still run tomorrow?")
    assert reply.text.startswith("I wouldn't run tomorrow's long run (150 min) with pain "
                                 "at 5/10")


def test_short_of_time_fits_the_run_to_the_time_said(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "super busy saturday, only have 60 min, should i still do my "
                            "long run?")
    assert reply.text.startswith("Yes: 60 min of Saturday's long run (150 min)")


def test_the_session_named_without_a_day_is_its_next_day(world: World) -> None:
    ana = world.athlete()  # Thursday: the next intervals are Tuesday's
    reply = say(world, ana, "feeling a bit tired, can i still do the intervals?")
    assert "Tuesday's interval session (50 min)" in reply.text


def test_a_safety_hold_answers_with_the_reminder(world: World) -> None:
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.start_safety_hold(session=session, athlete_id=ana, reason="chest pain",
                                     since=world.clock())
    reply = say(world, ana, "can i still do saturday's run if im tired?")
    assert "Yes" not in reply.text


# --- "can i do the intervals thursday instead?": a one-off move, checked against the plan --


def test_a_move_onto_a_free_day_is_a_yes_with_the_next_hard_session_named(world: World) -> None:
    plan = [{"weekday": 0, "kind": "easy", "minutes": 40},
            {"weekday": 2, "kind": "intervals", "minutes": 50},
            {"weekday": 4, "kind": "tempo", "minutes": 35},
            {"weekday": 6, "kind": "long", "minutes": 90}]
    ana = world.athlete(plan=plan)
    world.clock.on(date(2026, 11, 28))  # Saturday: Wednesday is ahead
    reply = say(world, ana, "what if im busy wednesday, can i do the intervals thursday "
                            "instead?")
    assert reply.text.startswith("Yes: do Wednesday's interval session (50 min) on Thursday")
    assert "Friday's tempo run" in reply.text  # the day after holds a hard session
    assert "Missed:" not in reply.text
    with world.services.transaction() as session:
        assert repository.list_substitutions(session=session, athlete_id=ana, limit=5) == []
    assert plan_of(world, ana)[2] == ("intervals", 50)  # a one-off: the plan stays


def test_a_move_onto_a_day_with_a_run_suggests_swapping_the_two(world: World) -> None:
    ana = world.athlete()  # Sat long 150, Sun recovery 25
    reply = say(world, ana, "can i do my long run on sunday instead of saturday?")
    assert reply.text.startswith("Sunday already has your recovery run (25 min)")
    assert "Missed:" not in reply.text


def plan_of(w: World, athlete_id: int) -> dict[int, tuple[str, int]]:
    with w.services.transaction() as session:
        return {p.weekday: (p.kind, p.minutes)
                for p in repository.get_weekly_plan(session=session, athlete_id=athlete_id)}


def test_a_scored_pain_asked_about_is_logged_and_may_be_corrected(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday (rest): tomorrow is the long run
    reply = say(world, ana, "knee's sore 😬 like 5/10, should i run tomorrow?")
    assert reply.text.startswith("I wouldn't run tomorrow's long run (150 min) with pain "
                                 "at 5/10")
    with world.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=ana,
                                         day=date(2026, 11, 27))
        assert checkin is not None and checkin.pain == 5
    corrected = say(world, ana, "actually more like a 3")
    assert corrected.text.startswith("Updated: knee, 3/10.")


def test_pain_asked_about_for_tomorrow_offers_no_swap_for_today(world: World) -> None:
    ana = world.athlete()  # Thursday: today's tempo is no part of the question
    reply = say(world, ana, "knee hurts a bit, 2/10, can i still run tomorrow?")
    assert "Missed:" not in reply.text and "Instead of:" not in reply.text
    assert "Tomorrow is a rest day" in reply.text


def test_heavy_legs_asked_about_log_no_pain(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "legs feel heavy af, is it ok to do my tempo tuesday?")
    assert reply.text.startswith("Yes, but easy")
    with world.services.transaction() as session:
        assert repository.get_checkin(session=session, athlete_id=ana,
                                      day=date(2026, 11, 26)) is None


# --- a planned run asked about while a pain told lately holds ---------------------------

SATURDAY = date(2026, 11, 28)  # the long run, 150 min


def test_a_run_asked_about_with_a_pain_told_before_gets_the_plan_and_pain_rule(
        world: World) -> None:
    # Walt: the calf at 3/10 after stairs, then "is it safe ... with the calf like this?"
    walt = world.athlete(injuries=["right calf strain"])
    world.clock.on(SATURDAY)
    say(world, walt, "The calf is a bit sore again after the stairs at the hotel, "
                     "perhaps 3 out of 10.")
    asked_before = list(world.answerer.asked)
    reply = say(world, walt, "Is it safe for me to do the long run on Saturday with the "
                             "calf like this?")
    assert reply.text.startswith("With your calf at 3/10, yes, but shorter: about")
    assert "today's long run (150 min)" in reply.text
    assert "under 4/10" in reply.text and "/swap" in reply.text
    # Then one short line from the articles, with its source, after the plan's answer.
    plan_answer, article = reply.text.split("\n\n")
    assert plan_answer.startswith("With your calf at 3/10")
    assert article == "Cycling and swimming keep the engine going.\nSource: Cross-Training > How"
    assert len(world.answerer.asked) == len(asked_before) + 1


def test_the_article_line_is_one_short_sentence_and_its_source() -> None:
    long_answer = Answer(text="Swimming keeps the engine going. Cycling too, and more.\n"
                              "The coach's story: a long one.\n\nSource: Cross-Training > How\n"
                              "Offer: a running assessment.", covered=True)
    assert questions.article_line(long_answer) == (
        "Swimming keeps the engine going.\nSource: Cross-Training > How")
    assert questions.article_line(Answer(text="No source here.", covered=True)) is None
    rambling = Answer(text="word " * 60 + "\nSource: A > B", covered=True)
    assert questions.article_line(rambling) is None


@pytest.mark.parametrize("question", [
    "ok to do my tempo on thursday?",
    "should I still do thursday's tempo?",
    "is it safe to do the tempo run thursday?",
    "can i do my run on thursday?",
    "so is it ok for me to run thursday?",
])
def test_any_planned_session_asked_about_with_a_pain_told_lately(world: World,
                                                                 question: str) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))  # Tuesday: Thursday's tempo is ahead
    say(world, ana, "my knee hurts, 2/10")
    reply = say(world, ana, question)
    assert reply.text.startswith("With your knee at 2/10,"), reply.text
    assert "Thursday's tempo run (45 min)" in reply.text and "/swap" in reply.text


def test_a_pain_told_lately_at_the_no_run_score_means_no_running(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))
    say(world, ana, "achilles sore, 5/10")
    reply = say(world, ana, "should I still do thursday's tempo?")
    assert reply.text.startswith("I wouldn't run Thursday's tempo run (45 min) with pain "
                                 "at 5/10")


def test_with_no_pain_told_the_same_question_is_answered_as_before(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))
    reply = say(world, ana, "should I still do thursday's tempo?")
    assert "/10" not in reply.text


def test_a_pain_told_without_consent_is_not_remembered_for_the_question(
        world: World) -> None:
    ana = world.athlete(consent=False)
    world.clock.on(date(2026, 11, 24))
    say(world, ana, "my knee hurts, 2/10")
    reply = say(world, ana, "should I still do thursday's tempo?")
    assert "knee at 2/10" not in reply.text


# --- leave to run asked with no day named, after a pain told lately ---------------------


@pytest.mark.parametrize("question", [
    "is it ok to run through it?",
    "can i still run on it?",
    "should i keep running or not",
    "so is it safe to run on it?",
])
def test_leave_to_run_asked_after_a_pain_is_about_the_next_planned_run(
        world: World, question: str) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))  # Tuesday: the intervals are today
    say(world, ana, "my hip is a bit worse today like 4/10")
    reply = say(world, ana, question)
    assert reply.text.startswith("I wouldn't run today's interval session (50 min) with "
                                 "pain at 4/10"), reply.text


def test_a_run_already_swapped_today_points_to_the_next_one(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 23))  # Monday: the easy 30 is today, intervals tomorrow
    with world.services.transaction() as session:
        repository.record_checkin(session=session, athlete_id=ana,
                                  day=date(2026, 11, 23), status="swapped")
    say(world, ana, "calf a bit sore, 2/10")
    reply = say(world, ana, "can I still run?")
    assert reply.text.startswith("With your calf at 2/10,"), reply.text
    assert "tomorrow's interval session (50 min)" in reply.text


@pytest.mark.parametrize("question", ["should i rest it?", "is it ok to run through it?"])
def test_without_pain_or_a_running_word_the_question_goes_as_before(
        world: World, question: str) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))
    if question.startswith("should"):
        say(world, ana, "my hip is a bit worse today like 4/10")
    reply = say(world, ana, question)
    assert "/10" not in reply.text and "I wouldn't run" not in reply.text


def test_a_move_asked_for_a_run_the_week_does_not_hold_says_so_with_the_week(
        world: World) -> None:
    # Found playing: "can i move my tempo to sat this week?" with no tempo planned got the
    # whole week back without a word.
    ana = world.athlete()  # no hill session in support.PLAN
    reply = say(world, ana, "can i move my hills to saturday this week?")
    assert reply.text.startswith("There's no hill session in your week:")
    assert "Tuesday interval session (50 min)" in reply.text
    assert "Which one should move" in reply.text
    assert world.answerer.asked == []


def test_a_run_asked_to_be_added_is_not_answered_as_a_move(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "can i do hills on saturday?")
    assert "There's no hill session" not in reply.text
