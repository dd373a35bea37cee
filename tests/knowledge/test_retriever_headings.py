"""A section whose heading asks rather than names ("What is Cross-Training?") is ranked by
its passages, not penalised for a heading that reads far from every question (real model,
shipped article)."""

from __future__ import annotations

import pytest

from knowledge.retriever import HybridRetriever

WHAT_IS = "What is Cross-Training?"


@pytest.mark.parametrize("question", [
    # Whether other sports carry over to running: "What is Cross-Training?" says they build
    # fitness "that directly translates to better running performance".
    "my legs only know running, can other sports even build running fitness?",
    "does doing other sports make me a better runner or just a tired one?",
    "can a different sport really make me a better runner?",
    "does pedalling on a bike make my legs better at running?",
    "is hiking real training for a runner or just a walk?",
])
def test_a_question_about_what_other_sports_do_for_running_finds_what_is(
        shipped_retriever: HybridRetriever, question: str) -> None:
    first = shipped_retriever.rank(question)[0].chunk
    assert first.section.split(" > ")[-1] == WHAT_IS


def test_a_named_section_still_wins_its_own_questions(
        shipped_retriever: HybridRetriever) -> None:
    for question, section in [
        ("my shins ache after every run, would another sport help?",
         "1. Reduce Injuries and Aid Recovery"),
        ("i want quicker strides, is jumping stuff worth it?", "4. Increase Speed and Power"),
        ("the trails near me are closed by snow, how do i keep training?",
         "3. Adapt to Life’s Challenges"),
    ]:
        first = shipped_retriever.rank(question)[0].chunk
        assert first.section.split(" > ")[-1] == section, question
