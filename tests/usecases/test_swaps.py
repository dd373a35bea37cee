"""Swaps sized from the athlete's plan, logged on the missed day, short on a phone."""

from __future__ import annotations

import asyncio
import re
from datetime import date

import pytest
from sqlmodel import select

from coach.language import read_message
from storage import repository
from storage.models import CheckIn, Substitution
from tests.usecases import support
from tests.usecases.support import World, actions, labels
from usecases import messages, swaps

world = support.world  # the fixture

# THURSDAY is 26 Nov 2026: Tue 24 (intervals 50), Wed 25 (easy 35), Sat 21 (long 150).


def _latest(w: World, athlete_id: int) -> Substitution:
    """The substitution last offered to the athlete."""
    with w.services.transaction() as session:
        [latest] = repository.list_substitutions(session=session, athlete_id=athlete_id,
                                                 limit=1)
    return latest


def _only_substitution(w: World) -> Substitution:
    """The one substitution offered to anyone."""
    with w.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
    return substitution


def _offer(w: World, athlete_id: int, text: str) -> tuple[str, Substitution]:
    reply = swaps.offer_swap(uow=w.services, athlete_id=athlete_id, text=text)
    return reply.text, _latest(w, athlete_id)


def test_my_long_run_is_the_plans_long_run_on_its_day(world: World) -> None:
    ana = world.athlete()
    text, offered = _offer(world, ana, "I missed my long run, rain all day")
    assert offered.missed["minutes"] == 150 and offered.missed["kind"] == "long"
    assert offered.missed["day"] == "2026-11-21"  # last Saturday, not today
    assert "150 min long run (Sat 21 Nov)" in text
    with world.services.transaction() as session:
        assert session.exec(select(CheckIn)).all() == []  # words alone log nothing
    swaps.choose_option(uow=world.services, athlete_id=ana, substitution_id=str(offered.id),
                        choice="skip")
    with world.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=ana, day=date(2026, 11, 21))
    assert checkin is not None and (checkin.status, checkin.note) == ("missed", "chose rest")


def test_yesterdays_and_tuesdays_runs_are_those_days_entries(world: World) -> None:
    ana = world.athlete()
    _, yesterday = _offer(world, ana, "missed yesterday's run")
    assert (yesterday.missed["kind"], yesterday.missed["minutes"],
            yesterday.missed["day"]) == ("easy", 35, "2026-11-25")
    _, tuesday = _offer(world, ana, "couldn't do Tuesday's intervals, work ran late")
    assert (tuesday.missed["kind"], tuesday.missed["minutes"],
            tuesday.missed["day"]) == ("intervals", 50, "2026-11-24")


def test_a_swap_asked_ahead_is_for_that_coming_day(world: World) -> None:
    ana = world.athlete()
    text, ahead = _offer(world, ana, "cant do the long run this sat, what instead?")
    assert (ahead.missed["kind"], ahead.missed["day"]) == ("long", "2026-11-28")
    assert "Instead of: 150 min long run (Sat 28 Nov)" in text
    _, tomorrow = _offer(world, ana, "what should i do tmrw instead of the long run?")
    assert tomorrow.missed["day"] == "2026-11-27"


def test_a_question_about_a_weekdays_run_means_the_coming_one(world: World) -> None:
    """"what should i do instead of tuesday's run then?" asks ahead (Thursday: next
    Tuesday); told in the past tense, the same weekday is the one gone."""
    ana = world.athlete()
    text, ahead = _offer(world, ana, "what should i do instead of tuesday's run then?")
    assert ahead.missed["day"] == "2026-12-01"
    assert "Instead of: 50 min interval session (Tue 1 Dec)" in text
    _, gone = _offer(world, ana, "skipped tuesday's run, what should i do instead?")
    assert gone.missed["day"] == "2026-11-24"
    _, yesterday = _offer(world, ana, "what should i do instead of yesterday's run?")
    assert yesterday.missed["day"] == "2026-11-25"


