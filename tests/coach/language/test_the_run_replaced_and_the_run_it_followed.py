"""A run done in place of another ("8 by 400 on tuesday instead of the tempo") is the run
done, the one it replaced denied; and pain felt today after a run on another day ("knee
is a 5 today after yesterday's run") is put down to that day's session."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize(("text", "kind"), [
    ("i did 8 by 400 on tuesday instead of the tempo", "intervals"),
    ("did 6x800 yesterday instead of the tempo", "intervals"),
    ("ran 5 x 1k this morning instead of my tempo", "intervals"),
])
def test_the_run_done_not_the_one_it_replaced(text: str, kind: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.kind == kind


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("my knee is like a 5 out of 10 today after yesterday's run", "easy", date(2027, 1, 13)),
    ("hip sore 4/10 this morning after sunday's hills", "hills", date(2027, 1, 10)),
    ("achilles a 3 today, since monday's run", "easy", date(2027, 1, 11)),
])
def test_pain_felt_today_after_a_run_on_another_day(text: str, kind: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is not None
    assert (reading.session.kind, reading.day) == (kind, day)
