"""Onboarding use cases against a real SQLite: state in the database, every fact of an
answer taken, worded answers understood, opt-in check-ins, consent first."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from coach.language import Preferences
from storage import repository
from tests.usecases import support
from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    onboarding_step,
    skip_to,
    uow,
    walk_to,
)
from usecases import onboarding
from usecases.replies import Reply

USER = 501
world = support.world  # the fixture
# Answers that walk to a step where a test needs them given, not skipped.
TO_CONSENT = ("Ana", "marathon 2027-05-01")
TO_INJURIES = (*TO_CONSENT, "yes")
TO_LIKES = ("Nina", "sprint triathlon", "skip", "yes", "none", "mon easy 40, sat long 90",
            "pool and a road bike")
KAT_TO_INJURIES = ("Kat", "half marathon", "skip", "yes")
KAT_WEEK = (*KAT_TO_INJURIES, "none", "mon easy 30, wed tempo 45, sat long 90")
# The name; the goal and consent skipped; an unclear plan, then skipped: equipment.
SKIPS_TO_EQUIPMENT = ("Ana", "/skip", "/skip", "no", "/skip")


def texts(replies: list[Reply] | None) -> str:
    assert replies is not None
    return "\n".join(reply.text for reply in replies)


def say(uow: SqliteUnitOfWork, text: str) -> str:  # noqa: F811
    return texts(onboarding.answer(uow, telegram_user_id=USER, text=text))


def step_of(uow: SqliteUnitOfWork) -> str | None:  # noqa: F811
    return onboarding_step(uow, USER)


def begin(uow: SqliteUnitOfWork) -> str:  # noqa: F811
    return texts(onboarding.start(uow, telegram_user_id=USER, chat_id=USER, name="Tg"))


def checkin_days(uow: SqliteUnitOfWork, *, since: date = date(2026, 11, 1)  # noqa: F811
                 ) -> list[date]:
    """The days the athlete has a check-in for (a missed run told is one), oldest first."""
    athlete = athlete_of(uow, USER)
    assert athlete.id is not None
    with uow.transaction() as session:
        return [row.day for row in repository.list_checkins(
            session=session, athlete_id=athlete.id, since=since)]


def test_start_creates_the_athlete_with_checkins_off_and_asks_the_name(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    assert uow.athlete(USER) is None
    assert "What should I call you?" in begin(uow)
    athlete = athlete_of(uow, USER)
    assert not athlete.checkin_enabled and not athlete.onboarded
    assert step_of(uow) == "name"


def test_a_goal_with_its_date_is_taken_whole_and_the_date_is_not_asked(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    reply = say(uow, "Berlin marathon on sept 27")
    assert "When is it?" not in reply
    assert "May I store health details" in reply
    athlete = athlete_of(uow, USER)
    assert athlete.goal_event == "Berlin marathon"
    assert athlete.goal_date == date(2027, 9, 27)


def test_a_goal_without_a_date_asks_for_it_and_an_unreadable_date_is_asked_again(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    assert "When is it?" in say(uow, "marathon PR")
    assert "couldn't read that date" in say(uow, "whenever-ish")
    assert step_of(uow) == "race_date" + onboarding.UNSURE
    say(uow, "2027-04-20")
    athlete = athlete_of(uow, USER)
    assert athlete.goal_date == date(2027, 4, 20)
    assert step_of(uow) == "consent"


@pytest.mark.parametrize("answer", ["first 50k trail race in may 🏔️ no date yet",
                                    "half marathon, date tbc", "a 10k in spring, not booked yet"])
def test_a_race_with_no_date_yet_is_a_goal_and_its_date_is_not_asked(
    uow: SqliteUnitOfWork, answer: str,  # noqa: F811
) -> None:
    walk_to(uow, "goal", user=USER, answers=("Eve",))
    reply = say(uow, answer)
    assert "Great goal" in reply and "No race in mind" not in reply
    assert "When is it?" not in reply and "May I store health details" in reply
    athlete = athlete_of(uow, USER)
    assert athlete.goal_event and athlete.goal_date is None
    assert step_of(uow) == "consent"


def test_no_date_yet_at_the_date_step_keeps_the_goal(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    assert "When is it?" in say(uow, "marathon PR")
    reply = say(uow, "dont know the date yet")
    assert "No race in mind" not in reply and "No date yet" in reply
    athlete = athlete_of(uow, USER)
    assert athlete.goal_event and athlete.goal_date is None
    assert step_of(uow) == "consent"


@pytest.mark.parametrize("answer", ["no", "nope, just fitness", "none rn"])
def test_no_race_is_still_no_goal(uow: SqliteUnitOfWork, answer: str) -> None:  # noqa: F811
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    assert "No race in mind" in say(uow, answer)
    assert step_of(uow) == "consent"


@pytest.mark.parametrize(("answer", "consent"), [
    ("yes ok", True), ("sure 👍", True), ("Yes please!", True), ("nah", False),
    ("no thanks", False),
])
def test_worded_consent_answers_are_understood(
    uow: SqliteUnitOfWork, answer: str, consent: bool,  # noqa: F811
) -> None:
    walk_to(uow, "consent", user=USER, answers=TO_CONSENT)
    reply = say(uow, answer)
    athlete = athlete_of(uow, USER)
    assert athlete.health_consent is consent
    assert ("injuries or niggles" in reply) is consent
    assert "not sure" not in reply


def test_an_unclear_consent_answer_gets_one_confirmation_with_buttons(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "consent", user=USER, answers=TO_CONSENT)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="hmm what for")
    assert replies is not None
    assert "not sure" in replies[-1].text
    labels = [button.label for row in replies[-1].buttons for button in row]
    assert "Yes, store them" in labels and "No, don't" in labels
    assert step_of(uow) == "consent" + onboarding.UNSURE
    # One short confirmation, not the whole question again.
    assert replies[-1].text.count("May I store") == 0
    athlete = athlete_of(uow, USER)
    assert not athlete.health_consent
    pressed = onboarding.choose(uow, telegram_user_id=USER, step="consent", value="yes")
    assert "injuries or niggles" in texts(pressed)


def test_none_rn_is_no_injury(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    assert "No injuries" in say(uow, "none rn")
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == []


def test_a_pain_score_is_a_score_not_an_injury(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    say(uow, "left knee sore, like a 3/10")
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == ["left knee sore"]
    assert athlete.limitations is not None and "3/10" in athlete.limitations


def test_a_week_sent_at_the_injuries_question_is_the_plan_not_an_injury(
        uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    reply = say(uow, "tue tempo 40, thu easy 35, sat long 75")
    assert "Tuesday: tempo 40 min" in reply and "injuries or niggles" in reply
    assert step_of(uow) == "injuries"
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == []
    # Injuries answered: the week is not asked for again.
    after = say(uow, "none")
    assert "No injuries" in after and "What do you have access to?" in after
    assert step_of(uow) == "equipment"


def test_a_plan_with_a_pain_score_takes_both(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    say(uow, "none")
    reply = say(uow, "Mon easy 40, Sat long 90, achilles is like a 4/10")
    assert "Saturday: long 90 min" in reply
    athlete = athlete_of(uow, USER)
    assert any("achilles" in injury for injury in athlete.injuries)
    assert athlete.limitations is not None and "4/10" in athlete.limitations
    assert step_of(uow) == "equipment"


def test_without_consent_pain_beside_the_plan_is_not_stored(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "consent", user=USER, answers=TO_CONSENT)
    assert "usual running week" in say(uow, "rather not, no")
    reply = say(uow, "Mon easy 40, Sat long 90, achilles is like a 4/10")
    assert "won't store" in reply
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == [] and athlete.limitations is None


def test_likes_and_dislikes_are_stored_apart(
    uow: SqliteUnitOfWork, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
) -> None:
    # The reader decides what is liked; this use case must keep dislikes apart.
    monkeypatch.setattr(onboarding, "read_activities",
                        lambda text: Preferences(likes=("cycling",), dislikes=("swimming",)))
    walk_to(uow, "likes", user=USER, answers=(*SKIPS_TO_EQUIPMENT, "gym"))
    reply = say(uow, "cycling I guess, not a fan of swimming")
    assert "favour cycling" in reply and "swimming out of the first picks" in reply
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == (["cycling"], ["swimming"])


@pytest.mark.parametrize("answer", ["no", "nah", "no thanks", "off", "/skip"])
def test_checkins_are_off_for_any_no_and_for_skipping(
    uow: SqliteUnitOfWork, answer: str,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    if answer == "/skip":
        replies = onboarding.skip(uow, telegram_user_id=USER)
    else:
        replies = onboarding.answer(uow, telegram_user_id=USER, text=answer)
    assert "All set" in texts(replies)
    athlete = athlete_of(uow, USER)
    assert athlete.onboarded and not athlete.checkin_enabled
    assert athlete.onboarding_step is None


@pytest.mark.parametrize(("answer", "at"), [("7pm", "19:00"), ("06:45", "06:45"),
                                            ("yes ok", "07:30"), ("sure 👍 6:30 works", "06:30")])
def test_checkins_are_on_only_when_asked_for(
    uow: SqliteUnitOfWork, answer: str, at: str,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=answer)
    assert replies is not None and replies[-1].schedule_changed
    athlete = athlete_of(uow, USER)
    assert athlete.checkin_enabled and athlete.checkin_time == at


def test_an_unclear_checkin_answer_is_confirmed_with_buttons(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="depends on the day")
    assert replies is not None and replies[-1].buttons
    assert step_of(uow) == "checkins" + onboarding.UNSURE
    pressed = onboarding.choose(uow, telegram_user_id=USER, step="checkins", value="19.00")
    assert "19:00" in texts(pressed)


def test_state_is_in_the_database_and_start_resumes(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    assert step_of(uow) == "goal"
    resumed = begin(uow)
    assert "pick up where we were" in resumed and "What are you training for" in resumed
    assert step_of(uow) == "goal"


def test_a_button_of_an_answered_question_changes_nothing(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    replies = onboarding.choose(uow, telegram_user_id=USER, step="timezone", value="UTC")
    assert replies[0].toast and not any(reply.text for reply in replies)
    assert step_of(uow) == "goal"


def test_cancel_keeps_answers_and_text_then_is_not_onboarding(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    assert "Stopped" in texts(onboarding.cancel(uow, telegram_user_id=USER))
    assert onboarding.answer(uow, telegram_user_id=USER, text="marathon") is None
    athlete = athlete_of(uow, USER)
    assert athlete.name == "Ana"


def test_nobody_is_created_by_answers_skips_or_buttons(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    assert onboarding.answer(uow, telegram_user_id=USER, text="hello") is None
    assert "no question" in texts(onboarding.skip(uow, telegram_user_id=USER))
    onboarding.choose(uow, telegram_user_id=USER, step="name", value="skip")
    assert onboarding.cancel(uow, telegram_user_id=USER) is None
    assert uow.athlete(USER) is None


def test_a_returning_athlete_is_welcomed_and_may_go_through_again(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    say(uow, "no")
    welcome = onboarding.start(uow, telegram_user_id=USER, chat_id=USER, name="Tg")
    assert "Welcome back" in welcome[0].text and welcome[0].buttons
    again = onboarding.choose(uow, telegram_user_id=USER, step=onboarding.REDO, value="go")
    assert "What should I call you?" in texts(again)
    assert step_of(uow) == "name"


def test_an_overlong_answer_is_refused_and_changes_nothing(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    begin(uow)
    assert "under 500" in say(uow, "x" * 600)
    athlete = athlete_of(uow, USER)
    assert athlete.name == "Tg" and step_of(uow) == "name"


@pytest.mark.parametrize(("answer", "injuries", "score"), [
    ("left knee sore, like 3, 10", ["left knee sore"], 3),
    ("knee 5/10", ["knee"], 5),
    ("shin splints", ["shin splints"], None),
])
def test_injury_answers_keep_names_and_scores_apart(
    uow: SqliteUnitOfWork, answer: str, injuries: list[str], score: int | None,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    say(uow, answer)
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == injuries
    assert (athlete.limitations is not None and f"{score}/10" in athlete.limitations) \
        if score is not None else athlete.limitations is None


def test_a_second_unclear_answer_is_not_asked_again(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "consent", user=USER, answers=TO_CONSENT)
    say(uow, "hmm what for")
    reply = say(uow, "got a gym and a bike")
    assert "not sure" not in reply and "leave that for now" in reply
    assert "usual running week" in reply
    athlete = athlete_of(uow, USER)
    assert not athlete.health_consent and step_of(uow) == "plan"


@pytest.mark.parametrize(("answer", "name"), [
    ("it's Mia", "Mia"), ("Mia here", "Mia"), ("call me jo", "Jo"), ("Mary Ann", "Mary Ann"),
    ("sam 🙂", "Sam"), ("sam here", "Sam"), ("hey, I'm Ana", "Ana"),
])
def test_the_name_is_taken_from_the_answer(
    uow: SqliteUnitOfWork, answer: str, name: str,  # noqa: F811
) -> None:
    begin(uow)
    assert f"Nice to meet you, {name}!" in say(uow, answer)


def test_an_emoji_does_not_hide_the_race_date(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "goal", user=USER, answers=("Mia",))
    say(uow, "Berlin marathon on sept 27 🏃‍♀️")
    athlete = athlete_of(uow, USER)
    assert athlete.goal_date == date(2027, 9, 27)
    assert athlete.goal_event == "Berlin marathon"


def test_a_red_flag_in_an_answer_is_referred_first_and_holds_workouts(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    reply = say(uow, "chest pain and dizzy on my last run")
    assert reply.index("Your usual running week") > 0
    first = reply.split("\n\n")[0].lower()
    assert "doctor" in first or "medical" in first or "professional" in first
    athlete = athlete_of(uow, USER)
    assert athlete.hold_since is not None


def test_a_liked_activity_the_catalogue_lacks_is_kept_in_the_athletes_words(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER, answers=TO_LIKES)
    say(uow, "swimming, bouldering tbh, hate rowing")
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == (["swimming", "bouldering"], ["rowing"])


def test_a_disliked_activity_the_catalogue_lacks_is_kept_and_ids_read_as_words(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER, answers=TO_LIKES)
    reply = say(uow, "spin and rowing, anything but yoga")
    assert "favour indoor cycling, rowing" in reply and "yoga out of the first picks" in reply
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == (["indoor_cycling", "rowing"], ["yoga"])


def test_a_plan_day_said_in_words_keeps_its_length(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    say(uow, "nope")
    reply = say(uow, "3 runs a week: tuesday 30 min easy, thursday 30min, saturday an hour")
    assert "Saturday: easy 60 min" in reply


def test_a_question_instead_of_an_answer_is_answered_and_the_step_asked_again(
    world: support.World,
) -> None:
    services, user = world.services, 777
    walk_to(services, "checkins", user=user, name="Nina")
    world.answerer.text = "Consistency is the key.\nSource: Cross-Training > Stay Consistent"
    replies = asyncio.run(onboarding.answer_typed(
        services, telegram_user_id=user, text="how often should i cross train?"))
    assert replies is not None and len(replies) == 2
    assert "Consistency is the key" in replies[0].text
    assert "what time should I check in" in replies[1].text
    assert world.answerer.asked[-1][0] == "how often should i cross train?"
    # The step still awaits its answer, untouched; an answer then settles it as usual.
    athlete = athlete_of(services, user)
    assert athlete.onboarding_step == "checkins" and not athlete.checkin_enabled
    settled = asyncio.run(onboarding.answer_typed(services, telegram_user_id=user,
                                                  text="7pm"))
    assert settled is not None and "19:00" in settled[-1].text
    # An answer that reads as a question but answers the step is still an answer.
    assert len(world.answerer.asked) == 1


# --- faults found playing runners (issue 8) -------------------------------------------------


@pytest.mark.parametrize("asked", ["wait what time do you usually send them?",
                                   "what's a check-in?", "whats a checkin??"])
def test_a_question_at_the_checkin_step_is_answered_and_the_step_asked_again(
    uow: SqliteUnitOfWork, asked: str,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=asked)
    said = texts(replies)
    assert "No daily check-ins" not in said and "All set" not in said
    assert "one short message a day" in said
    assert "what time should I check in" in said  # the step, asked again
    assert step_of(uow) == "checkins"  # no strike: a question is no unclear answer
    athlete = athlete_of(uow, USER)
    assert not athlete.onboarded
    # A second question is answered too, and the time given after it is taken.
    onboarding.answer(uow, telegram_user_id=USER, text="why do you need it?")
    assert step_of(uow) == "checkins"
    assert "06:30" in say(uow, "ok 6:30 then")
    athlete = athlete_of(uow, USER)
    assert athlete.checkin_enabled and athlete.checkin_time == "06:30"


@pytest.mark.parametrize(("at_step", "told"), [
    ("checkins", "didnt get my run in last night, kids were sick"),
    ("plan", "mon easy 30, wed tempo 45, sat long 90. missed my run yesterday btw"),
])
def test_a_run_missed_during_onboarding_is_logged_and_offered_a_swap_after(
    uow: SqliteUnitOfWork, at_step: str, told: str,  # noqa: F811
) -> None:
    # NOW is Thursday 26 Nov: yesterday is Wed 25 Nov
    walk_to(uow, "injuries", user=USER, answers=KAT_TO_INJURIES)
    say(uow, "none")
    plan = "mon easy 30, wed tempo 45, sat long 90" if at_step == "checkins" else told
    noted = say(uow, plan)
    skip_to(uow, "checkins", user=USER)
    if at_step == "checkins":
        noted = say(uow, told)
        assert step_of(uow) == "checkins"  # the news is no answer, and no "no"
    assert "missed your run (Wed 25 Nov)" in noted
    athlete = athlete_of(uow, USER)
    assert athlete.id is not None
    with uow.transaction() as session:
        logged = repository.get_checkin(session=session, athlete_id=athlete.id,
                                        day=date(2026, 11, 25))
        assert logged is not None and logged.status == "missed"
    replies = onboarding.answer(uow, telegram_user_id=USER, text="no thanks")
    assert replies is not None and "All set" in replies[0].text
    follow = replies[-1]
    assert "the run you missed" in follow.text
    # Wednesday's plan run is the tempo 45, sized from the plan.
    assert "45 min tempo run (Wed 25 Nov)" in follow.text
    assert follow.buttons
    # Offered once, not again on a later pass.
    with uow.transaction() as session:
        assert len(repository.list_substitutions(session=session, athlete_id=athlete.id,
                                                 limit=10)) == 1


@pytest.mark.parametrize("correction", [
    "wait no it was saturday's long run i skipped, not wed",
    "sorry, i meant saturday not wednesday",
    "oh no wait, it was saturday 🙈",
])
def test_a_missed_run_corrected_during_onboarding_moves_to_the_day_meant(
    uow: SqliteUnitOfWork, correction: str,  # noqa: F811
) -> None:
    # NOW is Thursday 26 Nov: Wed 25 Nov and Sat 21 Nov are recent
    walk_to(uow, "equipment", user=USER, answers=KAT_WEEK)
    assert "missed your run (Wed 25 Nov)" in say(uow, "skipped wed's tempo, exams 😩")
    moved = say(uow, correction)
    assert "was Sat 21 Nov, not Wed 25 Nov" in moved
    assert checkin_days(uow) == [date(2026, 11, 21)]  # one missed run, not two
    skip_to(uow, "checkins", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="no thanks")
    assert replies is not None
    assert "90 min long run (Sat 21 Nov)" in replies[-1].text


@pytest.mark.parametrize("habit", [
    "actually saturdays are better as 45 min",
    "oh wait, on sundays i do my long run",
    "sorry, every friday is a rest day for me",
])
def test_a_weekday_told_as_a_habit_moves_no_missed_run(
    uow: SqliteUnitOfWork, habit: str,  # noqa: F811
) -> None:
    # Found playing a runner: "actually saturdays are better as 45 min" moved the run
    # she had missed that morning to Saturday.
    walk_to(uow, "equipment", user=USER, answers=KAT_WEEK)
    say(uow, "skipped wed's tempo, exams")
    assert "the run you missed was" not in say(uow, habit)
    assert checkin_days(uow) == [date(2026, 11, 25)]


def test_a_second_missed_run_told_during_onboarding_is_no_correction(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "equipment", user=USER, answers=KAT_WEEK)
    say(uow, "skipped wed's tempo, exams")
    say(uow, "and i missed saturday's long run too")
    assert checkin_days(uow) == [date(2026, 11, 21), date(2026, 11, 25)]


def test_a_pain_report_holding_a_maybe_is_no_refusal_of_checkins(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    onboarding.answer(uow, telegram_user_id=USER,
                      text="knee is achy after the stairs today, maybe a 4")
    athlete = athlete_of(uow, USER)
    assert not athlete.onboarded
    assert onboarding.step_name(athlete.onboarding_step) == "checkins"


@pytest.mark.parametrize("asked", ["is this gonna cost anything?", "do u share my data w/ anyone?"])
def test_any_question_typed_at_a_step_is_answered_now_not_promised_for_later(
    world: support.World, asked: str,
) -> None:
    """"Good question: I'll get to it once we're set up" was a promise nothing kept: a
    question at a step is answered at once, and the step asked again."""
    services, user = world.services, 778
    walk_to(services, "consent", user=user, name="Tess")
    replies = asyncio.run(onboarding.answer_typed(services, telegram_user_id=user,
                                                  text=asked))
    assert replies is not None and len(replies) == 2
    said = "\n".join(reply.text for reply in replies)
    assert "get to it" not in said
    assert world.answerer.asked[-1][0] == asked
    assert "May I store health details" in replies[1].text
    assert athlete_of(services, user).onboarding_step == "consent"


def test_a_question_at_the_goal_step_is_no_goal(world: support.World) -> None:
    services, user = world.services, 779
    walk_to(services, "goal", user=user, name="Tess")
    replies = asyncio.run(onboarding.answer_typed(
        services, telegram_user_id=user, text="is this gonna cost anything?"))
    assert replies is not None and "Great goal" not in replies[0].text
    assert "What are you training for?" in replies[-1].text
    athlete = athlete_of(services, user)
    assert athlete.goal_event is None and athlete.onboarding_step == "goal"
    # An answer with a doubt in it is still an answer.
    replies = asyncio.run(onboarding.answer_typed(
        services, telegram_user_id=user, text="sub 3 marathon in april?"))
    assert replies is not None and "Great goal" in replies[0].text


def test_a_question_after_a_comma_at_a_free_text_step_is_no_answer(
        world: support.World) -> None:
    """"legs feel heavy af, is it ok to do my tempo tuesday?" asks, whatever comes first."""
    services, user = world.services, 780
    walk_to(services, "goal", user=user, name="Pia")
    replies = asyncio.run(onboarding.answer_typed(
        services, telegram_user_id=user,
        text="legs feel heavy af, is it ok to do my tempo tuesday?"))
    assert replies is not None and "What are you training for?" in replies[-1].text
    athlete = athlete_of(services, user)
    assert athlete.goal_event is None and athlete.onboarding_step == "goal"


def test_a_red_flag_asked_as_a_question_is_not_promised_a_later_answer(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "plan", user=USER, answers=(*TO_INJURIES, "none"))
    reply = say(uow, "my calf is hot and swollen since the flight yesterday, normal?")
    assert "doctor" in reply.split("\n\n")[0].lower()
    assert "again once we're set up" not in reply
    assert "usual running week" in reply and step_of(uow) == "plan"


@pytest.mark.parametrize("answer", [
    "achilles right side, pain since 3 days, maybe 4 of 10",
    "left knee gets sore later in my long runs",
])
def test_a_deferral_word_inside_an_injuries_answer_is_no_skip(
    uow: SqliteUnitOfWork, answer: str,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    reply = say(uow, answer)
    athlete = athlete_of(uow, USER)
    assert athlete.injuries, reply
    assert "usual running week" in reply


def test_a_plain_deferral_still_skips_the_injuries_step(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    assert "usual running week" in say(uow, "maybe later")
    athlete = athlete_of(uow, USER)
    assert not athlete.injuries


@pytest.mark.parametrize(("step_answers", "answer"), [
    (SKIPS_TO_EQUIPMENT, "gym and a pool, maybe a bike later"),
])
def test_a_deferral_word_inside_an_equipment_answer_is_no_skip(
    uow: SqliteUnitOfWork, step_answers: tuple[str, ...], answer: str,  # noqa: F811
) -> None:
    walk_to(uow, "equipment", user=USER, answers=step_answers)
    say(uow, answer)
    athlete = athlete_of(uow, USER)
    assert {"gym", "pool"} <= set(athlete.equipment)


@pytest.mark.parametrize("answer", ["idk", "dunno 🤷", "not sure tbh"])
def test_dont_know_where_no_buttons_offer_a_choice_is_left_for_later(
        uow: SqliteUnitOfWork, answer: str) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    say(uow, "none")
    say(uow, "mon easy 30, sat long 60")
    assert step_of(uow) == "equipment"
    reply = say(uow, answer)
    assert "didn't recognise" not in reply and reply.startswith("Which activities")
    assert step_of(uow) == "likes"


def test_a_miss_said_of_the_future_is_no_missed_run(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    for text in ("none", "mon easy 30, sat long 60", "pool", "swimming", "Europe/London"):
        say(uow, text)
    assert step_of(uow) == "checkins"
    reply = say(uow, "No thank you, I'll tell you myself when I've missed something.")
    assert "missed your run" not in reply and "No daily check-ins" in reply


@pytest.mark.parametrize("answer", [
    "ask me later, I nearly fainted at the end of my run today",
    "skip for now, my chest gets tight and my left arm aches on hills",
    "dunno, chest pain running",
])
def test_a_red_flag_beside_a_deferral_is_referred_before_the_step_is_skipped(
    uow: SqliteUnitOfWork, answer: str,  # noqa: F811
) -> None:
    walk_to(uow, "goal", user=USER, answers=("Ana",))
    reply = say(uow, answer)  # at the goal step, a deferral skips it
    first = reply.split("\n\n")[0].lower()
    assert "doctor" in first or "emergency" in first
    assert "May I store health details" in reply  # the step was still skipped
    athlete = athlete_of(uow, USER)
    assert athlete.hold_since is not None


def test_a_correction_with_no_missed_run_before_it_logs_no_missed_run(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "plan", user=USER, answers=(*KAT_TO_INJURIES, "none"))
    say(uow, "mon easy 30, wed tempo 45, sat long 90. sorry i meant saturday long 100")
    assert checkin_days(uow) == []


@pytest.mark.parametrize("text", ["ok. can i at least swim?",
                                  "sure! is the bike fine with a sore knee?",
                                  "yeah. how often should i cross train?"])
def test_a_question_beside_an_ok_at_the_checkins_step_turns_nothing_on(
    uow: SqliteUnitOfWork, text: str,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    say(uow, text)
    athlete = athlete_of(uow, USER)
    assert not athlete.checkin_enabled
    assert step_of(uow) == "checkins"  # still asked, with no strike against them


def test_a_question_beside_a_time_at_the_checkins_step_takes_the_time(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "checkins", user=USER)
    say(uow, "7:15 please, is that ok?")
    athlete = athlete_of(uow, USER)
    assert athlete.checkin_enabled


@pytest.mark.parametrize(("week", "unread"), [
    ("Mon off, Tue 8x400, Wed easy 40, Thu off, Fri tempo 30, Sat parkrun + 20 easy, "
     "Sun long 80", "20 easy"),
    ("mon easy 30, wed tempo 45, fri easy 30 + 10 strides, sun long 90", "10 strides"),
])
def test_a_week_with_one_unreadable_part_keeps_the_rest_and_names_that_part(
    uow: SqliteUnitOfWork, week: str, unread: str,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    say(uow, "none")
    reply = say(uow, week)
    assert "Your week:" in reply and "I couldn't read" in reply and unread in reply
    assert step_of(uow) == "equipment"  # not asked for the whole week again
    athlete = athlete_of(uow, USER)
    assert athlete.id is not None
    with uow.transaction() as session:
        plan = repository.get_weekly_plan(session=session, athlete_id=athlete.id)
    assert len([run for run in plan if run.kind != "rest"]) >= 4


def test_a_week_mostly_unreadable_is_asked_again(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    say(uow, "none")
    say(uow, "depends on work tbh, some easy stuff, a long one, whatever feels right")
    assert step_of(uow) == "plan" + onboarding.UNSURE


@pytest.mark.parametrize(("text", "expected"), [
    ("maybe later", "skip"),
    ("not now tbh", "skip"),
    ("let me think about it and get back to you", "skip"),
    ("ask me later, I nearly fainted at the end of my run today", "skip"),
    ("felt dizzy and almost blacked out at the end of my run today", None),
    ("knee is sore at the end of long runs and on hills", None),
    ("i will tell you tomorrow when i know more about work", None),
])
def test_a_deferral_word_said_in_passing_is_no_skip(text: str, expected: str | None) -> None:
    assert onboarding.answer_of(text) == expected


@pytest.mark.parametrize("text", [
    "my calf has been really swollen and warm since the flight home yesterday, "
    "bit sore to walk on",
    "chest went really tight and i nearly passed out cycling home today",
    "hit my head on a branch on the trail run and now i feel foggy and keep throwing up",
])
def test_a_red_flag_at_the_likes_step_is_referred_and_stores_no_like(
    uow: SqliteUnitOfWork, text: str,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER, answers=TO_LIKES)
    reply = say(uow, text)
    first = reply.split("\n\n")[0].lower()
    assert "doctor" in first or "emergency" in first
    athlete = athlete_of(uow, USER)
    assert athlete.hold_since is not None
    assert (athlete.likes, athlete.dislikes) == ([], [])
    assert step_of(uow) == "likes"  # asked again, with no strike
    assert "Which activities do you enjoy?" in reply
    assert "didn't" not in reply.lower() and "not sure" not in reply.lower()


def test_a_sentence_beside_the_red_flag_is_still_the_answer(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER, answers=TO_LIKES)
    reply = say(uow, "love swimming, hate rowing. also my calf is swollen and hot since "
                     "the long flight")
    assert "doctor" in reply.split("\n\n")[0].lower()
    athlete = athlete_of(uow, USER)
    assert "swimming" in athlete.likes and "rowing" in athlete.dislikes
    assert step_of(uow) != "likes"


def test_at_the_injuries_step_the_red_flag_is_the_answer(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, answers=TO_INJURIES)
    reply = say(uow, "calf swollen and warm since my flight, hurts to walk")
    assert "doctor" in reply.split("\n\n")[0].lower()
    assert step_of(uow) != "injuries"


@pytest.mark.parametrize("command", ["swap", "checkin"])
def test_a_command_that_waits_for_typed_words_waits_until_onboarding_is_done(
    uow: SqliteUnitOfWork, command: str,  # noqa: F811
) -> None:
    # Mid-onboarding, "which run did you miss?" or "did you train today?" would be
    # answered by the onboarding question instead: finish first, asking that question.
    from usecases import checkins, swaps

    walk_to(uow, "likes", user=USER, answers=TO_LIKES)
    athlete = athlete_of(uow, USER)
    assert athlete.id is not None
    reply = (swaps.offer_swap(uow=uow, athlete_id=athlete.id, text="") if command == "swap"
             else checkins.checkin_now(uow=uow, athlete_id=athlete.id))
    assert reply.text.startswith(f"Let's finish setting you up first: /{command} works")
    assert "Which activities do you enjoy?" in reply.text
    assert step_of(uow) == "likes"
    say(uow, "yep done, love the bike")
    athlete = athlete_of(uow, USER)
    assert athlete.likes
    assert checkin_days(uow, since=date(2026, 1, 1)) == []