def test_a_run_told_ahead_in_the_future_tense_is_the_coming_one(world: World) -> None:
    """"cant do tuesday, travelling" on a Thursday: next Tuesday's intervals, not the
    Tuesday gone; "couldnt do tuesday" stays the Tuesday gone."""
    ana = world.athlete()
    text, ahead = _offer(world, ana, "cant do tuesday, travelling for work 😩 what can i do")
    assert ahead.missed["day"] == "2026-12-01"
    assert "Tue 1 Dec" in text
    _, wont = _offer(world, ana, "wont make tuesday's intervals, flying out")
    assert wont.missed["day"] == "2026-12-01"
    _, gone = _offer(world, ana, "couldnt do tuesday, was travelling")
    assert gone.missed["day"] == "2026-11-24"


def test_todays_run_and_words_that_give_minutes(world: World) -> None:
    ana = world.athlete()
    _, today = _offer(world, ana, "")
    assert (today.missed["kind"], today.missed["minutes"]) == ("tempo", 45)
    _, worded = _offer(world, ana, "missed my 30 min tempo")
    assert worded.missed["minutes"] == 30 and worded.missed["from_plan"] is False


def test_a_rest_day_asks_which_session_with_the_plans_sessions(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 27))  # Friday: rest
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="I missed my run")
    assert "rest day" in reply.text and "Which session" in reply.text
    assert set(actions(reply)) == {swaps.SESSION_ACTION}
    assert "Sat long run, 150 min" in labels(reply)
    with world.services.transaction() as session:
        assert not any(s.options for s in session.exec(select(Substitution)))
        assert session.exec(select(CheckIn)).all() == []  # nothing invented, nothing logged
    saturday = next(b for row in reply.buttons for b in row if b.label.startswith("Sat"))
    chosen = swaps.choose_session(uow=world.services, athlete_id=ana,
                                  substitution_id=saturday.args[0], weekday=saturday.args[1])
    assert "150 min long run (Sat 21 Nov)" in chosen.text and chosen.remove_buttons


def test_with_no_plan_it_asks_and_the_typed_answer_survives_a_restart(world: World) -> None:
    ana = world.athlete(plan=None)
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="missed my run today")
    assert "Which run did you miss" in reply.text and not reply.buttons
    restarted = world.restarted()
    import asyncio

    answer = asyncio.run(messages.handle_text(ports=restarted.services, athlete_id=ana,
                                              text="tempo 40 min"))
    assert "40 min tempo run (Thu 26 Nov)" in answer.text
    restarted.services.database.close()


def test_the_chosen_option_is_logged_on_the_missed_day_by_name(world: World) -> None:
    ana = world.athlete()
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="missed yesterday's run, thunderstorm")
    second = next(b for row in reply.buttons for b in row if b.label.startswith("2."))
    logged = swaps.choose_option(uow=world.services, athlete_id=ana,
                                 substitution_id=second.args[0], choice=second.args[1])
    with world.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
        checkin = repository.get_checkin(session=session, athlete_id=ana, day=date(2026, 11, 25))
    option = substitution.options[1]
    assert substitution.chosen_activity == option["activity"]
    assert checkin is not None and checkin.status == "swapped"
    assert checkin.note == f"chose {option['name']}, {option['minutes']} min"
    assert f"Logged: {option['name']}" in logged.text and "Wed 25 Nov" in logged.text
    assert "_" not in logged.text  # a display name, not an id
    again = swaps.choose_option(uow=world.services, athlete_id=ana,
                                substitution_id=second.args[0], choice="1")
    assert again.text == "" and again.alert  # already chosen: nothing changes


@pytest.mark.parametrize("text", ["missed yesterday's run, thunderstorm",
                                  "ice on the paths yesterday so no run"])
