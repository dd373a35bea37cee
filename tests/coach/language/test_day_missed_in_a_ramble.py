"""Of a long message, the day told missed is the run's day: a relative clause that sums
up ("which is all to say no run on wednesday") is a statement, not a question, and a day
the run is to be made up on ("will run it today instead") is no day missed."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

FRIDAY = date(2027, 3, 12)
PLAN = {0: ("rest", 0), 1: ("intervals", 40), 2: ("easy", 35), 3: ("rest", 0),
        4: ("tempo", 40), 5: ("easy", 30), 6: ("long", 80)}


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("huge week, plumber came thursday and the kids had exams, which is all to say no "
     "run on wednesday", "easy", date(2027, 3, 10)),
    ("car in the garage since monday, the bus broke down too, which means i didn't get "
     "my run in on tuesday", "intervals", date(2027, 3, 9)),
    ("we moved house saturday, boxes everywhere. which is why i skipped tuesday",
     "intervals", date(2027, 3, 9)),
])
def test_a_summing_up_clause_tells_the_day_missed(text: str, kind: str, day: date) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == kind
    assert reading.day == day


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("skipped wednesday (rain), will run it today instead", "easy", date(2027, 3, 10)),
    ("missed tuesday's session, sick kid. gonna do it today instead if ok", "intervals",
     date(2027, 3, 9)),
    ("no run on wednesday, work trip. could do it today instead", "easy",
     date(2027, 3, 10)),
])
def test_the_day_a_run_is_made_up_on_is_no_day_missed(text: str, kind: str,
                                                     day: date) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == kind
    assert reading.day == day


def test_which_asked_as_a_question_still_asks() -> None:
    reading = read_message("which is better for recovery, bike or swim?", today=FRIDAY,
                           plan=PLAN)
    assert reading.intent == "article_question"
