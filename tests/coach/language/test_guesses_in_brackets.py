"""A question mark inside brackets marks a guess ("(ITB maybe?)", "(the 45 min one?)"),
not a question: the message is read as what it reports. Brackets that open like a
question still ask. Phrasings written for these tests, not taken from any evaluation
set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday


@pytest.mark.parametrize(("text", "intent"), [
    ("right knee sore (ITB maybe?) like a 4", "pain"),
    ("calf is tight 3/10 (strain??) since the hills", "pain"),
    ("missed my easy run (the 40 min one?) because of work", "missed_run"),
    ("left ankle rolled on the trail (sprain?) 5/10", "pain"),
])
def test_a_guess_in_brackets_is_no_question(text: str, intent: str) -> None:
    assert read_message(text, today=TODAY).intent == intent


def test_brackets_that_open_like_a_question_still_ask() -> None:
    reading = read_message("how long should my long run be (is 2h too much?)", today=TODAY)
    assert reading.intent in ("plan_question", "article_question")
