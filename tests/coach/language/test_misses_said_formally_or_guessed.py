"""A miss said with "shan't"/"shall not" is a miss like "won't"; and of several days told
missed, one only guessed at ("prob gonna miss tmrw too", "might skip friday as well") is
no day missed beside one told for sure."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize("text", [
    "I'm afraid I shan't manage my tempo this evening",
    "i shall not be running today, far too windy",
    "Regrettably I shan't get today's tempo in.",
])
def test_shall_not_tells_a_miss(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == TODAY


@pytest.mark.parametrize("text", [
    "didn't do tuesday's intervals. might have to miss tomorrow as well tbh",
    "missed tuesday's intervals, prob gonna miss tmrw too",
    "skipped tuesday's intervals... maybe skipping tomorrow too idk",
])
def test_a_guessed_miss_is_not_the_day_missed(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None
    assert (reading.session.kind, reading.day) == ("intervals", date(2027, 1, 12))


def test_a_later_miss_told_for_sure_is_still_the_one_meant() -> None:
    reading = read_message("tuesday i didnt run, and today i'm skipping too", today=TODAY,
                           plan=PLAN)
    assert reading.day == TODAY
