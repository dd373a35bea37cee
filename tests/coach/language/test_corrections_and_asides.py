"""Corrections, score ranges, time spent elsewhere, pain as why a run was missed, gains
carried along a list: general mechanisms, tried on wordings written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_checkin_answer, read_day, read_message, read_pain
from coach.language.durations import read_session_words

PLAN = {0: ("easy", 40), 1: ("intervals", 50), 2: ("easy", 35), 3: ("tempo", 45),
        4: ("rest", 0), 5: ("long", 100), 6: ("rest", 0)}
THU = date(2027, 3, 11)


@pytest.mark.parametrize(("text", "expected"), [
    ("skipped monday's run, no wait i meant tuesday", date(2027, 3, 9)),
    ("missed today's. correction: yesterday", date(2027, 3, 10)),
    ("bailed on yesterday - my bad, today not yesterday", THU),
    ("sorry coach, missed yesterday's run", date(2027, 3, 10)),  # "sorry" corrects nothing
    ("i mean, tuesday was hard", date(2027, 3, 9)),
    ("missed wednesday... actually it was tuesday", date(2027, 3, 9)),
    ("no wait, it was monday i missed", date(2027, 3, 8)),
])
def test_a_corrected_day_is_the_new_one(text: str, expected: date) -> None:
    assert read_day(text, today=THU) == expected


def test_a_corrected_missed_run_takes_the_new_days_session_from_the_plan() -> None:
    reading = read_message("didn't run monday. oops i meant wednesday not monday",
                           today=THU, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes, reading.day) == (
        "easy", 35, date(2027, 3, 10))


def test_the_weekend_said_in_the_past_on_a_weekday_is_the_one_gone() -> None:
    # Only Saturday holds a run at the weekend: that is the one missed.
    reading = read_message("bailed on my run this weekend", today=date(2027, 3, 9), plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == date(2027, 3, 6)
    assert reading.session is not None and reading.session.minutes == 100


@pytest.mark.parametrize(("text", "score"), [
    ("calf is tight, maybe a 5 or 6", 6),
    ("shin 2-3/10", 3),
    ("knee about 4 to 5", 5),
    ("knee about 4", 4),
])
def test_a_score_range_is_its_upper_end(text: str, score: int) -> None:
    assert read_pain(text).score == score


def test_a_range_of_kilometres_is_no_score() -> None:
    assert read_pain("ran 5 to 8 km").score is None


@pytest.mark.parametrize("text", [
    "can't run today, 5 hours on the train",
    "no run today, 9 hour shift",
    "skipping it, 3 hrs of driving",
])
def test_time_spent_on_something_else_is_no_session_length(text: str) -> None:
    assert read_session_words(text).minutes is None


def test_a_run_length_is_still_read_beside_other_time() -> None:
    assert read_session_words("did 45 min before a 9 hour shift").minutes == 45


def test_pain_given_as_why_a_run_was_missed_is_pain_with_the_run() -> None:
    reading = read_message("skipped monday's run, my left shin was really sore, 4/10",
                           today=THU, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.score == 4
    assert reading.day == date(2027, 3, 8)
    assert reading.session is not None and reading.session.kind == "easy"


def test_tired_legs_with_a_number_keep_the_missed_run() -> None:
    reading = read_message("skipped tuesday's intervals, quads were dead, maybe 3/10",
                           today=THU, plan=PLAN)
    assert reading.intent == "missed_run"


def test_a_run_longer_than_planned_is_a_run_done() -> None:
    reading = read_message("did 60 mins on monday instead of 40, legs fine", today=THU,
                           plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == 60


def test_a_run_on_another_surface_is_done_not_swapped() -> None:
    assert read_checkin_answer("ran it on the track instead of the road", today=THU) == "done"
    assert read_checkin_answer("rowed instead", today=THU) == "swapped"


def test_what_a_new_place_has_is_gained_with_it() -> None:
    update = read_message("signed up at a new gym, it has a rower and a treadmill",
                          today=THU).update
    assert set(update.get("equipment_add", [])) >= {"rower", "treadmill"}


def test_a_thing_said_to_be_shut_is_not_gained_along_the_list() -> None:
    update = read_message("bought a rower, the pool is shut", today=THU).update
    assert update.get("equipment_add") == ["rower"]


def test_a_goal_after_a_second_cue_is_read() -> None:
    update = read_message("new goal, training for a sub 50 10k now", today=THU).update
    assert update.get("goal") == "10k sub 50"


@pytest.mark.parametrize("text", [
    "tues was a write off, work", "did the bike instead of the tempo"])
def test_a_write_off_and_a_swap_told_in_passing_are_missed_runs(text: str) -> None:
    assert read_message(text, today=THU, plan=PLAN).intent == "missed_run"


def test_a_question_opening_with_did_still_asks() -> None:
    assert read_message("did the bike count as cross training", today=THU,
                        plan=PLAN).intent == "article_question"


@pytest.mark.parametrize("text", [
    "20-25 mins is all i have today for the tempo",
    "only 30 min free today for my tempo",
])
def test_too_little_time_for_a_named_run_is_a_run_that_will_not_fit(text: str) -> None:
    reading = read_message(text, today=THU, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == "tempo"
    assert reading.session.minutes == 45  # the plan's length; the time is what they have


@pytest.mark.parametrize(("text", "expected"), [
    ("missed wensday", date(2027, 3, 10)),
    ("skipped tuseday's intervals", date(2027, 3, 9)),
    ("saterday's long run is off", date(2027, 3, 6)),
])
def test_weekdays_misspelt_as_people_type_them(text: str, expected: date) -> None:
    assert read_day(text, today=THU) == expected
