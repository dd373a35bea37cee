"""An activity the articles never mention, asked about as a swap, is not covered by the
framing words the article happens to use too (the real model over the shipped article)."""

from __future__ import annotations

import pytest

from coach.answers import Answerer
from knowledge.retriever import HybridRetriever


@pytest.mark.parametrize("question", [
    "could i do tai chi instead?",
    "is it ok to do zumba instead",
])
def test_an_activity_the_articles_never_name_gets_the_brief_not_covered_line(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    answer = Answerer(shipped_retriever, cautions=shipped_retriever.lexicon).answer(question)
    assert not answer.covered
    assert answer.text.startswith("The coach's articles don't cover that")
    assert "\n" not in answer.text  # one line, no passage quoted


def test_an_indoor_trainer_question_is_answered_with_the_catalogues_cycling_facts(
    shipped_retriever: HybridRetriever,
) -> None:
    answer = Answerer(shipped_retriever, cautions=shipped_retriever.lexicon).answer(
        "would a zwift session do the job on a day i cant get out?")
    assert answer.covered
    assert "Indoor cycling: trains aerobic endurance" in answer.text
    assert answer.text.count("Source:") == 1