def test_a_choice_offered_from_words_is_tied_to_its_days_checkin(world: World, text: str
                                                                 ) -> None:
    # Found playing a runner: options offered from a message (no check-in that day) were
    # chosen, and /week then said "1 swapped ()" and "other 0 min instead".
    ana = world.athlete()
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text=text)
    second = next(b for row in reply.buttons for b in row if b.label.startswith("2."))
    swaps.choose_option(uow=world.services, athlete_id=ana,
                        substitution_id=second.args[0], choice=second.args[1])
    with world.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
        checkin = repository.get_checkin(session=session, athlete_id=ana, day=date(2026, 11, 25))
        assert checkin is not None and substitution.checkin_id == checkin.id
        rows = repository.week_rows(session=session, athlete_ids=[ana],
                                    since=date(2026, 11, 23), until=date(2026, 11, 29))
    assert rows.substitutes[ana] == [(date(2026, 11, 25), substitution.chosen_activity)]


def test_someone_elses_or_a_forged_choice_changes_nothing(world: World) -> None:
    ana, ben = world.athlete(telegram_id=1), world.athlete(telegram_id=2)
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
    first = reply.buttons[0][0]
    for who, sub, choice in ((ben, first.args[0], "1"), (ana, first.args[0], "9"),
                             (ana, "x", "1"), (ana, "999", "1")):
        refused = swaps.choose_option(uow=world.services, athlete_id=who, substitution_id=sub,
                                      choice=choice)
        assert refused.alert and not refused.text
    with world.services.transaction() as session:
        assert all(s.chosen_activity is None for s in session.exec(select(Substitution)))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.strip()) > 12]


def test_a_swap_reply_fits_one_screen_and_never_repeats_a_sentence(world: World) -> None:
    ana = world.athlete(injuries=["left knee"])
    for text in ("", "missed my long run, knee sore 4/10, thunderstorm, only 50 minutes",
                 "missed Tuesday's intervals, feeling flat and smoky outside",
                 "travelling, hotel gym only, missed today's tempo"):
        reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text=text)
        assert len(reply.text) <= 900, reply.text
        sentences = _sentences(reply.text)
        assert len(sentences) == len(set(sentences)), reply.text
        assert "Details" in " ".join(labels(reply))


def test_details_hold_structure_reasons_and_the_article_section(world: World) -> None:
    ana = world.athlete()
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="")
    details_button = next(b for row in reply.buttons for b in row
                          if b.action == swaps.DETAILS_ACTION)
    details = swaps.swap_details(uow=world.services, athlete_id=ana,
                                 substitution_id=details_button.args[0])
    assert "Source:" in details.text and "Why:" in details.text
    assert "Source:" not in reply.text  # the short reply leaves it to Details
    sentences = _sentences(details.text)
    assert len(sentences) == len(set(sentences))


def test_options_use_only_the_athletes_equipment_and_dislikes_never_first(
    world: World,
) -> None:
    gym_only = world.athlete(telegram_id=1, equipment=["gym"], dislikes=["indoor cycling"])
    reply = swaps.offer_swap(uow=world.services, athlete_id=gym_only, text="")
    offered = [option["activity"] for option in _only_substitution(world).options]
    assert not {"stair_climber", "elliptical", "road_cycling", "swimming"} & set(offered)
    assert offered[0] != "indoor_cycling"
    assert reply.text


def test_an_indoor_trainer_is_not_a_road_ride(world: World) -> None:
    ana = world.athlete(equipment=["indoor_bike"])
    swaps.offer_swap(uow=world.services, athlete_id=ana, text="missed my 60 min easy run")
    offered = {option["activity"] for option in _only_substitution(world).options}
    assert "road_cycling" not in offered and "indoor_cycling" in offered


def test_a_health_reason_is_kept_only_with_consent(world: World) -> None:
    without = world.athlete(telegram_id=1, consent=False)
    with_consent = world.athlete(telegram_id=2, consent=True)
    for athlete_id in (without, with_consent):
        swaps.offer_swap(uow=world.services, athlete_id=athlete_id,
                         text="missed my run, my knee hurts")
    with world.services.transaction() as session:
        reasons = {s.athlete_id: s.reason for s in session.exec(select(Substitution))}
    assert reasons == {without: None, with_consent: "missed my run, my knee hurts"}
    swaps.offer_swap(uow=world.services, athlete_id=without, text="missed my run, thunderstorm")
    assert _latest(world, without).reason == "missed my run, thunderstorm"  # not a health detail


