"""A day or a session corrected in the middle of a message is the corrected one
("thursday actually friday", "the easy run.. actually no it was the intervals"). Phrasings
written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("hills", 45), 1: ("easy", 40), 2: ("tempo", 45), 3: ("easy", 35), 4: ("rest", 0),
        5: ("long", 100), 6: ("recovery", 25)}


@pytest.mark.parametrize(("text", "day"), [
    ("couldnt do sunday actually saturday, the long one", date(2027, 1, 9)),
    ("bailed on monday or rather tuesday, flat tyre on the way", date(2027, 1, 12)),
    ("missed my run monday make that tuesday", date(2027, 1, 12)),
])
def test_a_day_said_again_after_the_cue_is_the_day(text: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.day == day


@pytest.mark.parametrize(("text", "kind", "minutes", "day"), [
    ("skipped the easy one on tues... actually no, it was monday, the hills",
     "hills", 45, date(2027, 1, 11)),
    ("missed sunday's recovery run, actually it was the long run saturday",
     "long", 100, date(2027, 1, 9)),
])
def test_the_session_corrected_is_the_one_named_after_the_cue(
        text: str, kind: str, minutes: int, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes, reading.day) == (kind, minutes, day)


def test_sorry_before_a_day_is_no_correction() -> None:
    reading = read_message("missed monday's run, sorry yesterday was crazy", today=TODAY,
                           plan=PLAN)
    assert reading.day == date(2027, 1, 11)
