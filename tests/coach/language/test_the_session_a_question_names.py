"""A question about one's plan after a statement asks of the session the question names
("legs are wrecked from yesterday's intervals, should i still do the tempo today?" is
today's tempo), in the question's own tense; a question that points back ("should i do
it today?") still asks of the run told before it."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("legs are wrecked from yesterday's intervals, should i still do the tempo today?",
     "tempo", date(2027, 1, 14)),
    ("monday's run was rough. what's on saturday?", "long", date(2027, 1, 16)),
    ("wednesday's easy one felt heavy. is the tempo tonight still on?", "tempo",
     date(2027, 1, 14)),
])
def test_the_question_names_the_session(text: str, kind: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "plan_question"
    assert reading.session is not None
    assert (reading.session.kind, reading.day) == (kind, day)


def test_a_question_pointing_back_asks_of_the_run_told() -> None:
    reading = read_message("missed tuesday's intervals, should i do them today?",
                           today=TODAY, plan=PLAN)
    assert reading.session is not None and reading.session.kind == "intervals"


def test_a_day_asked_after_a_miss_asks_of_the_run_missed() -> None:
    reading = read_message("missed yesterday. will double up today?", today=TODAY, plan=PLAN)
    assert reading.session is not None and reading.session.day == date(2027, 1, 13)
