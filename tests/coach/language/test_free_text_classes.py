"""Classes of free messages, each tried on phrasings written for these tests (not taken
from any evaluation set): idioms for a missed run, days said by name or as "the
weekend", slang spellings, corrections to the profile said in other words."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message, read_pain

MON = date(2027, 3, 8)  # a Monday
PLAN = {0: ("easy", 40), 1: ("intervals", 50), 2: ("rest", 0), 3: ("tempo", 45),
        4: ("rest", 0), 5: ("rest", 0), 6: ("long", 110)}


@pytest.mark.parametrize("text", [
    "hills slipped through the cracks today",
    "the tempo got rained off",
    "intervals got iced out this morning",
    "had to drop today's run, kid was sick",
    "ditched my easy run, too windy",
    "no 5x1k today, track closed",
    "easy run never happend",
])
def test_idioms_for_a_missed_run(text: str) -> None:
    assert read_message(text, today=MON, plan=PLAN).intent == "missed_run"


def test_forgot_to_say_is_no_missed_run() -> None:
    reading = read_message("ran my easy 40 this morning, forgot to mention", today=MON, plan=PLAN)
    assert reading.intent == "done"


def test_the_weekend_just_gone_and_its_day_with_that_session() -> None:
    reading = read_message("the weekend was a washout, no long run", today=MON, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == "long"
    assert reading.day == date(2027, 3, 7)  # Sunday, the weekend's long run


def test_a_date_named_first_is_the_session_day_not_a_later_reason() -> None:
    today = date(2026, 12, 27)
    reading = read_message("christmas day run was cancelled, family stuff the night before",
                           today=today)
    assert reading.day == date(2026, 12, 25)


def test_a_duration_is_no_date() -> None:
    reading = read_message("couldn't do 1.5 hrs today", today=MON, plan=PLAN)
    assert reading.day == MON


def test_slang_spellings_are_read_as_the_word_meant() -> None:
    reading = read_message("wot have i got thursday", today=MON, plan=PLAN)
    assert reading.intent == "plan_question"
    assert reading.day == date(2027, 3, 11)


def test_tonite_is_tonight() -> None:
    reading = read_message("tempo tonite isn't happening", today=date(2027, 3, 11), plan=PLAN)
    assert reading.day == date(2027, 3, 11)


@pytest.mark.parametrize(("text", "minutes"), [
    ("long runs have gone up to 2h15", 135),
    ("my long runs are capped at 80 min until the physio says otherwise", 80),
    ("long run is back to 90 min", 90),
])
def test_long_run_changes_said_in_other_words(text: str, minutes: int) -> None:
    assert read_message(text, today=MON).update.get("long_run_minutes") == minutes


def test_equipment_gained_without_an_article() -> None:
    reading = read_message("theres a pool at my new flat", today=MON)
    assert reading.update.get("equipment_add") == ["pool"]
    reading = read_message("i do have a rower now", today=MON)
    assert reading.update.get("equipment_add") == ["rower"]


def test_the_big_toe_is_its_own_site_and_new_pain_words() -> None:
    assert read_pain("right big toe is sore, 3/10").sites == ("right big toe",)
    assert read_message("calf pinged on the hill", today=MON).intent == "pain"


def test_an_emoji_ends_a_clause_so_a_rhetorical_question_after_it_is_no_plan_question() -> None:
    reading = read_message("sunday long run got rained out 🌧️ 2 hours in that? nope",
                           today=MON, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == date(2027, 3, 7)


def test_question_words_inside_a_clause_ask() -> None:
    reading = read_message("next tempo is what day and how long", today=MON, plan=PLAN)
    assert reading.intent == "plan_question"
    assert reading.session is not None and (reading.session.kind, reading.day) == (
        "tempo", date(2027, 3, 11))


def test_a_plan_question_about_a_day_is_answered_by_the_plan() -> None:
    reading = read_message("is tuesday an easy one?", today=MON, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("intervals", 50)
    rest = read_message("what am i doing friday", today=MON, plan=PLAN)
    assert rest.session is not None and (rest.session.kind, rest.session.minutes) == ("rest", 0)


def test_a_run_reported_done_comes_before_a_follow_up_question() -> None:
    reading = read_message("easy run done, 40 mins. should i stretch after?", today=MON,
                           plan=PLAN)
    assert reading.intent == "done"


def test_part_of_a_run_done_is_done_with_what_was_run() -> None:
    reading = read_message("long run ✅ only 90 min not 1h50, ran out of time",
                           today=date(2027, 3, 7), plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == 90


def test_a_split_or_a_pace_is_no_session_length() -> None:
    reading = read_message("5x1k done, splits under 4:05", today=date(2027, 3, 9), plan=PLAN)
    assert reading.session is not None and reading.session.minutes == 50


def test_a_question_that_supposes_asks_in_general() -> None:
    general = read_message("can rowing replace a whole week of running if i'm injured?",
                           today=MON)
    assert general.intent == "article_question"


def test_equipment_out_of_order_on_the_day_is_why_a_run_was_missed() -> None:
    reading = read_message("didn't do my intervals tuesday, the treadmill was broken",
                           today=date(2027, 3, 10), plan=PLAN)
    assert reading.intent == "missed_run"
    assert read_message("sold the treadmill", today=MON).intent == "profile_update"


def test_the_worst_of_several_pain_scores_is_the_one_logged() -> None:
    assert read_pain("knee 2/10 walking, 6/10 on stairs").score == 6
    assert read_pain("back is 4/10 ish").score == 4


def test_a_new_goal_is_not_the_one_dropped() -> None:
    reading = read_message("dropping the 10k, signed up for a half marathon instead",
                           today=MON)
    assert reading.update.get("goal") == "half marathon"


def test_a_time_zone_named_before_time_or_clock() -> None:
    reading = read_message("back home, so uk clock again please", today=MON)
    assert reading.update.get("timezone") == "Europe/London"


def test_a_day_possessive_after_did_is_a_run_done() -> None:
    reading = read_message("did saturday's long one, forgot to log it", today=MON, plan=PLAN)
    assert reading.intent == "done"


def test_a_bare_topic_with_a_question_mark_then_a_miss_is_a_missed_run() -> None:
    reading = read_message("thursday's tempo? not happening, sorry", today=date(2027, 3, 11),
                           plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == "tempo"


def test_no_running_on_a_day_is_a_missed_run() -> None:
    reading = read_message("away for work so no running thursday", today=MON, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == date(2027, 3, 11)


def test_a_run_cut_to_a_length_is_done() -> None:
    reading = read_message("sunday's long run got cut to 70 min", today=MON, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == 70


def test_a_plan_question_about_the_weekend_finds_its_session() -> None:
    reading = read_message("how long is my long run this weekend?", today=MON, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("long", 110)


def test_a_day_asked_about_for_something_else_is_no_plan_question() -> None:
    assert read_message("what's the forecast for thursday?", today=MON).intent == "other"
    assert read_message("what's on thursday?", today=MON, plan=PLAN).intent == "plan_question"


def test_days_back_is_days_ago() -> None:
    reading = read_message("missed my run three days back", today=date(2027, 3, 11), plan=PLAN)
    assert reading.day == date(2027, 3, 8)


def test_question_words_without_the_apostrophe() -> None:
    assert read_message("whens my next long run", today=MON, plan=PLAN).intent == "plan_question"
    assert read_message("hows my week looking", today=MON, plan=PLAN).intent == "plan_question"
