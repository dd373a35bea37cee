"""A number beside a run is not always its length: a watch's reading after any word
("readiness 12", "hrv was 38") or a pace after "@" leaves the plan's length; and a run
missed "it" in a later clause is the run named before, not a day of its own. Phrasings
written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 15)  # a Friday
PLAN = {0: ("easy", 35), 1: ("hills", 45), 2: ("rest", 0), 3: ("tempo", 50), 4: ("easy", 30),
        5: ("long", 110), 6: ("rest", 0)}


@pytest.mark.parametrize(("text", "kind", "minutes", "day"), [
    ("hrv was 38 this morning so i bailed on the run", "easy", 30, date(2027, 1, 15)),
    ("sleep score was 41 so today's run didn't happen", "easy", 30, date(2027, 1, 15)),
    ("stress levels 67 all day, skipped this mornings run", "easy", 30, date(2027, 1, 15)),
])
def test_a_watch_reading_is_no_length(text: str, kind: str, minutes: int, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.session is not None
    assert (reading.session.kind, reading.session.minutes, reading.day) == (kind, minutes, day)


@pytest.mark.parametrize(("text", "kind", "minutes", "day"), [
    ("thursday's tempo done, 3x2k @ 4:05", "tempo", 50, date(2027, 1, 14)),
    ("hills done tuesday, 8 reps @1:35", "hills", 45, date(2027, 1, 12)),
    ("did thursday's tempo, 20 min @ 4:20", "tempo", 20, date(2027, 1, 14)),
])
def test_a_time_after_an_at_sign_is_a_pace(text: str, kind: str, minutes: int,
                                           day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done" and reading.session is not None
    assert (reading.session.kind, reading.session.minutes, reading.day) == (kind, minutes, day)


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("missed tuesday's hills, had 20 min this morning so i just skipped it", "hills",
     date(2027, 1, 12)),
    ("missed thursday's tempo, only had 15 min at lunch so i ditched it", "tempo",
     date(2027, 1, 14)),
    ("couldnt do tuesday's hills, had 10 mins earlier so i bailed on it", "hills",
     date(2027, 1, 12)),
])
def test_a_run_missed_as_it_is_the_run_named_before(text: str, kind: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.session is not None
    assert (reading.session.kind, reading.day) == (kind, day)
