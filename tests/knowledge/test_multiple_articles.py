"""Ranking across several articles and citing the right one (real model, fixture articles)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.answers import Answerer
from config.settings import Settings
from knowledge.retriever import HybridRetriever

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"
SHIPPED = ROOT / "knowledge" / "articles"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HybridRetriever]:
    """The shipped article and the fixture articles in one index."""
    from knowledge.embeddings import make_embeddings
    from knowledge.ingest import ingest
    from knowledge.service import build_retriever

    settings = Settings(_env_file=None,  # type: ignore[call-arg]
                        data_dir=tmp_path_factory.mktemp("library"))
    embeddings = make_embeddings(settings)
    report = ingest(settings, paths=[SHIPPED, FIXTURE_ARTICLES], embeddings=embeddings,
                    progress=False)
    assert not report.problems
    yield build_retriever(settings, embeddings=embeddings, refresh_index=False)


@pytest.mark.parametrize("question, title, section", [
    ("What damper setting should I use on the erg?", "Fixture: Rowing Machine Basics",
     "Setting the damper"),
    ("How many hours of sleep does a runner need?", "Fixture: Sleep and Recovery",
     "How many hours"),
    ("Is a short nap after lunch a good idea?", "Fixture: Sleep and Recovery", "Naps"),
    ("How did the coach's athlete prepare for the 29029 event?", "The Benefits of Cross",
     "3. Adapt to Life’s Challenges"),
])
def test_the_right_article_and_section_come_first(
    library: HybridRetriever, question: str, title: str, section: str,
) -> None:
    retrieval = library.retrieve(question)
    assert retrieval.covered
    first = retrieval.passages[0]
    assert first.article.startswith(title)
    assert first.section.split(" > ")[-1] == section


def test_the_answer_cites_the_article_it_quotes(library: HybridRetriever) -> None:
    answer = Answerer(library, cautions=library.lexicon).answer(
        "In which order do the legs, back and arms move during the stroke?")
    assert answer.covered
    body, source = answer.text.rsplit("\n\n", 1)
    assert "legs first" in body
    assert source == "Source: Fixture: Rowing Machine Basics for Runners — Stroke order"
    assert answer.sources[0].article.startswith("Fixture: Rowing")


def test_topics_come_from_every_article(library: HybridRetriever) -> None:
    topics = library.topics()
    assert "Setting the damper" in topics and "Reduce Injuries and Aid Recovery" in topics
