"""More ways runners write, one table per reader (cases written for these tests)."""

from __future__ import annotations

from datetime import date, time

import pytest

from coach.language import (
    is_none_answer,
    read_activities,
    read_answer,
    read_checkin_answer,
    read_clock_time,
    read_equipment,
    read_goal,
    read_message,
    read_pain,
)

WED = date(2027, 3, 10)
PLAN = {0: ("easy", 40), 1: ("intervals", 50), 2: ("rest", 0), 3: ("tempo", 45),
        4: ("easy", 30), 5: ("recovery", 25), 6: ("long", 130)}


@pytest.mark.parametrize(("text", "intent", "kind", "minutes", "day"), [
    ("missed my run yesterday", "missed_run", "intervals", 50, date(2027, 3, 9)),
    ("didn't manage my long run on sunday", "missed_run", "long", 130, date(2027, 3, 7)),
    ("legs were dead so i skipped monday's easy", "missed_run", "easy", 40, date(2027, 3, 8)),
    ("gonna have to skip tomorrow's tempo, wedding", "missed_run", "tempo", 45,
     date(2027, 3, 11)),
    ("can't run on saturday, traveling", "missed_run", "recovery", 25, date(2027, 3, 13)),
    ("what's on for tomorrow?", "plan_question", "tempo", 45, date(2027, 3, 11)),
    ("how long is saturday's run?", "plan_question", "recovery", 25, date(2027, 3, 13)),
    ("is thursday a hard day?", "plan_question", "tempo", 45, date(2027, 3, 11)),
    ("finished my long run, 2h10", "done", "long", 130, WED),
    ("ran 45 min easy this morning", "done", "easy", 45, WED),
])
def test_sessions_in_free_text(text: str, intent: str, kind: str, minutes: int,
                               day: date) -> None:
    reading = read_message(text, today=WED, plan=PLAN)
    assert reading.intent == intent
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes, reading.day) == (kind, minutes, day)


@pytest.mark.parametrize(("text", "intent"), [
    ("what should i do today?", "plan_question"),
    ("is cycling good cross training for runners?", "article_question"),
    ("how do i avoid shin splints?", "article_question"),
    ("does swimming help running", "article_question"),
    ("intervals done, legs are toast", "done"),
    ("IT band flaring up again", "pain"),
])
def test_more_intents(text: str, intent: str) -> None:
    assert read_message(text, today=WED, plan=PLAN).intent == intent


@pytest.mark.parametrize(("text", "update"), [
    ("sold my bike", {"equipment_remove": ["bike"]}),
    ("i joined a gym", {"equipment_add": ["gym"]}),
    ("knee is healed", {"injuries_remove": ["knee"]}),
    ("moved to berlin", {"timezone": "Europe/Berlin"}),
    ("now training for a half marathon", {"goal": "half marathon"}),
    ("new plan: mon easy 40, sun long 2h", {"plan_set": [
        {"day": "mon", "kind": "easy", "minutes": 40},
        {"day": "sun", "kind": "long", "minutes": 120}]}),
])
def test_more_profile_updates(text: str, update: dict[str, object]) -> None:
    reading = read_message(text, today=WED)
    assert (reading.intent, reading.update) == ("profile_update", update)


def test_back_is_a_body_part_only_as_one() -> None:
    assert read_pain("shin splints are back, maybe a 5").sites == ("shin splints",)
    assert read_pain("lower back pain").sites == ("lower back",)
    assert read_pain("my back hurts").sites == ("back",)


@pytest.mark.parametrize(("text", "answer"), [
    ("absolutely not", "no"), ("n", "no"), ("go on then", "yes"), ("I'd prefer not", "no"),
    ("ask me tomorrow", "skip"), ("not at the moment", "skip"), ("nah im good", "no"),
])
def test_more_answers(text: str, answer: str) -> None:
    assert read_answer(text) == answer


@pytest.mark.parametrize("text", ["none really, just running shoes", "nothing serious",
                                  "Nope!", "nah all good"])
def test_more_nones(text: str) -> None:
    assert is_none_answer(text)


def test_running_is_not_a_cross_training_like() -> None:
    assert read_activities("nothing, I just want to run").likes == ()
    assert read_activities("the treadmill I guess").likes == ("treadmill_zone2_run",)


