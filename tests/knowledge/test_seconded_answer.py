"""The anticipated answer of another passage than the first joins the reply (the real model
over the shipped article and its questions sidecar)."""

from __future__ import annotations

from coach.answers import PASSAGES, Answerer
from knowledge.retriever import SECOND_ANSWER_FLOOR, HybridRetriever


def test_a_question_anticipated_by_the_introduction_gets_its_answer_beside_the_advice(
    shipped_retriever: HybridRetriever,
) -> None:
    # Worded unlike the development sets: the advice on consistency ranks first, the
    # introduction's "who is it for" paragraph holds the anticipated answer.
    question = "honestly my runs are getting monotonous, is mixing in other workouts a good idea"
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.covered
    first, *rest = retrieval.passages
    assert not first.answers or "shake things up" not in first.text
    seconded = [p for p in rest if p.answers]
    assert len(seconded) == 1 and "shake things up" in seconded[0].text
    text = Answerer(shipped_retriever, cautions=shipped_retriever.lexicon).answer(question).text
    assert "the missing piece of the puzzle" in text
    assert text.count("Source:") == 1 and len(text) <= 600


def test_no_other_passage_is_seconded_when_the_closest_anticipated_question_is_far(
    shipped_retriever: HybridRetriever,
) -> None:
    retrieval = shipped_retriever.retrieve("what should I eat before a marathon?")
    assert SECOND_ANSWER_FLOOR > 0.5
    assert not any(p.answers for p in retrieval.passages[1:])


def test_an_introduction_close_in_every_view_ranks_among_the_passages_retrieved(
    shipped_retriever: HybridRetriever,
) -> None:
    # Naming a topic of the advice ("resting") costs a general passage only a little: the
    # introduction that states what cross-training is for stays among the passages an
    # answer retrieves.
    question = "honestly whats the use of cross training, isnt it just resting"
    top = shipped_retriever.rank(question)[:PASSAGES]
    assert any(r.chunk.kind == "introduction" for r in top)
