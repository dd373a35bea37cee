"""Classes of wording read in general, not one dev item each: spelled scores anywhere, a
score then where or when it is felt, no pain now as 0."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import (
    is_none_answer,
    read_activities,
    read_checkin_answer,
    read_day,
    read_goal,
    read_message,
    read_pain,
    read_plan,
)
from coach.language.durations import read_duration, read_session_words


@pytest.mark.parametrize(("text", "score"), [
    ("hamstring, i would say seven", 7),
    ("achilles sore, pain score four", 4),
    ("knee is about three", 3),
    ("hip, rate it five", 5),
    ("ankle, eight when i run downhill", 8),
])
def test_a_score_spelled_in_words_is_read_wherever_it_stands(text: str, score: int) -> None:
    assert read_pain(text).score == score


@pytest.mark.parametrize(("text", "score"), [
    ("shin splints left leg, 4 on hills", 4),
    ("it band, 3 when i run downhill", 3),
    ("lower back. 6 after sitting all day", 6),
    ("calf tightness, 2 during strides", 2),
])
def test_a_score_then_where_or_when_it_is_felt(text: str, score: int) -> None:
    assert read_pain(text).score == score


def test_the_tempo_one_is_no_score() -> None:
    assert read_pain("missed a run, the tempo one").score is None


@pytest.mark.parametrize("text", [
    "old hamstring tear, no pain anymore",
    "sprained ankle last year, doesn't hurt now",
])
def test_no_pain_now_is_a_score_of_zero(text: str) -> None:
    assert read_pain(text).score == 0


def test_a_score_given_wins_over_no_pain_now() -> None:
    assert read_pain("knee: no pain now, 2/10 on stairs").score == 2


@pytest.mark.parametrize(("text", "minutes"), [
    ("did 50 tempo after work", 50),
    ("tempo 35 done, legs ok", 35),
    ("got my 100 long run in before the rain", 100),
    ("easy 30 on the treadmill", 30),
])
def test_a_bare_number_beside_a_kind_is_minutes_in_a_message(text: str, minutes: int) -> None:
    assert read_session_words(text).minutes == minutes


@pytest.mark.parametrize("text", ["easy 5 on the trails", "tempo 10k", "easy 45% effort",
                                  "hills at 7"])
def test_a_number_beside_a_kind_that_is_no_length(text: str) -> None:
    assert read_session_words(text).minutes is None


TODAY = date(2027, 3, 10)  # a Wednesday


@pytest.mark.parametrize("text", [
    "overslept and missed my easy run this morning",
    "slept in, no tempo today",
    "alarm didn't go off so the long run didn't happen",
    "woke up late, skipped the intervals",
    "i slept straight through my easy run",
])
def test_not_getting_up_for_a_run_is_a_missed_run(text: str) -> None:
    assert read_message(text, today=TODAY).intent == "missed_run"


@pytest.mark.parametrize("text", [
    "missed my tempo on monday. how do i make it up?",
    "didn't get to the long run yesterday, can i catch up on it?",
    "skipped intervals on tuesday, should i reschedule?",
])
def test_asking_to_make_up_a_missed_run_is_a_missed_run(text: str) -> None:
    assert read_message(text, today=TODAY).intent == "missed_run"


@pytest.mark.parametrize("text", [
    "skipped my long run yesterday, knee a bit achy so i didn't want to risk it",
    "no easy run today, calf slightly sore, just to be safe",
])
def test_a_run_skipped_as_a_precaution_is_a_missed_run(text: str) -> None:
    assert read_message(text, today=TODAY).intent == "missed_run"


def test_a_run_skipped_for_a_scored_pain_is_still_a_pain_report() -> None:
    text = "skipped my long run yesterday, knee is at a 6, didn't want to risk it"
    assert read_message(text, today=TODAY).intent == "pain"


def test_asking_to_make_up_a_missed_run_on_a_day_asks_about_the_plan() -> None:
    text = "missed monday's tempo, should i make it up on friday?"
    assert read_message(text, today=TODAY).intent == "plan_question"


@pytest.mark.parametrize(("text", "things"), [
    ("bought a treadmill and a bike 🎉", ["bike", "treadmill"]),
    ("got a rower plus a mtb 💪 so happy", ["mountain_bike", "rower"]),
])
def test_an_emoji_ends_a_list_of_things_gained(text: str, things: list[str]) -> None:
    assert read_message(text, today=TODAY).update.get("equipment_add") == things


@pytest.mark.parametrize(("text", "minutes"), [
    ("physio says my long run can go up to 2h now", 120),
    ("long runs could stretch to 100 min from next week", 100),
    ("my long run will be allowed to go to 1:45", 105),
    ("the long run may now build to 2.5 hrs", 150),
])
def test_a_long_run_said_with_a_modal_verb_changes_its_length(text: str,
                                                               minutes: int) -> None:
    assert read_message(text, today=TODAY).update.get("long_run_minutes") == minutes


@pytest.mark.parametrize(("text", "day"), [
    # TODAY is Wednesday 10 March 2027.
    ("late night yesterday so no tempo this morning", date(2027, 3, 10)),
    ("was sick on monday but did my easy run tuesday", date(2027, 3, 9)),
    ("worked a double yesterday, because of that skipped the intervals today",
     date(2027, 3, 10)),
    ("missed yesterday's long run, feeling fine today", date(2027, 3, 9)),
])
def test_with_several_days_the_run_is_on_the_day_in_its_own_clause(text: str,
                                                                   day: date) -> None:
    session = read_message(text, today=TODAY).session
    assert session is not None and session.day == day


def test_a_corrected_day_still_wins() -> None:
    session = read_message("missed my tempo on tuesday, sorry i meant monday",
                           today=TODAY).session
    assert session is not None and session.day == date(2027, 3, 8)


@pytest.mark.parametrize(("text", "minutes"), [
    ("hour and 15 easy", 75),
    ("hr and a half on the bike", 90),
    ("an hour-long spin", 60),
    ("a hr of easy running", 60),
    ("1 hr and a half", 90),
    ("a quarter of an hour", 15),
    ("half an hour", 30),
])
def test_hour_phrases_with_any_article_or_unit_spelling(text: str, minutes: int) -> None:
    assert read_duration(text) == minutes


def test_a_heart_rate_is_no_duration() -> None:
    assert read_duration("avg hr 65 bpm") is None


@pytest.mark.parametrize(("text", "day"), [
    ("day before yesterday", date(2027, 3, 8)),
    ("missed it the day before yday", date(2027, 3, 8)),
    ("a couple days ago", date(2027, 3, 8)),
    ("ran this morn", date(2027, 3, 10)),
    ("easy one this eve", date(2027, 3, 10)),
    ("did it 2day", date(2027, 3, 10)),
    ("yesturday", date(2027, 3, 9)),
    ("last nite", date(2027, 3, 9)),
    ("yday", date(2027, 3, 9)),
])
def test_relative_days_in_their_common_spellings(text: str, day: date) -> None:
    assert read_day(text, today=TODAY) == day


@pytest.mark.parametrize(("text", "intent", "kind"), [
    ("did an ez 40 this morning", "done", "easy"),
    ("missed my longrun yday", "missed_run", "long"),
    ("thresh sesh cancelled tonight", "missed_run", "tempo"),
    ("did a quick tempo after work", "done", "tempo"),
])
def test_running_words_shortened_as_runners_text_them(text: str, intent: str,
                                                      kind: str) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == intent
    assert reading.session is not None and reading.session.kind == kind


@pytest.mark.parametrize(("text", "words"), [
    ("change of mind: decided to do the berlin marathon in sept", {"berlin", "marathon"}),
    ("i want to run a half instead", {"half", "marathon"}),
    ("decided on a 10k in may", {"10k"}),
    ("rethinking my goal, gonna race a 50k trail race instead", {"50k"}),
])
def test_a_change_of_mind_about_the_goal_updates_it(text: str, words: set[str]) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert words <= set(str(reading.update.get("goal")).split())


@pytest.mark.parametrize("text", [
    "tue 40 easy, thu 45 tempo, sun 90 long. rest of days off",
    "tue 40 easy, thu 45 tempo, sun 90 long, days not listed are rest",
    "tue easy 40, thu tempo 45, sun long 90, other days off",
])
def test_every_other_day_said_in_any_words_is_rest(text: str) -> None:
    week = {r.weekday: (r.kind, r.minutes) for r in read_plan(text)}
    assert week == {0: ("rest", 0), 1: ("easy", 40), 2: ("rest", 0), 3: ("tempo", 45),
                    4: ("rest", 0), 5: ("rest", 0), 6: ("long", 90)}


@pytest.mark.parametrize("text", [
    "can you set my schedule to mon 30 easy, sat 70 long",
    "please update the plan: mon 30 easy, sat 70 long",
    "change my week to mon 30 easy, sat 70 long",
])
def test_a_plan_asked_for_in_any_words_is_set(text: str) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    runs = {(e["day"], e["kind"], e["minutes"]) for e in reading.update["plan_set"]}
    assert {("mon", "easy", 30), ("sat", "long", 70)} <= runs


@pytest.mark.parametrize("text", [
    "hit my intervals today 💪",
    "got through the long one this morning",
    "squeezed in my easy run at lunch",
    "banged out the tempo tonight",
])
def test_a_session_owned_with_any_verb_is_done(text: str) -> None:
    assert read_message(text, today=TODAY).intent == "done"


@pytest.mark.parametrize("text", [
    "swapped today's run for a swim",
    "subbed tomorrow's tempo for the bike",
])
def test_a_run_swapped_away_is_missed(text: str) -> None:
    assert read_message(text, today=TODAY).intent == "missed_run"


@pytest.mark.parametrize(("text", "day"), [
    # TODAY is Wednesday 10 March 2027.
    ("a week on saturday", date(2027, 3, 20)),
    ("saturday week", date(2027, 3, 20)),
    ("the saturday after next", date(2027, 3, 20)),
    ("in a fortnight", date(2027, 3, 24)),
    ("two weeks on sunday", date(2027, 3, 28)),
    ("a week tomorrow", date(2027, 3, 18)),
    ("this time next week", date(2027, 3, 17)),
    ("two weeks today", date(2027, 3, 24)),
    ("a week from sunday", date(2027, 3, 21)),
    ("3 weeks from this saturday", date(2027, 4, 3)),
])
def test_a_day_said_as_weeks_after_another(text: str, day: date) -> None:
    assert read_day(text, today=TODAY, direction="future") == day


def test_a_race_said_weeks_after_a_day_has_that_date_and_no_date_words() -> None:
    goal = read_goal("half marathon a week on sunday", today=TODAY)
    assert goal.race_date == date(2027, 3, 21)
    assert goal.goal == "half marathon"


@pytest.mark.parametrize("text", ["a week off", "saturday weekend"])
def test_a_week_that_is_no_offset(text: str) -> None:
    assert read_day(text, today=TODAY, direction="future") in (None, date(2027, 3, 13))


@pytest.mark.parametrize(("text", "day"), [
    ("the sunday one", date(2027, 3, 7)),
    ("the saturday long run", date(2027, 3, 6)),
    ("ran in the sun", None),
    ("i sat down after", None),
])
def test_a_full_day_name_after_an_article_is_a_day(text: str, day: date | None) -> None:
    assert read_day(text, today=TODAY) == day


_PLAN = {0: ("easy", 40), 1: ("intervals", 50), 2: ("rest", 0), 3: ("tempo", 45),
         4: ("rest", 0), 5: ("easy", 30), 6: ("long", 90)}


@pytest.mark.parametrize("text", ["skipping my next run", "can't do my next session",
                                  "when's my next one?"])
def test_the_next_run_is_the_next_day_the_plan_has_a_run(text: str) -> None:
    session = read_message(text, today=TODAY, plan=_PLAN).session
    assert session is not None
    assert (session.kind, session.minutes, session.day) == ("tempo", 45, date(2027, 3, 11))


@pytest.mark.parametrize(("text", "thing"), [
    ("we moved near the beach, so ocean swims are possible now", "open_water"),
    ("living right next to a lake now", "open_water"),
    ("a pool is now an option at my new place", "pool"),
])
def test_somewhere_new_to_train_is_gained(text: str, thing: str) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert thing in reading.update.get("equipment_add", [])


@pytest.mark.parametrize(("text", "minutes"), [
    ("long run max is 2h now", 120),
    ("max long run is 100 mins from now on", 100),
])
def test_a_long_run_cap_changes_its_length(text: str, minutes: int) -> None:
    assert read_message(text, today=TODAY).update.get("long_run_minutes") == minutes


def test_a_pool_that_cannot_be_used_is_not_gained() -> None:
    reading = read_message("the pool is closed for a month", today=TODAY)
    assert "pool" not in reading.update.get("equipment_add", [])


@pytest.mark.parametrize("text", [
    "no, fully fit",
    "just the usual aches, nothing specific",
    "my hips r creaky but nothing serious",
    "clean bill of health",
])
def test_aches_in_general_with_nothing_specific_are_none(text: str) -> None:
    assert is_none_answer(text)


@pytest.mark.parametrize("text", [
    "nothing serious but knee is 4/10 on stairs",
    "nothing major, an old ankle sprain that flares up",
])
def test_nothing_serious_with_a_score_or_an_injury_named_is_something(text: str) -> None:
    assert not is_none_answer(text)


@pytest.mark.parametrize(("text", "sites"), [
    ("my knees r old", ("knee",)),
    ("R knee sore", ("right knee",)),
    ("calf (R) tight", ("right calf",)),
    ("shin, L side", ("left shin",)),
])
def test_a_single_letter_is_a_side_only_beside_a_body_part(text: str,
                                                           sites: tuple[str, ...]) -> None:
    assert read_pain(text).sites == sites


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("aqua jogging is fine. plyos hurt my knees, dont want them", "deep_water_running",
     "plyometrics"),
    ("bike and swim are fine, elliptical kills my hips", "swimming", "elliptical"),
    ("swimming 👍 rowing 👎", "swimming", "rowing"),
    ("swimming ✅ elliptical ❌", "swimming", "elliptical"),
])
def test_an_activity_that_hurts_or_is_not_wanted_is_disliked(text: str, liked: str,
                                                             disliked: str) -> None:
    prefs = read_activities(text)
    assert liked in prefs.likes and liked not in prefs.dislikes
    assert disliked in prefs.dislikes and disliked not in prefs.likes


@pytest.mark.parametrize(("text", "sunday"), [
    ("mon 30 easy, thu 45 tempo, sun 90 long. actually sunday is more like 100", ("long", 100)),
    ("mon 30 easy, sun 90 long. actually sunday is 100", ("long", 100)),
    ("mon 30 easy, sun 90 long. sorry, sunday should be 80", ("long", 80)),
])
def test_a_day_said_again_after_a_correction_cue_changes_its_run(
        text: str, sunday: tuple[str, int]) -> None:
    week = {r.weekday: (r.kind, r.minutes) for r in read_plan(text)}
    assert week[6] == sunday and week[0] == ("easy", 30)


def test_a_correction_that_names_another_day_still_moves_the_run() -> None:
    week = {r.weekday: (r.kind, r.minutes) for r in
            read_plan("sat long 2h, no actually make that sunday. tue tempo 40")}
    assert week.get(6) == ("long", 120) and week.get(5, ("rest", 0))[0] == "rest"


@pytest.mark.parametrize(("text", "status"), [
    ("did 45 min spin instead", "swapped"),
    ("hopped on the peloton for 40", "swapped"),
    ("did it on the treadmill instead of outside", "done"),
    ("ran on the treadmill", "done"),
])
def test_any_cross_training_the_catalogue_knows_is_a_swap(text: str, status: str) -> None:
    assert read_checkin_answer(text, today=TODAY) == status