def test_equipment_phrasings() -> None:
    assert read_equipment("road bike + turbo trainer") == ("bike", "indoor_bike")
    assert read_equipment("Concept2 rower, peloton") == ("indoor_bike", "rower")


@pytest.mark.parametrize(("text", "expected"), [
    ("evenings around 6", time(18, 0)), ("18h", time(18, 0)), ("half past seven", time(7, 30)),
    ("seven thirty", time(7, 30)), ("quarter to eight", time(7, 45)), ("lunch", time(12, 0)),
])
def test_clock_times_in_words(text: str, expected: time) -> None:
    assert read_clock_time(text) == expected


def test_goal_text_leaves_the_date_out() -> None:
    goal = read_goal("Boston 2027-04-19", today=WED)
    # A race known by name keeps its name beside its distance; the words stay as said.
    assert (goal.goal, goal.words, goal.race_date) == ("boston marathon", "Boston",
                                                      date(2027, 4, 19))
    assert read_goal("50 mile ultra in august, 14th", today=WED).race_date == date(2027, 8, 14)


@pytest.mark.parametrize(("text", "status"), [
    ("ran but cut it short", "done"), ("rowed 30 min", "swapped"),
    ("hip niggle 3/10 but finished", "pain"), ("didn't get to it", "missed"),
])
def test_more_checkin_answers(text: str, status: str) -> None:
    assert read_checkin_answer(text, today=WED) == status


FRI = date(2027, 3, 12)
PLAN_FRI = {0: ("easy", 40), 1: ("intervals", 50), 2: ("rest", 0), 3: ("tempo", 45),
            4: ("easy", 30), 5: ("long", 110), 6: ("recovery", 25)}


@pytest.mark.parametrize(("text", "intent", "kind", "minutes", "day"), [
    ("my 30min easy isnt gonna happen", "missed_run", "easy", 30, FRI),
    ("no long run this weekend, at a wedding", "missed_run", "long", 110, date(2027, 3, 13)),
    ("feeling sick, taking today off", "missed_run", "easy", 30, FRI),
    ("just did 40 min easy", "done", "easy", 40, FRI),
    ("didnt run yday, work", "missed_run", "tempo", 45, date(2027, 3, 11)),
])
def test_slang_and_short_forms(text: str, intent: str, kind: str, minutes: int,
                               day: date) -> None:
    reading = read_message(text, today=FRI, plan=PLAN_FRI)
    assert reading.intent == intent
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes, reading.day) == (kind, minutes, day)


@pytest.mark.parametrize(("text", "intent"), [
    ("is it ok to run with a cold?", "article_question"),
    ("what?", "other"),
    ("gym closed permanently so no gym anymore", "profile_update"),
])
def test_questions_without_the_plan_and_short_ones(text: str, intent: str) -> None:
    assert read_message(text, today=FRI, plan=PLAN_FRI).intent == intent


def test_goal_dates_stay_sensible() -> None:
    jan = date(2027, 1, 20)
    # A month alone is its 15th by convention, flagged approximate (round ten).
    assert read_goal("ironman 70.3 in june", today=jan).race_date == date(2027, 6, 15)
    assert read_goal("5k parkrun pb this saturday", today=jan).race_date == date(2027, 1, 23)


@pytest.mark.parametrize("text", ["not really", "i'm good", "just my trainers"])
def test_none_said_casually(text: str) -> None:
    assert is_none_answer(text)


@pytest.mark.parametrize(("text", "intent"), [
    ("knee hurts when i run downhill, what should i do?", "pain"),
    ("is knee pain normal after long runs?", "article_question"),
    ("it's -15 out, no way i'm running", "missed_run"),
    ("trails closed due to fire", "missed_run"),
    ("running late, will do my run later", "other"),
    ("should runners do yoga", "article_question"),
])
def test_statements_and_questions(text: str, intent: str) -> None:
    assert read_message(text, today=FRI, plan=PLAN_FRI).intent == intent


