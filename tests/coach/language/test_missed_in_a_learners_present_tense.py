"""A learner's present tense about today ("today i do not run the hills, very windy") or
with the day after it ("i do not go running today because of storm") is a run missed;
"i will not run" is like "i won't run". A habit ("i dont run on mondays") is not."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize("text", [
    "today i do not run the hills, very windy and rain",
    "today i dont run, too windy",
    "tonight i do not run, my son is sick",
    "i do not go running today because of storm",
    "i dont train this morning, no sleep",
    "i will not run the intervals today, knee",
])
def test_a_learners_present_tense_about_today_is_a_missed_run(text: str) -> None:
    reading = read_message(text, today=WEDNESDAY)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.day == WEDNESDAY


@pytest.mark.parametrize("text", [
    "i dont run on mondays, is that ok?",
    "i will not stop running lol",
])
def test_a_habit_or_a_joke_is_no_missed_run(text: str) -> None:
    assert read_message(text, today=WEDNESDAY).intent != "missed_run"
