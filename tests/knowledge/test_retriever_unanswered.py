"""A question whose topic the articles cover but narrowed to a situation they don't ("how
often should i cross train in race week?") is answered on its topic in a sentence or two
from one section, with one line saying the articles don't speak to the situation (found
playing a triathlete: the reply was a patchwork of three sections that never said "race
week" was not covered; the real model over the shipped article)."""

from __future__ import annotations

import pytest

from coach.answers import compose_extractive
from knowledge.retriever import HybridRetriever

NOT_SPECIFIC = "don't say anything specific about"


@pytest.mark.parametrize(("question", "situation", "section"), [
    # Said back to them: "your taper".
    ("how often should i be cross training during my taper?", "during your taper",
     "Stay Consistent"),
    ("can cross-training help me avoid injuries at altitude?", "at altitude",
     "Reduce Injuries and Aid Recovery"),
    ("is cycling good for building endurance in pregnancy?", "in pregnancy",
     "Choose the Right Activities"),
    ("how many days a week should i cross train the week before a marathon?",
     "the week before a marathon", "Schedule It Strategically"),
    ("is swimming good for recovery during a taper?", "during a taper",
     "Reduce Injuries and Aid Recovery"),
])
def test_an_uncovered_situation_is_named_after_the_covered_answer(
    shipped_retriever: HybridRetriever, question: str, situation: str, section: str,
) -> None:
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.unanswered == situation
    answer = compose_extractive(question, retrieval)
    body, _, source = answer.text.rpartition("\n\n")
    first, _, last = body.rpartition("\n")
    assert last == f"The coach's articles {NOT_SPECIFIC} doing it {situation}."
    assert 0 < len(first) <= 300  # a sentence or two, not a patchwork
    assert source.endswith(section) and ";" not in source  # one citation


@pytest.mark.parametrize(("question", "situation"), [
    # Someone else as the subject, or named after "for" (found playing a parent and a
    # pregnant runner: the answer was the article's as if for the runner asking).
    ("how many times a week should my 10 year old cross train?", "for your 10 year old"),
    ("my teenage daughter runs cross country, which cross training should she try?",
     "for your teenage daughter"),
    ("does my husband need cross training too?", "for your husband"),
    ("which activities are best for an expecting runner?", "for an expecting runner"),
    ("how often should you cross train for a 65 year old?", "for a 65 year old"),
])
def test_someone_the_articles_dont_speak_of_is_named_after_the_answer(
    shipped_retriever: HybridRetriever, question: str, situation: str,
) -> None:
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.unanswered == situation
    answer = compose_extractive(question, retrieval)
    assert f"The coach's articles {NOT_SPECIFIC} doing it {situation}." in answer.text


@pytest.mark.parametrize("question", [
    "is cycling good cross training for a runner?",
    "what cross training do you give your athletes?",
    "my partner and i hike on weekends, does that count as cross training?",
    "my coach says i run like a robot, can plyometrics help?",
])
def test_the_runner_or_the_articles_own_people_are_no_situation(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    assert shipped_retriever.retrieve(question).unanswered == ""


@pytest.mark.parametrize("question", [
    "how often should i cross train?",
    "is swimming good for recovery?",
    "is swimming good during injury rehab?",
    "what can i do when it's pouring rain?",
    "what should i do for speed work in the off season?",
    "how do i fit cross training into my week?",
])
def test_a_covered_situation_keeps_the_whole_answer(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.unanswered == ""
    assert NOT_SPECIFIC not in compose_extractive(question, retrieval).text


@pytest.mark.parametrize(("question", "phrase"), [
    ("can i still cross train at altitude?", ("at", "altitude",)),
    ("is the rower ok during my taper?", ("during", "my", "taper")),
    ("should i swim the night before a half?", ("the", "night", "before", "a", "half")),
    ("my knee hurts after long runs, is biking ok while pregnant?", ("while", "pregnant",)),
    # Clauses, vague words, chat and statements narrow nothing.
    ("would adding in some other stuff help?", ()),
    ("what should i do in the meantime?", ()),
    ("which activities are best in general?", ()),
    ("can i ease back in w/o reinjuring?", ()),
    ("we hike most weekends with the baby in a backpack", ()),
    ("is biking good for a half marathon?", ()),
    # Someone other than the runner: after "for", or as a clause's subject.
    ("swimming for a pregnant athlete?", ("for", "a", "pregnant", "athlete")),
    ("can my 9 year old do strength training?", ("for", "my", "9", "year", "old")),
    ("my sons want to try the versaclimber, is that ok?", ("for", "my", "sons")),
    # The runner in the clause, a conjunction after the person, or a goal after "for".
    ("my wife thinks i overdo it, how often should i cross train?", ()),
    ("my kids and i bike to school, does that count?", ()),
    ("what should i do for my legs?", ()),
])
def test_the_situation_is_a_short_phrase_ending_the_question(
    question: str, phrase: tuple[str, ...],
) -> None:
    from knowledge.text import load_lexicon

    assert load_lexicon().qualifier(question) == phrase