def test_time_zone_and_checkin_time_updates() -> None:
    assert read_message("timezone: Europe/London", today=FRI).update == {
        "timezone": "Europe/London"}
    assert read_message("change my check in time to 7am", today=FRI).update == {
        "checkin_time": time(7, 0)}


@pytest.mark.parametrize(("text", "status"), [
    ("did the elliptical", "swapped"), ("ran 5k then walked", "done"), ("sick", "missed"),
    ("partially, 20 min", "done"),
])
def test_checkin_answers_with_other_activities(text: str, status: str) -> None:
    assert read_checkin_answer(text, today=FRI) == status


@pytest.mark.parametrize(("text", "runs"), [
    ("mon easy 40, sat long 90, knee is a 3/10 though", [(0, "easy", 40), (5, "long", 90)]),
    ("usually 3 runs: tuesday 5k easy, saturday long 90 min", [(1, "easy", 30), (5, "long", 90)]),
    ("I run mon wed fri, 40 min each, long on sunday 100",
     [(0, "easy", 40), (2, "easy", 40), (4, "easy", 40), (6, "long", 100)]),
    ("tue: intervals 1h, sat: long 1:45 (left hip niggle 2/10)",
     [(1, "intervals", 60), (5, "long", 105)]),
])
def test_plans_with_other_facts_in_them(text: str, runs: list[tuple[int, str, int]]) -> None:
    from coach.language import read_plan

    assert [(r.weekday, r.kind, r.minutes) for r in read_plan(text)] == runs
    if "/10" in text:
        assert read_pain(text).score is not None


@pytest.mark.parametrize(("text", "score"), [
    ("knee 6 on the pain scale", 6), ("rate it 5", 5), ("hip sore, 2 maybe", 2),
    ("sore foot - 2", 2), ("like two out of ten, left hip", 2),
])
def test_more_pain_scores(text: str, score: int) -> None:
    assert read_pain(text).score == score


@pytest.mark.parametrize(("text", "update"), [
    ("we joined the Y", {"equipment_add": ["gym"]}),
    ("no more knee pain", {"injuries_remove": ["knee"]}),
    ("my long runs are up to 2:15 now", {"long_run_minutes": 135}),
    ("I switched my goal to the 10k", {"goal": "10k"}),
    ("plan changed to 18 weeks", {"plan_weeks": 18}),
    ("can you remind me at 6", {"checkin_time": time(6, 0)}),
])
def test_corrections_said_other_ways(text: str, update: dict[str, object]) -> None:
    reading = read_message(text, today=FRI)
    assert (reading.intent, reading.update, reading.pain) == ("profile_update", update, None)


@pytest.mark.parametrize(("text", "intent"), [
    ("who are you", "other"), ("how do I cancel my subscription", "other"),
    ("benefits of swimming for runners", "article_question"),
])
def test_questions_the_articles_answer(text: str, intent: str) -> None:
    assert read_message(text, today=FRI).intent == intent


@pytest.mark.parametrize(("text", "day"), [
    ("missed the long run", date(2027, 3, 6)),  # past tense: the last one
    ("skipping the long run, sick", date(2027, 3, 13)),  # present: the closer one
    ("saturday long run is off, wedding", date(2027, 3, 13)),
    ("can't do sunday's recovery", date(2027, 3, 14)),  # ahead
])
def test_tense_decides_which_day(text: str, day: date) -> None:
    assert read_message(text, today=FRI, plan=PLAN_FRI).day == day


def test_typos_in_key_words() -> None:
    reading = read_message("mised wednsday's intervls", today=FRI, plan=PLAN_FRI)
    assert reading.session is not None
    assert (reading.intent, reading.session.kind, reading.day) == (
        "missed_run", "intervals", date(2027, 3, 10))
    assert read_pain("achillies sore, 3/10").sites == ("achilles",)
    assert read_equipment("tredmill and an eliptical") == ("elliptical", "treadmill")


@pytest.mark.parametrize("word", ["slipped", "along", "recycling", "growing", "shipped"])
def test_real_words_are_not_typos(word: str) -> None:
    from coach.language.typos import correct

    assert correct(word) == word