def test_a_rest_day_named_in_words_is_never_a_zero_minute_run(world: World) -> None:
    ana = world.athlete(plan=None)
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="just a rest day for me right?")
    assert "Missed: 0 min" not in reply.text
    assert "Which run did you miss" in reply.text


def test_time_tight_today_does_not_shrink_a_run_missed_yesterday(world: World) -> None:
    ana = world.athlete(equipment=["indoor_bike"])
    # Yesterday (Wed 25 Nov) was an easy 35 in the plan; time is short today only.
    text, offered = _offer(world, ana, "missed yesterday's run, time is tight today tho")
    assert offered.missed["day"] == "2026-11-25" and offered.missed["minutes"] == 35
    cycling = [o for o in offered.options if o["activity"] == "indoor_cycling"]
    assert cycling and cycling[0]["minutes"] >= 35
    assert "time is tight" not in text and "pain" not in text.lower()


def test_time_tight_today_shortens_todays_run(world: World) -> None:
    ana = world.athlete(equipment=["indoor_bike"])
    # Today (Thu 26 Nov) is the tempo 45.
    _, offered = _offer(world, ana, "cant do my run today, time is tight")
    assert offered.missed["day"] == "2026-11-26"
    assert all(o["minutes"] <= 20 for o in offered.options if o["activity"] != "rest")


def test_a_named_run_on_a_past_rest_day_is_asked_about_not_invented(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 28))  # Saturday; yesterday (Fri 27) is a rest day
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="skipped yesterday's easy run 😩")
    assert "rest day" in reply.text and "easy run is on Mon or Wed" in reply.text
    assert "Missed: 35 min easy run (Fri 27 Nov)" not in reply.text
    with world.services.transaction() as session:
        assert not any(s.options for s in session.exec(select(Substitution)))
        assert session.exec(select(CheckIn)).all() == []


PLAN_MAP = {entry["weekday"]: (entry["kind"], entry["minutes"]) for entry in support.PLAN}


@pytest.mark.parametrize("text", [
    "saturday's long run is off, family thing",
    "sunday long run not happening",
    "busy saturday so no long run",
    "skipped tuesday's intervals",
    "cant do sunday, travelling",
    "what should i do instead of saturday's run?",
])
def test_the_day_of_a_swap_is_the_day_the_language_reader_reads(text: str) -> None:
    today = date(2026, 11, 26)
    reading = read_message(text, today=today, plan=PLAN_MAP)
    assert reading.day is not None
    assert swaps.missed_day(text, today) == reading.day


def test_a_long_run_said_off_midweek_is_the_coming_one(world: World) -> None:
    ana = world.athlete()
    text, offered = _offer(world, ana, "saturday's long run is off, family thing")
    assert offered.missed["day"] == "2026-11-28"  # this Saturday, not last week's
    assert text.startswith("Instead of: 150 min long run (Sat 28 Nov)")


@pytest.mark.parametrize(("why", "shortened"), [
    ("After breaking her tailbone, when downhills hurt, the author kept fit with flat "
     "running, stairs and strength work.", "The author kept fit with flat running."),
    ("For a climb as tall as Everest, she trained on stairs at home, because fires had "
     "closed her trails for weeks on end.", "She trained on stairs at home."),
    ("Rowing trains the heart and the whole body, with no impact on the legs at all, "
     "whatever the weather does outside.", "Rowing trains the heart and the whole body."),
])
def test_a_reason_cut_to_a_clause_keeps_one_that_stands_alone(why: str,
                                                               shortened: str) -> None:
    assert swaps.first_sentence(why, 60) == shortened


