"""A run done another way than planned (on the treadmill, on the road, on another day),
told with "instead", is a run done; the weather or a locked gate that made it so is the
reason, not a run missed. Cross-training in the run's place, or a run only to be made up
later, is still a run missed."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

THURSDAY = date(2027, 2, 4)
PLAN = {0: ("easy", 30), 1: ("tempo", 45), 2: ("rest", 0), 3: ("hills", 40),
        4: ("easy", 30), 5: ("rest", 0), 6: ("long", 120)}


@pytest.mark.parametrize(("text", "kind", "minutes", "day"), [
    ("too icy outside, hopped on the treadmill instead, 30 easy", "easy", 30, THURSDAY),
    ("did my long run on saturday instead of sunday, 2 hrs", "long", 120,
     date(2027, 1, 30)),
    ("pouring down so the hills happened on the tready instead, 45 min", "hills", 45,
     THURSDAY),
    ("track was locked, did the intervals on the road instead, 40 min", "intervals", 40,
     THURSDAY),
])
def test_a_run_done_another_way_is_done(text: str, kind: str, minutes: int,
                                        day: date) -> None:
    reading = read_message(text, today=THURSDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)
    assert reading.day == day


@pytest.mark.parametrize("text", [
    "gym was shut so did 35 on the bike instead",
    "too icy for the hills, swam for 40 min instead",
    "skipped it, will do it tomorrow instead",
])
def test_cross_training_or_a_run_put_off_instead_is_a_run_missed(text: str) -> None:
    assert read_message(text, today=THURSDAY, plan=PLAN).intent == "missed_run"
