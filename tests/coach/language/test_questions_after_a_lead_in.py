"""A question about one's own plan opened by a lead-in (a name for the coach, a greeting,
"okay so", "quick q") and typed without a question mark still asks. Phrasings written
for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("hills", 45), 1: ("easy", 40), 2: ("tempo", 45), 3: ("easy", 35), 4: ("rest", 0),
        5: ("long", 100), 6: ("recovery", 25)}


@pytest.mark.parametrize("text", [
    "hey coach what is my session for friday",
    "mate when do i do hills this week",
    "alright so when is my next rest day",
    "bro what am i doing sunday",
    "yo whats on for saturday",
])
def test_a_question_after_a_lead_in_asks_about_the_plan(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "plan_question"


@pytest.mark.parametrize(("text", "intent"), [
    ("coach i skipped my tempo today, work ran over", "missed_run"),
    ("okay so i did the long run yesterday, 100 min", "done"),
])
def test_a_statement_after_a_lead_in_stays_a_statement(text: str, intent: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == intent
