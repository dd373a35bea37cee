"""A question near the article in meaning, far from every topic it skips, is covered even
when it shares no topic word with the passages (an injury named by a body part, "off
days" for rest from running): the real model over the shipped article."""

from __future__ import annotations

import pytest

from knowledge import retriever as retriever_module
from knowledge.retriever import HybridRetriever


@pytest.mark.parametrize("question", [
    "twisted my ankle on a trail last week, can i still keep training somehow?",
    "twisted my knee playing football, can i still train in some way?",
    "jammed my toe, can i still train somehow?",
    "bruised my heel last week, is there still a way to keep training?",
    "what do i do on off days, any guidance",
])
def test_a_question_clearly_about_the_article_needs_no_shared_word(
    shipped_retriever: HybridRetriever, question: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert shipped_retriever.retrieve(question).covered is True
    # Without the rule it is refused for want of a shared topic word.
    monkeypatch.setattr(retriever_module, "CLEAR_COVERAGE_SCORE", 9.0)
    assert shipped_retriever.retrieve(question).covered is False


@pytest.mark.parametrize("question", [
    "what's a good 10k time for a beginner",
    "how heavy should i deadlift as a runner",
    "how high should my saddle be on a road bike",
])
def test_a_question_beside_the_article_is_still_refused(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    assert shipped_retriever.retrieve(question).covered is False
