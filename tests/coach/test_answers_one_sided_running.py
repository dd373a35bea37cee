"""A question ending "... my running or nah" sets running against no option: "running" is
the sport itself, not the deep-water running the catalogue names with the same word
(found in the development sets: "does the stuff i do on the bike actually carry over to
my running or nah" got "the coach's articles don't cover nah")."""

from __future__ import annotations

import pytest

from coach.answers import compose_extractive
from coach.catalogue import load_catalogue
from tests.coach.test_answers_one_sided import _retrieval


@pytest.mark.parametrize("question", [
    "could pilates improve my running or nah",
    "is hiking any good for my running or nah?",
    "does lifting carry over to running or nope",
    "will zumba help my running or naw",
])
def test_running_itself_is_no_option_of_a_comparison(question: str) -> None:
    answer = compose_extractive(question, _retrieval(question), catalogue=load_catalogue())
    assert "Of the two" not in answer.text
    assert "deep-water" not in answer.text.lower()
    assert "Easy days are for recovery" in answer.text