@pytest.mark.parametrize(("text", "answer"), [
    ("i guess so", "yes"), ("whatever", "yes"), ("I'd like that", "yes"), ("I do", "yes"),
    ("I don't", "no"), ("I'll think about it", "skip"),
])
def test_answers_said_in_passing(text: str, answer: str) -> None:
    assert read_answer(text) == answer


def test_a_negation_far_back_does_not_hide_where_it_hurts() -> None:
    reading = read_message("couldn't do intervals tuesday, achilles flared up, like a 5",
                           today=date(2027, 3, 11), plan=PLAN_FRI)
    assert reading.intent == "missed_run"
    assert reading.pain is not None
    assert (reading.pain.score, reading.pain.sites) == (5, ("achilles",))
    assert read_pain("no knee pain at all").sites == ()


def test_no_session_word_today_is_a_miss() -> None:
    assert read_message("no fartlek today", today=FRI, plan=PLAN_FRI).intent == "missed_run"


@pytest.mark.parametrize(("text", "intent"), [
    ("how should i fuel my long runs?", "article_question"),
    ("what should i eat before my long run?", "article_question"),
    ("how long is my long run?", "plan_question"),
    ("when is my next long run?", "plan_question"),
])
def test_my_session_in_a_question_about_the_schedule(text: str, intent: str) -> None:
    assert read_message(text, today=FRI, plan=PLAN_FRI).intent == intent


@pytest.mark.parametrize(("text", "day"), [
    ("2 days ago", date(2027, 3, 10)), ("three days ago", date(2027, 3, 9)),
    ("this past sunday", date(2027, 3, 7)),
])
def test_days_counted_back(text: str, day: date) -> None:
    from coach.language import read_day

    assert read_day(text, today=FRI) == day


@pytest.mark.parametrize(("text", "kind"), [
    ("need something instead of my tempo", "tempo"), ("my tempo, not intervals", "tempo"),
    ("easy run with strides", "easy"), ("hill repeats", "hills"), ("cruise intervals", "tempo"),
])
def test_the_first_kind_named_and_not_denied(text: str, kind: str) -> None:
    from coach.language.durations import read_kind

    assert read_kind(text) == kind


@pytest.mark.parametrize(("text", "intent"), [
    ("whats next", "plan_question"), ("is it bad to run two days in a row", "article_question"),
    ("easy 40 ✔", "done"), ("did it", "done"),
])
def test_short_questions_and_ticks(text: str, intent: str) -> None:
    assert read_message(text, today=FRI, plan=PLAN_FRI).intent == intent


def test_day_groups_and_pipes_in_plans() -> None:
    from coach.language import read_plan

    runs = read_plan("weekdays 30 easy | sat long 90")
    assert [(r.weekday, r.kind, r.minutes) for r in runs] == [
        (0, "easy", 30), (1, "easy", 30), (2, "easy", 30), (3, "easy", 30), (4, "easy", 30),
        (5, "long", 90)]
    assert read_goal("50 mile ultra in august", today=FRI).goal == "50 mile ultra"


@pytest.mark.parametrize(("text", "status"), [
    ("stopped after 10 min, knee", "pain"), ("no - achilles", "pain"),
    ("no, legs felt bad", "missed"), ("did 20 min then stopped", "done"),
])
def test_checkin_answers_that_name_a_part(text: str, status: str) -> None:
    assert read_checkin_answer(text, today=FRI) == status


@pytest.mark.parametrize("text", ["good run today!", "tempo went well", "had a nice easy jog"])
def test_a_run_told_about_is_done(text: str) -> None:
    assert read_message(text, today=FRI, plan=PLAN_FRI).intent == "done"


def test_the_place_a_new_thing_is_in_is_not_news() -> None:
    assert read_message("my gym has a stairmaster now", today=FRI).update == {
        "equipment_add": ["stair_climber"]}


def test_a_general_question_for_something_instead_beside_pain_is_for_the_articles() -> None:
    # Nothing was missed: "what can I do instead?" after "my knee hurts after long runs"
    # asks the articles, while "can I swap my tempo?" asks about their own session.
    general = read_message("my knee hurts after long runs, what can I do instead?",
                           today=WED, plan=PLAN)
    assert general.intent == "article_question"
    assert read_message("can I swap my tempo?", today=WED, plan=PLAN).intent == "missed_run"
