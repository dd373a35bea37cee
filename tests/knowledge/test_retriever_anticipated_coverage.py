"""A question asked almost as the article's questions file anticipates it is covered, even
when the calibrated coverage score would refuse it (a short question naming the author or
an event reads close to no sentence): the real model over the shipped article."""

from __future__ import annotations

import pytest

from knowledge import retriever as retriever_module
from knowledge.retriever import HybridRetriever


@pytest.mark.parametrize("question", [
    "who's the author here?",
    "who wrote this",
    "what do finishers of 29029 get",
    "off season coming up, how do i get quicker for my next race",
])
def test_a_question_close_to_an_anticipated_one_is_answered(
    shipped_retriever: HybridRetriever, question: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert shipped_retriever.retrieve(question).covered is True
    # The calibrated score alone refuses it.
    monkeypatch.setattr(retriever_module, "ANTICIPATED_COVERAGE", 2.0)
    assert shipped_retriever.retrieve(question).covered is False


@pytest.mark.parametrize("question", [
    "how do i sign up for 29029 and what does entry cost",
    "what pace should my easy runs be",
    "what should i eat the night before my marathon",
])
def test_an_off_topic_question_near_an_anticipated_one_is_still_refused(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    assert shipped_retriever.retrieve(question).covered is False
