"""A missed run's length is read only from the clauses about the run: a length spent on
something else, offered as a substitute, asked about, or the part done before stopping
is not the run's, so the plan's length stands; time the athlete has stays time they
have, and a length said of the run itself still counts. A run to be made up later
("i'll do ... instead") is no second day missed."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize("text", [
    "skipped today's tempo, thinking 45 min on the rower tonight?",
    "couldn't get my tempo in, the kids' party took 3 hours",
    "no tempo today, swam 40 min in its place",
    "gave up on the tempo 12 minutes in, stomach issues",
    "skipped the tempo and did 35 min on the elliptical",
    "pulled the plug on today's tempo after 20 mins, felt awful",
    "skipped today's tempo after a 10 hour shift",
])
def test_a_length_said_of_something_else_is_not_the_missed_runs(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("tempo", 55)


def test_the_runs_own_length_still_counts() -> None:
    reading = read_message("missed my run today, was gonna be a 70 min one", today=TODAY,
                           plan=PLAN)
    assert reading.session is not None and reading.session.minutes == 70


def test_time_the_athlete_has_stays_available() -> None:
    reading = read_message("skipped the tempo this morning, traffic. i've got maybe 30 "
                           "mins tonight, treadmill?", today=TODAY, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.minutes, reading.session.available_minutes) == (55, 30)


@pytest.mark.parametrize("text", [
    "missed tuesday's intervals — i'll do 40 min easy tomorrow instead",
    "skipped tuesday's intervals, we'll do them on friday instead",
])
def test_a_run_to_be_made_up_is_no_day_missed(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("intervals", 50)
    assert reading.day == date(2027, 1, 12)


def test_a_decimal_length_is_one_clause() -> None:
    reading = read_message("missed my 1.5 hr long run saturday, had to work", today=TODAY,
                           plan=PLAN)
    assert reading.session is not None and reading.session.minutes == 90
