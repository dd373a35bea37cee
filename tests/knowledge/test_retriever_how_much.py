"""A question about how much cross-training is too much asks about its dose: the advice on
how often ("Stay Consistent") answers, not the introduction that says "so much more" (found
playing a runner: "how much cross training is too much?" got the introduction; the real
model over the shipped article)."""

from __future__ import annotations

import pytest

from knowledge.retriever import HybridRetriever


@pytest.mark.parametrize("question", [
    "can i overdo the cross training?",
    "is there such a thing as too much biking for a runner?",
    "am i overdoing it with 4 swims a week?",
    "how many cross-training days a week is too many?",
])
def test_too_much_cross_training_is_answered_by_how_often(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    first = shipped_retriever.retrieve(question).passages[0]
    assert first.section.endswith("Stay Consistent")
