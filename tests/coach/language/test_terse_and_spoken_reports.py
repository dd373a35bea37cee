"""Free messages in the styles runners text in: a reason given with its subject dropped,
not fitting a run in, scores and lengths in words, a race time in minutes and seconds,
a run named by its own word. Phrasings written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_duration, read_message, read_pain

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("rest", 0), 1: ("easy", 40), 2: ("tempo", 45), 3: ("easy", 35), 4: ("rest", 0),
        5: ("long", 100), 6: ("recovery", 25)}


@pytest.mark.parametrize("text", [
    "bailed on monday's run, was shattered after sunday",
    "skipped the long one - was sick all saturday",
])
def test_a_reason_with_its_subject_dropped_asks_nothing(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "missed_run"


@pytest.mark.parametrize("text", [
    "not going to get tomorrow's easy run in, flying out early",
    "won't be getting the tempo in tonight",
    "can't fit today's session in with the kids",
])
def test_not_fitting_a_run_in_is_a_missed_run(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "missed_run"


@pytest.mark.parametrize(("text", "score"), [
    ("achilles grumbling, four outta ten", 4),
    ("left quad maybe seven outof ten on stairs", 7),
])
def test_a_score_out_of_ten_in_words(text: str, score: int) -> None:
    assert read_pain(text).score == score


@pytest.mark.parametrize(("text", "minutes"), [
    ("did thirty five mins on the treadmill", 35),
    ("did an hour and a bit this arvo", 70),
    ("did fifty minutes steady", 50),
])
def test_a_length_in_words_after_did_is_a_run_done(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == minutes


@pytest.mark.parametrize("text", [
    "did parkrun with the dog",
    "did the LR, legs heavy but fine",
    "new PR over 10k this morning!!",
])
def test_a_run_named_by_its_own_word_is_done(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "done"


@pytest.mark.parametrize(("text", "minutes"), [
    ("5k race in 21:50", 22), ("10k in 52:05", 52), ("long run 1:55", 115)])
def test_a_race_time_over_ten_hours_is_minutes_and_seconds(text: str, minutes: int) -> None:
    assert read_duration(text) == minutes
