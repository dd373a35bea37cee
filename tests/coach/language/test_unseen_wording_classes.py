"""Classes of wording read in general: "cannot" as a miss, time spent on something else,
pain felt in a named session, a countdown to one's own race, a cap on the long run, and a
request about the check-ins asked as a question. Each case words its class differently
from the development item that showed it."""

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
    read_plan,
)

# Thursday 10 Dec 2026; the plan: mon easy 30, tue intervals 50, thu tempo 40, sat easy 45,
# sun long 120 (wed and fri rest).
TODAY = date(2026, 12, 10)
PLAN = {0: ("easy", 30), 1: ("intervals", 50), 3: ("tempo", 40), 5: ("easy", 45),
        6: ("long", 120)}


@pytest.mark.parametrize("text", [
    "i cannot make it out tonight, parents evening at school",
    "So sorry coach, I can not do the run today, the kids are ill",
    "cannot fit the tempo in today",
])
def test_cannot_and_can_not_say_a_run_is_missed(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("tempo", 40)
    assert reading.day == TODAY


@pytest.mark.parametrize("text", [
    "missing today's run, train delayed by 3 hours",
    "no run today, worked a 14 hour shift",
    "skipping today, slept 4 hrs last night",
    "can't run today, stuck in traffic for 2 hours",
])
def test_time_spent_on_something_else_is_not_the_sessions_length(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None
    assert reading.session.minutes == 40  # today's planned tempo


def test_a_run_cut_short_after_work_still_counts_its_minutes() -> None:
    reading = read_message("ran after work but only 25 min", today=TODAY, plan=PLAN)
    assert reading.session is not None
    assert reading.session.minutes == 25


@pytest.mark.parametrize(("text", "kind", "minutes", "day"), [
    ("hamstring tightened up during tuesday's intervals, 5/10", "intervals", 50,
     date(2026, 12, 8)),
    ("pulled out of the long run on sunday, hip was a 6", "long", 120, date(2026, 12, 6)),
    ("sharp pain in my left shin towards the end of today's run, about a 5", "tempo", 40,
     TODAY),
])
def test_pain_felt_in_a_named_session_reads_that_session(
        text: str, kind: str, minutes: int, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)
    assert reading.day == day


def test_pain_without_a_session_names_none() -> None:
    reading = read_message("left achilles is a 4/10 this week", today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is None


@pytest.mark.parametrize("text", [
    "how long until race day?",
    "when is my marathon again?",
    "how many days have i got till the race",
])
def test_a_countdown_to_ones_own_race_asks_about_the_plan(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "plan_question"


def test_a_question_about_races_in_general_is_for_the_articles() -> None:
    assert read_message("what should i eat before a race?", today=TODAY,
                        plan=PLAN).intent == "article_question"


@pytest.mark.parametrize(("text", "minutes"), [
    ("please keep the long run under 100 min from now", 100),
    ("limit my long runs to 90 minutes", 90),
    ("no long runs over 2h30 please", 150),
])
def test_a_cap_on_the_long_run_changes_its_length(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get("long_run_minutes") == minutes


@pytest.mark.parametrize(("text", "key", "value"), [
    ("could my reminders be on lisbon time? moved there last week", "timezone",
     "Europe/Lisbon"),
    ("visiting family in chicago, can the check-ins follow chicago time", "timezone",
     "America/Chicago"),
])
def test_a_request_about_the_check_ins_asked_as_a_question_is_a_change(
        text: str, key: str, value: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get(key) == value


# --- onboarding answers --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("tue rec 30, thu tempo 45, sun long 90", 1),
    ("mon rec run 35 / wed 50 tempo", 0),
    ("fri 25 recov, sun 80 long", 4),
])
def test_rec_and_recov_are_recovery_runs(text: str, day: int) -> None:
    runs = {run.weekday: run for run in read_plan(text)}
    assert runs[day].kind == "recovery"


def test_a_rec_centre_is_no_recovery_run() -> None:
    runs = read_plan("mon 40 easy at the rec centre, wed tempo 45")
    assert runs[0].kind == "easy"


@pytest.mark.parametrize(("text", "days", "minutes"), [
    ("I run 4 times a week, 30 min each time, mon tue thu sat", (0, 1, 3, 5), 30),
    ("easy 40 mins each, on tuesday and friday", (1, 4), 40),
    ("3 runs of 45 min each. mon, wed and fri", (0, 2, 4), 45),
    ("two runs a week, an hour each, on wednesday and sunday", (2, 6), 60),
])
def test_a_length_said_before_the_days_is_theirs(
        text: str, days: tuple[int, ...], minutes: int) -> None:
    runs = read_plan(text)
    assert [run.weekday for run in runs] == list(days)
    assert {run.minutes for run in runs} == {minutes}


def test_a_length_no_day_takes_is_still_asked_about() -> None:
    with pytest.raises(ValueError):
        read_plan("easy 30, then tue tempo 40")


@pytest.mark.parametrize(("text", "hour"), [
    ("middayish pls", 12),
    ("sevenish in the evening", 19),
    ("sixish", 6),
    ("lunchtimeish", 12),
])
def test_ish_glued_to_a_time_is_about_that_time(text: str, hour: int) -> None:
    assert read_clock_time(text) == time(hour, 0)


def test_finish_is_no_time() -> None:
    assert read_clock_time("when i finish") is None


@pytest.mark.parametrize(("text", "site"), [
    ("the ball of the left foot aches after long runs", "left forefoot"),
    ("balls of my feet burn on the treadmill, 3/10", "forefoot"),
])
def test_the_ball_of_the_foot_is_the_forefoot(text: str, site: str) -> None:
    assert read_pain(text).sites == (site,)


@pytest.mark.parametrize(("text", "site"), [
    ("right hip, it band i think, 4/10", "right hip it band"),
    ("left heel achilles pain 5/10", "left heel achilles"),
])
def test_a_structure_named_with_its_part_is_one_injury(text: str, site: str) -> None:
    assert read_pain(text).sites == (site,)


def test_a_structure_on_the_other_side_is_another_injury() -> None:
    assert read_pain("sore right knee and left IT band").sites == ("right knee", "left it band")


# --- plan changes and several days in one message ------------------------------------------


@pytest.mark.parametrize(("text", "row"), [
    ("change monday's run to hills, 45", {"day": "mon", "kind": "hills", "minutes": 45}),
    ("can you turn saturday into a 30 min recovery jog",
     {"day": "sat", "kind": "recovery", "minutes": 30}),
    ("switching sunday to a 100 min long run", {"day": "sun", "kind": "long", "minutes": 100}),
])
def test_a_weekday_changed_to_another_run_changes_that_day(
        text: str, row: dict[str, object]) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update["plan_set"] == [row]
    assert reading.update["plan_partial"] is True


@pytest.mark.parametrize("text", [
    "switch monday to hills this week",
    "can i change tomorrow's run to an easy one",
])
def test_a_change_kept_to_one_week_is_no_plan_change(text: str) -> None:
    assert "plan_set" not in read_message(text, today=TODAY, plan=PLAN).update


@pytest.mark.parametrize("text", [
    "skipped the intervals tuesday. also missing today, work is mad",
    "monday got rained out and honestly today isn't happening either",
])
def test_of_several_days_missed_the_latest_is_the_one_read(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == TODAY
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("tempo", 40)


# --- places to train -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "added"), [
    ("joined a gym that has a pool", ["gym", "pool"]),
    ("switched to a gym with treadmills and a rower", ["gym", "rower", "treadmill"]),
    ("my new gym's got a versaclimber", ["gym", "versaclimber"]),
])
def test_a_new_place_is_gained_with_what_it_holds(text: str, added: list[str]) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update["equipment_add"] == added
    assert "goal" not in reading.update


def test_a_known_gym_with_something_new_adds_only_the_new_thing() -> None:
    reading = read_message("my gym has a stairmaster now", today=TODAY, plan=PLAN)
    assert reading.update["equipment_add"] == ["stair_climber"]


@pytest.mark.parametrize(("text", "equipment"), [
    ("there is a rower at the uni gym", ("gym", "rower")),
    ("stairmaster in the college gym", ("gym", "stair_climber")),
])
def test_a_campus_gym_is_a_gym(text: str, equipment: tuple[str, ...]) -> None:
    assert read_equipment(text) == equipment


def test_a_building_gym_holding_one_machine_is_no_gym() -> None:
    assert read_equipment("there is a treadmill in the condo gym") == ("treadmill",)


# --- questions in general ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "rowing or swimming if my knee is cranky, which is best?",
    "pool vs bike with a sore achilles. which one?",
    "treadmill or elliptical when my shins are sore, what's better?",
])
def test_a_part_supposed_to_hurt_in_a_question_weighing_options_asks_in_general(
        text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "article_question"


def test_a_part_that_hurts_now_with_a_score_is_still_pain() -> None:
    reading = read_message("my knee is a 5/10, is bike or elliptical better?", today=TODAY,
                           plan=PLAN)
    assert reading.intent == "pain"


@pytest.mark.parametrize("text", [
    "how should i structure strength work around my week?",
    "how can i add some yoga to my plan without getting tired",
    "how do i balance cycling and running in my week",
])
def test_how_to_fit_something_in_asks_the_articles(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "article_question"


def test_how_to_fit_a_run_on_a_named_day_asks_about_the_plan() -> None:
    reading = read_message("how do i fit my long run in on thursday?", today=TODAY, plan=PLAN)
    assert reading.intent == "plan_question"


# --- goals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "words"), [
    ("a 30k road race on the 4th of july", {"30k", "race"}),
    ("my first half marathon race, in may", {"first", "half", "marathon", "race"}),
    ("80k mountain race in the alps", {"mountain", "80k", "ultra", "race"}),
])
def test_race_said_with_its_distance_is_kept_in_the_goal(text: str, words: set[str]) -> None:
    goal = read_goal(text, today=TODAY).goal
    assert goal is not None and set(goal.split()) == words


def test_a_distance_alone_gets_no_race_word() -> None:
    assert read_goal("half marathon in march", today=TODAY).goal == "half marathon"


@pytest.mark.parametrize(("text", "goal"), [
    ("rethinking my goal, want to run my first 10k race instead", "first 10k race"),
    ("change of mind, gonna do a trail half instead of the full", "trail half marathon"),
])
def test_a_new_goal_inside_a_later_cue_is_read_whole(text: str, goal: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get("goal") == goal


@pytest.mark.parametrize(("text", "target"), [
    ("Manchester marathon, goal time: 3:50", "marathon 3:50"),
    ("Chester marathon in october, good for age time 3:15", "marathon 3:15"),
])
def test_a_time_named_as_the_one_to_run_is_the_target(text: str, target: str) -> None:
    # A time to run is noted as it is (fourth round: most sets write "London Marathon
    # 3:05" for "gfa time 3:05"); only "under"/"sub"/"break" make it "sub".
    goal = read_goal(text, today=TODAY).goal
    assert goal is not None and goal.endswith(target)


# --- found by paraphrasing the classes above -----------------------------------------------


@pytest.mark.parametrize(("text", "minutes"), [
    ("only managed 20 mins today", 20),
    ("managed about 35 min of the tempo before the rain", 35),
    ("managed to squeeze in 30 min at lunch", 30),
])
def test_part_of_a_run_managed_is_a_run_done(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == minutes


@pytest.mark.parametrize("text", [
    "cramp in my calf halfway through the long run, now 3/10",
    "hip is niggly since sunday's long run, like a 2",
])
def test_pain_in_a_session_reads_the_session_from_its_own_clause(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("long", 120)
    assert reading.day == date(2026, 12, 6)


def test_a_goal_said_to_be_now_keeps_its_target() -> None:
    reading = read_message("my goal is now a sub 3:30 marathon", today=TODAY, plan=PLAN)
    assert reading.update.get("goal") == "marathon sub 3:30"


def test_a_week_of_runs_switched_to_is_a_plan_not_a_goal() -> None:
    reading = read_message(
        "i'm switching to 3 runs a week: tue easy 40, thu tempo 45, sun long 100",
        today=TODAY, plan=PLAN)
    assert "goal" not in reading.update
    assert reading.update["plan_set"] == [
        {"day": "tue", "kind": "easy", "minutes": 40},
        {"day": "thu", "kind": "tempo", "minutes": 45},
        {"day": "sun", "kind": "long", "minutes": 100}]


@pytest.mark.parametrize(("text", "answer"), [
    ("hmm not really", "no"),
    ("umm yeah ok", "yes"),
    ("erm, no thanks", "no"),
    ("well... sure", "yes"),
])
def test_a_sound_of_hesitation_before_a_clear_answer_leaves_it(text: str, answer: str) -> None:
    assert read_answer(text) == answer


@pytest.mark.parametrize("text", ["hmm", "uh not sure"])
def test_hesitation_alone_is_no_answer(text: str) -> None:
    assert read_answer(text) is None


@pytest.mark.parametrize("text", [
    "knees are a bit creaky but no injuries",
    "just the usual aches and pains",
    "general stiffness, nothing else",
])
def test_aches_in_general_are_no_injury(text: str) -> None:
    assert is_none_answer(text)


def test_a_condition_named_with_its_heel_is_one_injury() -> None:
    assert read_pain("plantar fasciitis in my left heel, 4").sites == (
        "left heel plantar fasciitis",)


@pytest.mark.parametrize(("text", "likes", "dislikes"), [
    ("swimming is awful, cycling is fine", {"road_cycling"}, {"swimming"}),
    ("hiking yes, the elliptical is hell", {"hiking"}, {"elliptical"}),
    ("rowing sucks tbh but i like the spin bike", {"indoor_cycling"}, {"rowing"}),
])
def test_an_activity_said_to_be_bad_after_its_name_is_disliked(
        text: str, likes: set[str], dislikes: set[str]) -> None:
    prefs = read_activities(text)
    assert (set(prefs.likes), set(prefs.dislikes)) == (likes, dislikes)


def test_the_hell_out_of_is_no_dislike() -> None:
    assert read_activities("I love the hell out of cycling").dislikes == ()


@pytest.mark.parametrize(("text", "moment"), [
    ("before bed, around 10", time(22, 0)),
    ("at bedtime, 9:30", time(21, 30)),
    ("at teatime, 5", time(17, 0)),
])
def test_an_hour_said_with_bedtime_or_teatime_is_in_the_evening(text: str, moment: time) -> None:
    assert read_clock_time(text) == moment


@pytest.mark.parametrize(("text", "week"), [
    ("run tues, thurs and sat. sat is the long one, 90 min, others 40",
     [(1, "easy", 40), (3, "easy", 40), (5, "long", 90)]),
    ("mon wed sun. sunday's my long run, 2h, others 30",
     [(0, "easy", 30), (2, "easy", 30), (6, "long", 120)]),
])
def test_a_length_for_the_other_days_is_not_the_long_runs(
        text: str, week: list[tuple[int, str, int]]) -> None:
    assert [(r.weekday, r.kind, r.minutes) for r in read_plan(text)] == week


@pytest.mark.parametrize("text", [
    "half of it, ran out of time",
    "most of it, then ran out of daylight",
])
def test_part_of_a_run_in_a_check_in_answer_is_done(text: str) -> None:
    assert read_checkin_answer(text, today=TODAY) == "done"


def test_all_good_answers_yes() -> None:
    assert read_answer("all good!") == "yes"
    assert read_checkin_answer("all good", today=TODAY) == "done"


def test_ill_points_ahead() -> None:
    reading = read_message("i'll miss monday's run, dentist", today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == date(2026, 12, 14)


@pytest.mark.parametrize("text", [
    "long run sunday? not a chance, it's my sister's wedding",
    "not feeling it today, might just rest",
    "legs are dead, i'll rest today",
])
def test_not_up_to_it_or_resting_instead_is_a_miss(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "missed_run"


def test_a_run_cut_short_is_a_run_done() -> None:
    reading = read_message("cut the tempo short after 25 min, side stitch", today=TODAY,
                           plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == 25


@pytest.mark.parametrize(("text", "day"), [
    ("can't do sunday next week, away", date(2026, 12, 20)),
    ("next week on tuesday i'm travelling, no run", date(2026, 12, 15)),
])
def test_a_weekday_of_next_week_is_in_the_next_calendar_week(text: str, day: date) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).day == day


def test_runs_said_to_swap_places_move_with_their_lengths() -> None:
    runs = read_plan("mon hills 45, wed easy 30, sun long 90 - other way round for mon and "
                     "wed: easy monday, hills wednesday")
    assert [(r.weekday, r.kind, r.minutes) for r in runs] == [
        (0, "easy", 30), (2, "hills", 45), (6, "long", 90)]


def test_a_day_said_again_without_a_swap_keeps_its_length() -> None:
    runs = read_plan("mon easy 40, wed tempo 45. actually wed is easy too")
    assert [(r.weekday, r.kind, r.minutes) for r in runs] == [(0, "easy", 40), (2, "easy", 45)]


@pytest.mark.parametrize(("text", "key", "value"), [
    ("heads up, the half date has changed to may 9", "race_date", date(2027, 5, 9)),
    ("my longest run right now is around 110 min", "long_run_minutes", 110),
    ("long run's 1h50 these days", "long_run_minutes", 110),
    ("now aiming for a sub 45 10k", "goal", "10k sub 45"),
])
def test_profile_news_in_more_words(text: str, key: str, value: object) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get(key) == value


def test_sub_before_a_time_is_a_target_not_a_substitute() -> None:
    assert read_message("targeting sub 3 at the marathon", today=TODAY,
                        plan=PLAN).intent != "missed_run"


@pytest.mark.parametrize("text", [
    "what's the best thing to eat after my long run?",
    "why do my calves cramp this week?",
    "would the elliptical be a good substitute for my recovery runs?",
])
def test_advice_asked_about_ones_training_in_general_is_for_the_articles(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "article_question"


@pytest.mark.parametrize(("text", "intent"), [
    ("why is my long run on sunday?", "plan_question"),
    ("can i swap my tempo for a bike ride?", "missed_run"),
])
def test_questions_about_one_session_of_ones_own_stay_so(text: str, intent: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("cnt make the tempo tonight", "missed_run"),
    ("tempo ❌ work ran late", "missed_run"),
    ("did 6k easy before work", "done"),
    ("did about 40 mins on the road", "done"),
])
def test_short_forms_marks_and_a_distance_done(text: str, intent: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == intent


def test_a_cross_in_a_check_in_answer_is_a_miss() -> None:
    assert read_checkin_answer("❌", today=TODAY) == "missed"


@pytest.mark.parametrize("text", [
    "long run done, quads achy but just the usual doms",
    "tempo went well, hamstrings a bit tight, normal stiffness",
])
def test_the_usual_soreness_after_a_run_is_no_pain_report(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "done"


def test_the_usual_soreness_with_a_score_is_pain() -> None:
    reading = read_message("usual doms but the left knee is a 5/10", today=TODAY, plan=PLAN)
    assert reading.intent == "pain"


@pytest.mark.parametrize("text", ["did my run, no issues", "ran the tempo, zero pain"])
def test_a_run_done_with_no_pain_is_done(text: str) -> None:
    assert read_checkin_answer(text, today=TODAY) == "done"


@pytest.mark.parametrize("text", [
    "had ITB syndrome in 2023, fine since",
    "sprained my ankle two years ago, no problems ever since",
])
def test_an_old_injury_fine_since_is_none(text: str) -> None:
    assert is_none_answer(text)


def test_an_old_injury_that_still_hurts_is_one() -> None:
    assert not is_none_answer("sprained ankle last year, fine since but still sore on trails")


@pytest.mark.parametrize("text", ["when do i do hills?", "when's my next track session?"])
def test_when_ones_own_session_falls_asks_about_the_plan(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "plan_question"


@pytest.mark.parametrize("text", ["when should i do strides?", "are drills worth it?"])
def test_drills_and_strides_are_topics_for_the_articles(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "article_question"


def test_a_5k_parkrun_keeps_both_words() -> None:
    assert read_goal("sub 22 at my 5k parkrun", today=TODAY).goal == "5k parkrun sub 22"


def test_a_parkrun_alone_stays_a_parkrun() -> None:
    assert read_goal("parkrun pb", today=TODAY).goal == "parkrun pb"
