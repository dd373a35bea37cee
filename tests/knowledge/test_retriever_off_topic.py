"""A question that shares a word with the article (swim, tailbone, race, strength) but asks
about a topic it never covers (breathing technique, stretching routines, diagnosis and
healing time, race-day mindset) is refused: the lexicon's off_topic list names those topics
(the real model over the shipped article)."""

from __future__ import annotations

import pytest

from knowledge.retriever import HybridRetriever


@pytest.mark.parametrize("question", [
    # Breathing technique, running or in the pool.
    "front crawl breathing every 3 strokes is impossible for me, tips?",
    "i get out of breath so fast when swimming laps, how do i breathe properly",
    "how do i stop gasping for air on my runs, nose or mouth breathing?",
    # Stretching and yoga routines.
    "what yoga poses help tight hamstrings",
    "best stretches for a tight lower back after long runs",
    # Diagnosis and healing time.
    "how many weeks until a stress fracture heals",
    "should i get an mri for my knee or wait it out",
    # Race-day mindset.
    "how do i stay mentally tough when a race gets hard",
    "i always talk myself into quitting in the last 5k of a race, how to stop",
    # Run-walk: walking breaks inside a run.
    "is it bad if i walk some parts of long run?",
    "is run walk cheating? i take 1 min walk breaks every km",
    "should i walk the uphills during my long runs or keep running",
])
def test_a_question_on_a_topic_the_articles_skip_is_refused_despite_shared_words(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    assert shipped_retriever.retrieve(question).covered is False


@pytest.mark.parametrize("question", [
    "is swimming good for runners",
    "my knee hurts, can I swim instead?",
    "can yoga count as cross training",
    "broke my foot, how do i keep my fitness",
    "i hurt my ankle, what can i do to stay fit",
])
def test_a_fair_question_on_the_same_activities_and_injuries_is_still_answered(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    assert shipped_retriever.retrieve(question).covered is True
