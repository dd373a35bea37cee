"""Retrieval eval on the shipped article with the real model (questions in our own words).

hit@3 counts a question only when it is answered (covered) and an expected section is in
the top three; out-of-scope questions must be refused.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from knowledge.retriever import HybridRetriever
from tests.knowledge.conftest import FIXTURES


def _eval() -> dict[str, Any]:
    data = yaml.safe_load((FIXTURES / "retrieval_eval.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_eval_is_big_enough_and_names_real_sections(
    shipped_retriever: HybridRetriever,
) -> None:
    data = _eval()
    assert len(data["covered"]) >= 30
    assert len(data["not_covered"]) >= 10
    known = {chunk.section for chunk in shipped_retriever.chunks}
    assert set(data["sections"].values()) <= known
    headings = {h.lower() for chunk in shipped_retriever.chunks for h in chunk.headings}
    # Our own words: no question repeats a heading.
    assert not any(item["q"].lower().strip("?") in headings for item in data["covered"])


def test_hit_at_3_and_refusals(shipped_retriever: HybridRetriever) -> None:
    data = _eval()
    sections = data["sections"]
    hits, misses = 0, []
    for item in data["covered"]:
        expected = {sections[key] for key in item["expect"]}
        retrieval = shipped_retriever.retrieve(item["q"], limit=3)
        found = [p.section for p in retrieval.passages]
        if retrieval.covered and expected & set(found):
            hits += 1
        else:
            misses.append((item["q"], retrieval.covered, found))
    hit_at_3 = hits / len(data["covered"])
    refused = sum(not shipped_retriever.retrieve(q).covered for q in data["not_covered"])
    refused_share = refused / len(data["not_covered"])
    assert hit_at_3 >= 0.95, misses
    assert refused_share >= 0.9


@pytest.mark.parametrize("question, section_end", [
    ("Is a VersaClimber worth using for ultramarathon training?", "Tougher Challenges"),
    ("Do jump squats and bounding make you faster?", "Increase Speed and Power"),
    ("Wildfires closed my local trails, how do I keep training?", "Life’s Challenges"),
])
def test_rare_words_find_their_section_first(
    shipped_retriever: HybridRetriever, question: str, section_end: str
) -> None:
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.covered
    assert retrieval.passages[0].section.endswith(section_end)
    scores = [p.score for p in retrieval.passages]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_baselines_rank_the_same_chunks(shipped_retriever: HybridRetriever) -> None:
    question = "What are plyometric drills good for?"
    for method in ("hybrid", "dense", "bm25"):
        ranked = shipped_retriever.rank(question, method=method)  # type: ignore[arg-type]
        assert len(ranked) == len(shipped_retriever.chunks)


def test_topics_list_the_advice_sections_not_the_offers(
    shipped_retriever: HybridRetriever,
) -> None:
    topics = shipped_retriever.topics()
    assert "Reduce Injuries and Aid Recovery" in topics
    assert "How to Incorporate Cross-Training Into Your Plan" in topics
    assert not any("Want more help" in t for t in topics)