@pytest.mark.parametrize(("naming", "ends"), [
    (["lower-body", "strength"], "stairs and strength work."),
    (["stairs"], "stairs and strength work."),
    (["deep", "water", "running"], "flat running."),
])
def test_a_reason_said_of_an_option_keeps_the_clause_naming_it(naming: list[str],
                                                                 ends: str) -> None:
    # One story backs three options: cut to its first clause, the strength option would
    # be said to be "flat running".
    why = ("After breaking her tailbone, when downhills hurt, the author kept fit with flat "
           "running, stairs and strength work.")
    shortened = swaps.first_sentence(why, 60, naming=naming)
    assert shortened.startswith("The author kept fit with flat running")
    assert shortened.endswith(ends)


def test_a_reason_cut_keeps_the_clauses_that_fit_after_the_main_one() -> None:
    why = ("Plyometrics build explosive power for quicker, more efficient strides, as the "
           "article's off-season runner found when she added jump squats and bounding drills.")
    assert swaps.first_sentence(why) == (
        "Plyometrics build explosive power for quicker, more efficient strides.")


def test_a_bare_swap_after_todays_run_was_done_asks_which_run(world: World) -> None:
    # Thursday's run is logged as done: a bare /swap is about another run, so it asks
    # (with the plan's sessions as buttons) instead of offering for the run just done.
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.record_checkin(session=session, athlete_id=ana, day=date(2026, 11, 26),
                                  status="done")
    text, asked = _offer(world, ana, "")
    assert text.startswith("Today's run is already logged as done. Which session")
    assert asked.missed.get("ask") and not asked.options
    answer = asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                              text="tuesday intervals, work ran late"))
    assert "50 min interval session (Tue 24 Nov)" in answer.text


def test_a_bare_swap_with_todays_run_to_do_offers_for_it(world: World) -> None:
    ana = world.athlete()
    _, offered = _offer(world, ana, "")
    assert offered.options and offered.missed["day"] == "2026-11-26"


@pytest.mark.parametrize("text", ["tuesday intervals, work ran late",
                                  "the intervals on tuesday. sick kid",
                                  "mon easy one - got called into work"])
def test_a_run_named_without_a_verb_after_options_is_the_run_meant(
    world: World, text: str,
) -> None:
    ana = world.athlete()
    _, offered = _offer(world, ana, "missed my long run, rain")  # Saturday's
    assert offered.missed["day"] == "2026-11-21"
    answer = asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana,
                                              text=text))
    latest = _latest(world, ana)
    assert latest.missed["day"] in ("2026-11-24", "2026-11-23"), answer.text
    assert latest.options


def test_a_plan_fact_corrected_after_options_changes_the_plan_not_the_options(
    world: World,
) -> None:
    ana = world.athlete()
    _offer(world, ana, "missed my long run, rain")
    answer = asyncio.run(messages.handle_text(
        ports=world.services, athlete_id=ana,
        text="actually my long run is sunday not saturday"))
    assert "Instead" not in answer.text and "pick one" not in answer.text.lower()
    with world.services.transaction() as session:
        plan = {row.weekday: (row.kind, row.minutes)
                for row in repository.get_weekly_plan(session=session, athlete_id=ana)}
    # Sunday's recovery run is not dropped in silence: it takes the day the long run left.
    assert plan[6] == ("long", 150) and plan[5] == ("recovery", 25)
    assert "Sun long 150" in answer.text


@pytest.mark.parametrize("text", [
    "last night i couldnt sleep so no run this morning",
    "skipped today because i ran hard yesterday",
])
def test_a_day_told_in_the_reason_is_not_the_run_missed(world: World, text: str) -> None:
    # Found playing a beginner: the reason's "last night" chose yesterday's run.
    ana = world.athlete()
    reply = asyncio.run(messages.handle_text(ports=world.services, athlete_id=ana, text=text))
    assert "Thu 26 Nov" in reply.text and "Wed 25 Nov" not in reply.text
