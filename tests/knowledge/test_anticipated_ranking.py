"""Anticipated questions with the real model: ranking across the fixture articles and the
shipped one when a fixture article has a questions sidecar, and the answer-first lead."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.answers import Answerer
from config.settings import Settings
from knowledge.retriever import HybridRetriever

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"
SHIPPED = ROOT / "knowledge" / "articles"

# Written for these tests (like the fixture articles, not the coach's words).
ROWING_QUESTIONS = """\
passages:
  - answer: "Row 20 minutes at a conversational effort"
    questions:
      - "never rowed before, what should my first workout be?"
      - "beginner rowing session?"
  - answer: "Recover in the reverse order: arms, body, legs."
    questions:
      - "how do i get back to the front of the rower?"
      - "which part moves first after the finish?"
  - answer: "Set the erg damper between 3 and 5"
    questions:
      - "why does the rower feel so heavy?"
"""


def _library(folder: Path, *, with_questions: bool) -> HybridRetriever:
    from knowledge.embeddings import make_embeddings
    from knowledge.ingest import ingest
    from knowledge.service import build_retriever

    articles = folder / "articles"
    shutil.copytree(FIXTURE_ARTICLES, articles)
    if with_questions:
        (articles / "rowing-machine-basics.questions.yaml").write_text(ROWING_QUESTIONS,
                                                                        encoding="utf-8")
    settings = Settings(_env_file=None, data_dir=folder / "data")
    embeddings = make_embeddings(settings)
    report = ingest(settings, paths=[SHIPPED, articles], embeddings=embeddings, progress=False)
    assert not report.problems
    return build_retriever(settings, embeddings=embeddings, refresh_index=False)


@pytest.fixture(scope="module")
def with_questions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HybridRetriever]:
    yield _library(tmp_path_factory.mktemp("with-questions"), with_questions=True)


@pytest.fixture(scope="module")
def without_questions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HybridRetriever]:
    yield _library(tmp_path_factory.mktemp("without-questions"), with_questions=False)


QUESTION = "first time on an erg, what workout should i do?"


def test_a_question_worded_as_anticipated_finds_its_passage_across_articles(
    with_questions: HybridRetriever, without_questions: HybridRetriever,
) -> None:
    # Without the sidecar the damper's passage ("erg") comes first.
    assert without_questions.retrieve(QUESTION).passages[0].section == "Setting the damper"
    retrieval = with_questions.retrieve(QUESTION)
    assert retrieval.covered
    first = retrieval.passages[0]
    assert first.article == "Fixture: Rowing Machine Basics for Runners"
    assert first.section == "A first rowing session"


@pytest.mark.parametrize("question, title, section", [
    ("How many hours of sleep does a runner need?", "Fixture: Sleep and Recovery",
     "How many hours"),
    ("Is a short nap after lunch a good idea?", "Fixture: Sleep and Recovery", "Naps"),
    ("How did the coach's athlete prepare for the 29029 event?", "The Benefits of Cross",
     "3. Adapt to Life’s Challenges"),
])
def test_articles_without_a_sidecar_still_rank_beside_one_with(
    with_questions: HybridRetriever, question: str, title: str, section: str,
) -> None:
    first = with_questions.retrieve(question).passages[0]
    assert first.article.startswith(title)
    assert first.section.split(" > ")[-1] == section


def test_the_anticipated_answer_leads_the_reply(
    with_questions: HybridRetriever, without_questions: HybridRetriever,
) -> None:
    question = "how do i get back to the front of the rower after a stroke?"
    plain = Answerer(without_questions, cautions=without_questions.lexicon).answer(question)
    assert plain.text.startswith("Drive with the legs first")
    answer = Answerer(with_questions, cautions=with_questions.lexicon).answer(question)
    assert answer.covered
    assert answer.text.startswith("Recover in the reverse order: arms, body, legs.")
    body, source = answer.text.rsplit("\n\n", 1)
    assert "Drive with the legs first" in body  # the rest of the passage follows
    # (then the activity catalogue's rowing facts, with their own citation)
    assert source.startswith("Source: Fixture: Rowing Machine Basics for Runners — Stroke order")
