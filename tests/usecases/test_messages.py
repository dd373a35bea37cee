"""Free text through ``usecases.messages.handle_text``: read with the athlete's own plan
and today's date, so relative days, corrections and moves mean that plan's sessions."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say
from usecases import messages
from usecases.replies import Reply

world = support.world  # the fixture



def plan_of(w: World, athlete_id: int) -> dict[int, tuple[str, int]]:
    with w.services.transaction() as session:
        return {p.weekday: (p.kind, p.minutes)
                for p in repository.get_weekly_plan(session=session, athlete_id=athlete_id)}


def test_a_run_missed_yesterday_is_yesterdays_planned_session(world: World) -> None:
    ana = world.athlete()  # Thursday; Wednesday is easy 35
    reply = say(world, ana, "missed yesterday's run, work ran late")
    assert "35 min easy run" in reply.text
    assert "Wed 25 Nov" in reply.text


def test_a_corrected_day_is_the_session_offered_for(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "skipped monday's run. sorry i meant tuesday not monday")
    assert "50 min interval session" in reply.text
    assert "Tue 24 Nov" in reply.text


def test_the_weekend_is_the_weekend_day_that_holds_the_run(world: World) -> None:
    # Saturday long 150 and Sunday recovery 25: on Tuesday, "the weekend's long one" was
    # Saturday's.
    ana = world.athlete()
    world.clock.on(date(2026, 12, 1))
    reply = say(world, ana, "didn't do my long one at the weekend")
    assert "150 min long run" in reply.text
    assert "Sat 28 Nov" in reply.text


def test_moving_the_long_run_for_good_frees_the_day_it_left(world: World) -> None:
    plan = [*support.PLAN[:5], {"weekday": 5, "kind": "rest", "minutes": 0},
            {"weekday": 6, "kind": "long", "minutes": 120}]
    ana = world.athlete(plan=plan)
    reply = say(world, ana, "switch my long run to saturdays")
    week = plan_of(world, ana)
    assert week[5] == ("long", 120)
    assert week[6] == ("rest", 0)
    assert week[3] == ("tempo", 45)  # the rest of the week stays
    assert "Sat long 120" in reply.text and "Sun rest" in reply.text


def test_a_kind_the_day_did_not_hold_is_asked_about_with_its_article(world: World) -> None:
    ana = world.athlete()  # Wednesday was easy 35
    reply = say(world, ana, "skipped yesterday's intervals")
    assert "35 min easy run on Wed 25 Nov, not an interval session" in reply.text


def test_a_run_told_as_done_is_logged_for_its_day_with_what_was_run(world: World) -> None:
    ana = world.athlete()  # Thursday: tempo 45
    reply = say(world, ana, "ran 50 mins yesterday instead of 35, felt great")
    assert "50 min easy run" in reply.text and "Wed 25 Nov" in reply.text
    with world.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=ana,
                                         day=date(2026, 11, 25))
        assert checkin is not None and checkin.status == "done"
    assert world.answerer.asked == []  # not sent to the articles


def test_a_run_done_with_a_question_still_gets_the_question_answered(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "tempo done this morning. is cycling good on rest days?")
    assert world.answerer.asked


def test_a_new_goal_without_a_date_drops_the_old_races_date(world: World) -> None:
    ana = world.athlete(goal_event="valencia marathon", goal_date=date(2026, 12, 6))
    reply = say(world, ana, "changed my goal, going for a sub 1:40 half now")
    assert "goal: half marathon sub 1:40" in reply.text
    assert "race date: none yet" in reply.text
    with world.services.transaction() as session:
        athlete = repository.require_athlete(session=session, athlete_id=ana)
        assert athlete.goal_event == "half marathon sub 1:40" and athlete.goal_date is None


def test_a_new_goal_with_its_date_takes_both(world: World) -> None:
    ana = world.athlete(goal_event="valencia marathon", goal_date=date(2026, 12, 6))
    reply = say(world, ana, "new goal: the berlin half on april 4")
    assert "race date: 4 April 2027" in reply.text and "none yet" not in reply.text


def test_the_weekends_long_run_is_the_weekend_day_that_holds_it(world: World) -> None:
    # Saturday easy 40, Sunday long 120: on Saturday, "the long one this weekend" is
    # tomorrow's.
    plan = [*support.PLAN[:5], {"weekday": 5, "kind": "easy", "minutes": 40},
            {"weekday": 6, "kind": "long", "minutes": 120}]
    ana = world.athlete(plan=plan)
    world.clock.on(date(2026, 11, 28))
    reply = say(world, ana, "can't do the long one this wknd, 6 hrs in the car ugh")
    assert "120 min long run (Sun 29 Nov)" in reply.text


def test_a_correction_after_options_offers_for_the_session_meant(world: World) -> None:
    ana = world.athlete()  # Thursday
    first = say(world, ana, "skipped tuesday's run, too much work")
    assert "50 min interval session (Tue 24 Nov)" in first.text
    corrected = say(world, ana, "sorry i meant wed")
    assert corrected.text.startswith("Got it, that one instead.")
    assert "35 min easy run (Wed 25 Nov)" in corrected.text
    assert world.answerer.asked == []  # not sent to the articles


def test_a_length_corrected_after_options_offers_for_that_length(world: World) -> None:
    ana = world.athlete()  # Thursday; Tuesday's plan holds 50 min intervals
    say(world, ana, "skipped tuesday's run, too much work")
    for text, minutes in (("actually it was 40 min not 50", 40),
                          ("oh wait, it was 70 minutes", 70)):
        corrected = say(world, ana, text)
        assert corrected.text.startswith(f"Got it: {minutes} min."), text
        assert f"{minutes} min interval session (Tue 24 Nov)" in corrected.text
    assert world.answerer.asked == []  # not sent to the articles


def test_a_length_corrected_to_what_was_offered_for_says_so(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "skipped tuesday's run, too much work")
    reply = say(world, ana, "sorry, it was 50 min")
    assert reply.text.startswith("That's the length I have: 50 min interval session")
    with world.services.transaction() as session:
        rows = repository.list_substitutions(session=session, athlete_id=ana, limit=5)
    assert len(rows) == 1  # nothing offered again


def test_a_length_answering_which_run_on_a_rest_day_is_the_plans_run_of_that_length(
        world: World) -> None:
    # The rest day was told ("last night"): the plan's run of that length, moved there,
    # is logged on the day told, as its button logs it (test_swaps_rest_day_told.py).
    for text, expected in (("the 35 min one", "35 min easy run (Fri 27 Nov)"),
                           ("it was the 50 minute one", "50 min interval session (Fri 27 Nov)")):
        ana = world.athlete(telegram_id=len(text))
        world.clock.on(date(2026, 11, 28))  # Saturday: yesterday (Fri) was a rest day
        asked = say(world, ana, "didnt get my run in last night, kids were sick")
        assert "rest day" in asked.text
        assert expected in say(world, ana, text).text


def test_a_length_no_planned_run_has_makes_up_no_run_on_the_rest_day(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 28))
    say(world, ana, "didnt get my run in last night, kids were sick")
    reply = say(world, ana, "it was 60 min")
    assert "Missed:" not in reply.text and "Fri 27 Nov)" not in reply.text


def test_an_answer_to_which_run_with_its_own_reason_is_offered_for_that_reason(
        world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 28))  # Saturday: yesterday (Fri) was a rest day
    asked = say(world, ana, "skipped yesterday, pouring rain")
    assert "rest day" in asked.text
    reply = say(world, ana, "oh it was thursday's tempo, i was sick")
    assert "45 min tempo run (Thu 26 Nov)" in reply.text
    assert "of the rain" not in reply.text  # the rain was told of another day
    # An answer naming only the run keeps the question's reason.
    bob = world.athlete(telegram_id=2)
    say(world, bob, "skipped yesterday, pouring rain")
    assert "of the rain" in say(world, bob, "thursday's tempo").text


def test_a_correction_with_nothing_open_goes_on_as_before(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "sorry i meant wed")
    assert world.answerer.asked  # nothing to correct: answered as any other message


def test_a_question_after_which_run_is_no_answer_to_it(world: World) -> None:
    ana = world.athlete()  # Thursday 26 Nov; Friday is rest
    world.clock.on(date(2026, 11, 28))  # Saturday: yesterday (Fri) was a rest day
    asked = say(world, ana, "didnt get my run in last night, kids were sick")
    assert "rest day" in asked.text
    reply = say(world, ana, "can i still do thursday's run if im tired?")
    assert "Missed:" not in reply.text
    with world.services.transaction() as session:
        rows = repository.list_substitutions(session=session, athlete_id=ana, limit=5)
    assert all(not row.options for row in rows)  # still only the question
    answered = say(world, ana, "tuesday's intervals")
    assert "50 min interval session (Tue 24 Nov)" in answered.text


def test_pain_after_which_run_is_a_pain_report_not_the_answer(world: World) -> None:
    ana = world.athlete(equipment=["indoor_bike", "gym"])
    world.clock.on(date(2026, 11, 28))  # Saturday (long 150); yesterday was a rest day
    say(world, ana, "didnt get my run in last night, kids were sick")
    reply = say(world, ana, "knee is achy after the stairs today, maybe a 4")
    assert "knee, 4/10" in reply.text
    assert "climbing set your knee off" in reply.text
    assert "Hill walking" not in reply.text and "Stair" not in reply.text


def _options(reply: Reply) -> list[str]:
    """The offered activities' names, from the numbered lines."""
    return [line.split(". ", 1)[1].split(":", 1)[0] for line in reply.text.splitlines()
            if line[:1].isdigit() and ". " in line]


