"""British and Australian running talk ("a plod this arvo", "cracking run") and a bare
number after a word for a run's size ("a short 30", "a brisk 25") as its minutes.
Phrasings written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("rest", 0), 1: ("easy", 40), 2: ("tempo", 45), 3: ("easy", 35), 4: ("rest", 0),
        5: ("long", 100), 6: ("recovery", 25)}


@pytest.mark.parametrize(("text", "minutes"), [
    ("couldn't do yesterday's easy, was only meant to be a brisk 25", 25),
    ("got through a gentle 50 on the canal path", 50),
])
def test_a_number_after_a_size_word_is_minutes(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.session is not None and reading.session.minutes == minutes


@pytest.mark.parametrize("text", [
    "grand plod along the beach this arvo",
    "belting run this morn, legs felt fresh",
    "went out for a slow trot after work",
])
def test_british_and_australian_runs_done(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "done"


def test_arvo_is_this_afternoon() -> None:
    reading = read_message("missed the easy run this arvo", today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.day == TODAY


@pytest.mark.parametrize(("text", "intent"), [
    ("banged out the intervals before work", "done"),
    ("tick, easy 35 on the canal", "done"),
    ("binned it yesterday, too wet", "missed_run"),
])
def test_british_words_for_done_and_not_done(text: str, intent: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == intent
