""""how long", "so long", "too long" ask or judge a length: they name no long run."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message
from coach.language.questions import read_own_question

PLAN = {1: ("easy", 50), 3: ("tempo", 60), 5: ("easy", 45), 6: ("long", 120)}
SATURDAY = date(2026, 11, 28)  # an easy 45


@pytest.mark.parametrize("text", [
    "can i swim today instead? how long",
    "cant run today, bike instead? for how long",
    "cant do my run today, was out so long last night",
])
def test_a_length_word_is_not_the_long_run(text: str) -> None:
    reading = read_message(text, today=SATURDAY, plan=PLAN)
    assert reading.session is None or reading.session.kind != "long"


@pytest.mark.parametrize("text", [
    "today i go to the pool. how much time i do?",
    "how long should i row for today?",
    "elliptical tomorrow, how many minutes?",
])
def test_how_long_for_a_named_activity_is_its_own_question(text: str) -> None:
    assert read_own_question(text, names_activity=True) == "activity_length"
