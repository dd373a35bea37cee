"""A run done only in part, then asked about ("walked most of monday's run, does it
count?", "cut sunday's long run short at 80 min, is that ok?"), is a run done on the day
gone by, not a question about the next such day."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

THURSDAY = date(2027, 2, 4)
PLAN = {0: ("easy", 30), 1: ("tempo", 45), 2: ("rest", 0), 3: ("hills", 40),
        4: ("easy", 30), 5: ("rest", 0), 6: ("long", 120)}


@pytest.mark.parametrize(("text", "kind", "minutes", "day"), [
    ("walked most of monday's run, does it count?", "easy", 30, date(2027, 2, 1)),
    ("I cut sunday's long run short at 80 min, is that ok?", "long", 80, date(2027, 1, 31)),
    ("walked a bit of tuesday's tempo. 45 min total. still counts right?", "tempo", 45,
     date(2027, 2, 2)),
])
def test_a_run_done_in_part_then_asked_about_is_done(text: str, kind: str, minutes: int,
                                                     day: date) -> None:
    reading = read_message(text, today=THURSDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)
    assert reading.day == day
