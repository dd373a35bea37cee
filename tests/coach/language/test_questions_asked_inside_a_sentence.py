"""A question asked inside a sentence ("just asking if i can run tmrw") is a question,
turned round for the readers that take questions; "tell me if it hurts" is none."""

from __future__ import annotations

import pytest

from coach.language.questions import embedded_question, is_question


@pytest.mark.parametrize(("text", "asked"), [
    ("im fine now tho, just asking if i can run tmrw", "can i run tmrw?"),
    ("wondering whether it's ok to swim with a sore knee", "is it ok to swim with a sore knee?"),
    ("not sure if i should do the long run", "should i do the long run?"),
    ("i was wondering if i could move my tempo to friday", "could i move my tempo to friday?"),
])
def test_an_embedded_question_is_read_turned_round(text: str, asked: str) -> None:
    assert embedded_question(text) == asked
    assert is_question(text)


@pytest.mark.parametrize("text", ["tell me if it hurts", "i dont know if it rained",
                                  "ran 40 easy, legs fine"])
def test_a_sentence_with_no_question_inside_is_none(text: str) -> None:
    assert embedded_question(text) is None
