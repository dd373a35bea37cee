"""A race's date told or corrected later in the conversation, with the race as the subject:
named by a word for a race, by name or by its town ("hang on, berlin's dec 13 not dec
6", "the race is really on the 21st"), a date said and denied keeping the one said."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 11, 19)  # a Thursday


@pytest.mark.parametrize(("text", "day"), [
    ("hang on, berlin's dec 13 not dec 6", date(2026, 12, 13)),
    ("my bad, sevilla is feb 22 not 21", date(2027, 2, 22)),
    ("chicago is not oct 12, it's oct 11", date(2027, 10, 11)),
    ("the race is really on the 21st", date(2026, 11, 21)),
    ("ugh typo earlier - the half's on jan 17", date(2027, 1, 17)),
    ("lisbon marathon will be 11 oct", date(2027, 10, 11)),
    ("rotterdam apr 12, not 13", date(2027, 4, 12)),
])
def test_the_race_date_told_is_the_new_race_date(text: str, day: date) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("race_date") == day
    assert "goal" not in reading.update


@pytest.mark.parametrize("text", [
    "my 10k is 45 min from home",
    "the half is 13 miles of hills",
    "berlin is 6 hours ahead of me",
    "the marathon is 4 laps of the park",
])
def test_a_length_or_a_count_after_the_race_is_no_date(text: str) -> None:
    # A guard: none of these was a race date before this change either.
    assert "race_date" not in read_message(text, today=TODAY).update