def test_others_asked_for_after_options_are_for_the_same_run_with_what_was_added(
    world: World,
) -> None:
    ana = world.athlete()  # Thursday; Tuesday's plan holds 50 min intervals
    say(world, ana, "skipped tuesday's run, too much work")
    for text, gone in (("hmm not the bike, it's raining. something inside?", "cycling"),
                       ("no swimming pls, anything else?", "Swimming"),
                       ("something indoors? its pouring out", "run")):
        reply = say(world, ana, text)
        assert reply.text.startswith("Other options for the same run:"), text
        assert "50 min interval session (Tue 24 Nov)" in reply.text, text
        options = _options(reply)
        assert options and not any(gone.lower() in name.lower() for name in options), (
            text, options)
    assert world.answerer.asked == []  # not sent to the articles


def test_a_shorter_option_asked_for_caps_the_same_run(world: World) -> None:
    ana = world.athlete()  # Thursday's plan holds a tempo 45
    say(world, ana, "can't do my tempo today, the track is closed")
    reply = say(world, ana, "anything shorter? only have 30 min tonight")
    assert reply.text.startswith("Other options for the same run:")
    minutes = [int(line.split(": ", 1)[1].split(" min", 1)[0])
               for line in reply.text.splitlines() if line[:1].isdigit() and " min" in line]
    assert minutes and max(minutes) <= 30


