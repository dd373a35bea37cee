"""Asked who wrote the articles, the retriever gives the author (front matter) and her
byline, the article's short line naming her; other "who" questions get none (the real
model over the shipped article)."""

from __future__ import annotations

import pytest

from coach.answers import Answerer
from knowledge.retriever import HybridRetriever


@pytest.mark.parametrize("question", [
    "who wrote all this?",
    "whos dayna anyway",
    "who is the author of these articles",
    "who's the writer here, a physio?",
    "who wrote this, what are her credentials",
])
def test_who_wrote_it_is_answered_by_the_author_and_her_byline(
        shipped_retriever: HybridRetriever, question: str) -> None:
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.byline == ("Dayna", "Dayna - your fav. Exercise Physiologist")
    text = Answerer(shipped_retriever).answer(question).text
    assert text.startswith("The coach's articles are by Dayna")
    assert "Keep it easy" not in text and len(text) < 200


@pytest.mark.parametrize("question", [
    "who is cross training for?",
    "who should cross train",
    "is dayna one of those coaches who never cross trains herself",
    "what's the coach's motto",
])
def test_other_questions_get_no_byline(shipped_retriever: HybridRetriever,
                                       question: str) -> None:
    assert shipped_retriever.retrieve(question).byline is None
