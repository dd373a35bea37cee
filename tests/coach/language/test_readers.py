"""The language layer's readers, on cases written for these tests (not the eval sets)."""

from __future__ import annotations

from datetime import date, time

import pytest

from coach.language import (
    is_none_answer,
    read_activities,
    read_answer,
    read_checkin_answer,
    read_clock_time,
    read_day,
    read_duration,
    read_equipment,
    read_goal,
    read_message,
    read_pain,
    read_plan,
    read_session,
)

WED = date(2027, 3, 10)  # a Wednesday
PLAN = {0: ("easy", 40), 1: ("intervals", 50), 2: ("rest", 0), 3: ("tempo", 45),
        4: ("easy", 30), 5: ("recovery", 25), 6: ("long", 130)}


@pytest.mark.parametrize(("text", "minutes"), [
    ("2h30", 150), ("2.5 hrs", 150), ("1:45", 105), ("90'", 90), ("45min", 45),
    ("an hour", 60), ("half an hour", 30), ("an hour and a half", 90), ("2 hours", 120),
    ("long 75m", 75), ("6x800", None), ("10k tempo", None), ("three hours", 180),
])
def test_durations_as_people_write_them(text: str, minutes: int | None) -> None:
    assert read_duration(text) == minutes


@pytest.mark.parametrize(("text", "expected"), [
    ("yesterday", date(2027, 3, 9)),
    ("last night", date(2027, 3, 9)),
    ("this morning", date(2027, 3, 10)),
    ("on Tuesday", date(2027, 3, 9)),
    ("on monday", date(2027, 3, 8)),
    ("last wednesday's run", date(2027, 3, 3)),
    ("tmrw", date(2027, 3, 11)),
    ("nothing about days", None),
])
def test_relative_days_look_back(text: str, expected: date | None) -> None:
    assert read_day(text, today=WED) == expected


def test_calendar_dates_and_spans_look_forward_for_races() -> None:
    assert read_day("dec 18", today=WED, direction="future") == date(2027, 12, 18)
    assert read_day("in three weeks", today=WED, direction="future") == date(2027, 3, 31)
    assert read_day("this saturday", today=WED) == date(2027, 3, 13)


def test_my_long_run_is_the_plans_long_run() -> None:
    reading = read_session("can't do my long run", today=WED, plan=PLAN, direction="future")
    assert reading is not None
    assert (reading.kind, reading.minutes, reading.day, reading.from_plan) == (
        "long", 130, date(2027, 3, 14), True)


def test_a_named_days_entry_comes_from_the_plan() -> None:
    reading = read_session("tuesday's session", today=WED, plan=PLAN)
    assert reading is not None
    assert (reading.kind, reading.minutes, reading.day) == ("intervals", 50, date(2027, 3, 9))


def test_explicit_minutes_win_over_the_plan() -> None:
    reading = read_session("yesterday's intervals, 35 min", today=WED, plan=PLAN)
    assert reading is not None
    assert (reading.kind, reading.minutes) == ("intervals", 35)


def test_time_available_is_not_the_session_length() -> None:
    reading = read_session("monday's run, only got 20 min", today=WED, plan=PLAN)
    assert reading is not None
    assert (reading.minutes, reading.available_minutes) == (40, 20)


@pytest.mark.parametrize(("text", "answer"), [
    ("yes ok", "yes"), ("sure 👍", "yes"), ("yeah go ahead", "yes"), ("don't mind", "yes"),
    ("nah", "no"), ("rather not", "no"), ("no thank you", "no"), ("👎", "no"),
    ("maybe later", "skip"), ("not right now", "skip"), ("skip", "skip"),
    ("what is this for?", None),
])
def test_yes_no_and_skip(text: str, answer: str | None) -> None:
    assert read_answer(text) == answer


@pytest.mark.parametrize("text", ["none", "nothing", "nope", "n/a", "none rn", "Nada!",
                                  "nothing at the moment", "all good thanks",
                                  "nothing that i'm aware of", "nope, fit for once",
                                  "n/a for me thanks", "none at the moment, touch wood 🤞"])
def test_none_answers(text: str) -> None:
    assert is_none_answer(text)


@pytest.mark.parametrize("text", ["sore knee", "left achilles, 3/10", "bike",
                                  "no pain in my knee", "nothing but my left calf"])
def test_a_real_answer_is_not_none(text: str) -> None:
    assert not is_none_answer(text)


@pytest.mark.parametrize(("text", "score", "sites"), [
    ("3/10", 3, ()),
    ("left knee sore, like 3", 3, ("left knee",)),
    ("maybe 4 out of 10 in my right calf", 4, ("right calf",)),
    ("hamstring tight, like a 6", 6, ("hamstring",)),
    ("sore shins", None, ("shin",)),
])
def test_pain_scores_are_scores_not_sites(text: str, score: int | None,
                                          sites: tuple[str, ...]) -> None:
    reading = read_pain(text)
    assert (reading.score, reading.sites) == (score, sites)


def test_likes_and_dislikes() -> None:
    prefs = read_activities("rowing I guess, not a fan of swimming")
    assert prefs.likes == ("rowing",)
    assert prefs.dislikes == ("swimming",)
    prefs = read_activities("anything but the elliptical")
    assert prefs.likes == () and prefs.dislikes == ("elliptical",)
    assert read_activities("swiming and hikes").likes == ("swimming", "hiking")  # a typo