def test_a_question_after_options_is_not_taken_for_a_request_for_others(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "skipped tuesday's run, too much work")
    for text in ("is rowing as good as running for intervals?", "how hard should the bike be?"):
        reply = say(world, ana, text)
        assert not reply.text.startswith("Other options"), text


@pytest.mark.parametrize("text", [
    "its pouring and i cant get outside, how do i stay on track??",
    "snow everywhere today, how do i keep my fitness?",
])
def test_a_question_about_staying_on_track_on_a_rest_day_is_answered_not_asked_which_run(
    world: World, text: str,
) -> None:
    # Found playing a runner: on a rest day this got "Which session did you miss?".
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday: rest
    reply = asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana, text=text))
    assert "Which session did you miss" not in reply.text
    assert world.answerer.asked  # the articles were asked


@pytest.mark.parametrize("text", ["done it!! 25 mins 🎉", "did it after all, 35 min",
                                  "ran it in the end, 50 mins 💪"])
def test_a_run_told_done_answers_no_which_run_was_missed(world: World, text: str) -> None:
    # Found playing a beginner: "done it!! 25 mins" after "which session did you miss?"
    # was read as the 25 min run missed, and options offered for it.
    ana = world.athlete()
    world.clock.on(date(2026, 11, 28))  # Saturday: yesterday (Fri) was a rest day
    assert "rest day" in say(world, ana, "didnt get my run in last night, kids were sick").text
    assert "Missed:" not in say(world, ana, text).text
