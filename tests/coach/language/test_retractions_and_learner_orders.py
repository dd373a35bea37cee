"""A joke taken back ("skipped it. jk, ..."), a learner's word order ("yesterday run
no"), a run one "will not make", and the plan's length said beside the one run."""

from __future__ import annotations

from datetime import date

from coach.language import read_message

TUESDAY = date(2027, 11, 2)
PLAN = {0: ("easy", 35), 1: ("tempo", 45), 2: ("rest", 0), 3: ("intervals", 50),
        4: ("rest", 0), 5: ("long", 95), 6: ("recovery", 25)}


def test_what_a_joke_takes_back_is_not_read() -> None:
    reading = read_message("bailed on the tempo 😭 only joking, done, 45 min", today=TUESDAY,
                           plan=PLAN)
    assert reading.intent == "done"


def test_not_joking_takes_nothing_back() -> None:
    reading = read_message("skipped my tempo, not joking, the roads are ice", today=TUESDAY,
                           plan=PLAN)
    assert reading.intent == "missed_run"


def test_a_learners_run_then_no_is_a_miss() -> None:
    reading = read_message("monday run no, too much work", today=TUESDAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.day == date(2027, 11, 1)


def test_a_run_one_will_not_make_is_missed() -> None:
    reading = read_message("I will not make the intervals on thursday, parents evening",
                           today=TUESDAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.day == date(2027, 11, 4)


def test_the_plans_length_beside_the_one_run_is_not_the_run() -> None:
    reading = read_message("app said 45 for the tempo but I went 55, felt great",
                           today=TUESDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == 55