def test_equipment_is_one_vocabulary_and_negations_are_left_out() -> None:
    assert read_equipment("a spin bike and the stairmaster at my gym") == (
        "gym", "indoor_bike", "stair_climber")
    assert read_equipment("no pool, but a rowing machine") == ("rower",)


def test_plan_and_session_readers_agree() -> None:
    runs = read_plan("tue intervals 10k, sat long 75m")
    assert [(r.kind, r.minutes) for r in runs] == [("intervals", 55), ("long", 75)]
    from coach.sessions import parse_session_text

    assert parse_session_text("intervals 10k").minutes == 55
    assert parse_session_text("long 75m").minutes == 75


def test_goal_with_its_date() -> None:
    goal = read_goal("half marathon in Lisbon on oct 3rd", today=WED)
    # The town a race is run in names it, as the README's race-goal convention says.
    assert (goal.goal, goal.race_date) == ("lisbon half marathon", date(2027, 10, 3))
    assert read_goal("a marathon someday", today=WED).race_date is None


@pytest.mark.parametrize(("text", "expected"), [
    ("7:30", time(7, 30)), ("7pm", time(19, 0)), ("6 in the evening", time(18, 0)),
    ("noon", time(12, 0)), ("at 0630", time(6, 30)), ("whenever", None),
])
def test_clock_times(text: str, expected: time | None) -> None:
    assert read_clock_time(text) == expected


@pytest.mark.parametrize(("text", "intent"), [
    ("missed yesterday's run, work ran late", "missed_run"),
    ("can't make the tempo tomorrow, what can I do instead?", "missed_run"),
    ("my left shin hurts, maybe 5/10", "pain"),
    ("what's on my plan for saturday?", "plan_question"),
    ("is rowing good for runners?", "article_question"),
    ("actually my long run is 2.5 hrs now", "profile_update"),
    ("I got a bike trainer", "profile_update"),
    ("tempo done ✅", "done"),
    ("hey coach", "greeting"),
    ("thanks!", "thanks"),
    ("the weather is nice", "other"),
])
def test_message_intents(text: str, intent: str) -> None:
    assert read_message(text, today=WED, plan=PLAN).intent == intent


def test_profile_updates_carry_what_changed() -> None:
    assert read_message("actually my long run is 2.5 hrs now", today=WED).update == {
        "long_run_minutes": 150}
    assert read_message("I got a bike trainer", today=WED).update == {
        "equipment_add": ["indoor_bike"]}
    assert read_message("race moved to nov 7", today=WED).update == {
        "race_date": date(2027, 11, 7)}


def test_a_missed_run_on_tuesday_is_tuesdays_session() -> None:
    reading = read_message("missed my run on Tuesday", today=WED, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes, reading.day) == (
        "intervals", 50, date(2027, 3, 9))


@pytest.mark.parametrize(("text", "status"), [
    ("yep, done", "done"), ("no, too tired", "missed"), ("swam instead", "swapped"),
    ("stopped, knee hurt 5/10", "pain"),
])
def test_checkin_answers(text: str, status: str) -> None:
    assert read_checkin_answer(text, today=WED) == status


def test_injuries_keep_a_score_beside_them_as_a_score() -> None:
    from coach.language import read_injuries

    assert read_injuries("left knee sore, like 3, 10") == (["left knee sore"], 3)
    assert read_injuries("achilles is like a 4/10") == (["achilles"], 4)
    assert read_injuries("knee 5/10") == (["knee"], 5)


def test_a_plan_keeps_what_is_said_beside_it_about_pain() -> None:
    from coach.language import read_plan_and_aside

    runs, aside = read_plan_and_aside("mon easy 40, sat long 90, achilles like a 4/10")
    assert [(r.weekday, r.kind, r.minutes) for r in runs] == [(0, "easy", 40), (5, "long", 90)]
    assert aside == "achilles like a 4/10"


def test_symbols_and_emoji_are_stripped() -> None:
    from coach.language.lexicon import strip_symbols

    assert strip_symbols("sept 27 🏃‍♀️ 💪") == "sept 27"


@pytest.mark.parametrize("text", ["hmm not sure", "dunno tbh"])
def test_unsure_is_not_an_answer(text: str) -> None:
    from coach.language import read_answer

    assert read_answer(text) is None


def test_dislikes_said_as_torture_or_not_loved_and_leg_day() -> None:
    from coach.language import read_activities

    prefs = read_activities("rowing is torture, leg day is fun, don't love cycling")
    assert prefs.likes == ("strength_lower",)
    # "cycling" disliked is every kind of cycling
    assert set(prefs.dislikes) == {"rowing", "road_cycling", "indoor_cycling", "mountain_biking"}


def test_a_score_after_a_tilde() -> None:
    from coach.language import read_pain

    assert read_pain("calf tightness ~3").score == 3
    assert read_pain("knee, ~20 min in").score is None


def test_a_goal_without_its_vague_date() -> None:
    from datetime import date

    from coach.language import read_goal

    reading = read_goal("duathlon sometime in spring.. date tbc 🚴", today=date(2026, 12, 1))
    assert reading.race_date is None and reading.words == "duathlon"
