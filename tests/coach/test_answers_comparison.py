"""Questions setting two activities against each other, and sentences that close the
writing (sign-offs, bylines, calls to action) kept out of answers to training questions."""

from __future__ import annotations

import pytest

from coach.answers import (
    MAX_ANSWER_CHARS,
    Passage,
    Retrieval,
    ScoredSentence,
    comparison_sentence,
    compose_extractive,
)
from coach.catalogue import load_catalogue
from knowledge.text import load_lexicon

TITLE = "Swim, Bike, Run Less"


def _passage(section: str, sentences: list[tuple[str, float]], score: float, *,
             kind: str = "text", closing: frozenset[int] = frozenset(),
             answers: frozenset[int] = frozenset()) -> Passage:
    return Passage(
        chunk_id=f"{section}:{kind}:{score}", article=TITLE, section=section,
        text="\n".join(text for text, _ in sentences), score=score,
        sentences=tuple(ScoredSentence(text, sim, i) for i, (text, sim) in enumerate(sentences)),
        kind=kind, closing=closing, answers=answers,
    )


CHOOSING = _passage("Planning > Picking a Session", [
    ("Pick the session that matches what the week needs.", 0.55),
    ("An easy aerobic day can be a ride or a swim.", 0.5),
], 1.0)
EASY_DAYS = _passage("Planning > Easy Days", [
    ("Easy days are for recovery, whatever the sport.", 0.5),
    ("Keep the effort conversational.", 0.4),
], 0.9)
LOW_IMPACT = _passage("Why It Helps > Less Pounding", [
    ("The pool takes the pounding out of training.", 0.45),
], 0.85)
SIGN_OFF = _passage("Wrapping Up", [
    ("Train smart and see you out there, friends!", 0.6),
    ("Cheers, Marta - head coach", 0.5),
], 0.8, closing=frozenset({0, 1}))


@pytest.mark.parametrize("question", [
    "rowing or the bike for a recovery day?",
    "is the elliptical better than swimming if my shins are sore",
    "pool running vs spin class, which one before a marathon",
    "stair climber compared to hiking for a mountain ultra",
])
def test_a_comparison_leads_with_one_sentence_on_both_activities_and_cites_one_section(
        question: str) -> None:
    retrieval = Retrieval([CHOOSING, EASY_DAYS, LOW_IMPACT, SIGN_OFF], covered=True,
                          options=load_lexicon().compared(question))
    answer = compose_extractive(question, retrieval, catalogue=load_catalogue())
    body, source = answer.text.rsplit("\n\n", 1)
    first = body.split(". ", 1)[0]
    # The first sentence names both options the question sets against each other.
    assert first.count(" and ") >= 1 and ("both train" in first or " trains " in first)
    assert "impact" in first
    # One citation: the section of the passage quoted after it.
    assert source == f"Source: {TITLE} — Picking a Session"
    assert "Pick the session" in body
    assert "Easy days" not in body and "Cheers" not in body
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_the_comparison_sentence_says_what_both_train_and_how_they_differ() -> None:
    catalogue = load_catalogue()
    by_id = {activity.id: activity for activity in catalogue.activities}
    text = comparison_sentence(by_id["deep_water_running"], by_id["elliptical"])
    assert text.startswith("Deep-water running and elliptical both train aerobic endurance")
    assert "deep-water running has no impact, elliptical low impact" in text
    assert text.endswith(".") and text.count(".") == 1
    rowing = comparison_sentence(by_id["rowing"], by_id["road_cycling"])
    assert "rowing also trains general strength" in rowing


@pytest.mark.parametrize("question", [
    "is swimming any good or am i wasting my time",
    "can i still train or should i rest completely",
    "should i bike, or does it not count",
])
def test_one_activity_or_none_beside_the_comparing_word_is_no_comparison(
        question: str) -> None:
    retrieval = Retrieval([CHOOSING, EASY_DAYS], covered=True,
                          options=load_lexicon().compared(question))
    answer = compose_extractive(question, retrieval, catalogue=load_catalogue())
    assert "both train" not in answer.text


@pytest.mark.parametrize("question", [
    "what should i do on an easy day",
    "how do i pick my cross training session",
    "is an easy swim ok the day after a race",
])
def test_a_sign_off_never_joins_an_answer_to_a_training_question(question: str) -> None:
    # The sign-off ranked close to the answer and as relevant by its sentences.
    retrieval = Retrieval([CHOOSING, SIGN_OFF, EASY_DAYS], covered=True)
    answer = compose_extractive(question, retrieval)
    assert "Train smart" not in answer.text and "Cheers" not in answer.text
    # Ranked first, it gives way to the next passage.
    first = compose_extractive(question, Retrieval([SIGN_OFF, EASY_DAYS], covered=True))
    assert "Cheers" not in first.text and "Easy days are for recovery" in first.text
    assert "Wrapping Up" not in first.text


def test_a_sign_off_the_question_asks_for_is_quoted() -> None:
    asked = _passage("Wrapping Up", [
        ("Train smart and see you out there, friends!", 0.6),
        ("Cheers, Marta - head coach", 0.5),
    ], 1.0, closing=frozenset({0, 1}), answers=frozenset({1}))
    answer = compose_extractive("who signs these articles?",
                                Retrieval([asked, EASY_DAYS], covered=True))
    assert "Cheers, Marta" in answer.text and "Train smart" in answer.text


def test_a_call_to_action_stays_in_an_answer_about_the_offers() -> None:
    offer = _passage("Work With Us", [
        ("Our coaching plans start every month.", 0.5),
        ("Let's get you started today!", 0.4),
    ], 1.0, kind="offer", closing=frozenset({1}))
    answer = compose_extractive("how do i sign up for coaching",
                                Retrieval([offer], covered=True))
    assert "Let's get you started today!" in answer.text
