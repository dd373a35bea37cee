"""Anticipated questions: an article's ``.questions.yaml`` sidecar, mapped to passages by
quote, stored beside the passages, and what the retriever makes of it (fake vectors here;
the real model in test_anticipated_ranking.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import knowledge.documents as documents
from config.settings import Settings
from knowledge.documents import load_chunks, locate, questions_path
from knowledge.ingest import ingest, list_articles
from knowledge.retriever import HybridRetriever, _quoted_positions
from knowledge.store import open_collection
from knowledge.text import sentences
from tests.knowledge.conftest import CountingEmbeddings, write_article

SIDECAR = """\
passages:
  - answer: "Wear a flotation belt."
    questions:
      - "do i need any gear for aqua jogging?"
      - "what do i wear in the pool"
  - answer: "match the MINUTES of the run you replace"
    questions:
      - "how long should a pool session be?"
"""


def _settings(data_dir: Path, articles: Path) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, articles_dir=articles)


def _with_sidecar(folder: Path, text: str = SIDECAR) -> Path:
    article = write_article(folder)
    sidecar = questions_path(article)
    sidecar.write_text(text, encoding="utf-8")
    return sidecar


# ---------------------------------------------------------------- finding the passage


def test_a_quote_is_found_whatever_its_case_punctuation_and_emphasis() -> None:
    passages = ["Run easy on Mondays.",
                "It’s also a **great** way to train around injuries—while your body heals."]
    assert locate("it's also a great way to train around injuries - while", passages) == 1
    assert locate("Run easy", passages) == 0


def test_a_quote_split_between_two_passages_belongs_to_the_one_holding_more_of_it() -> None:
    passages = ["Start here. Build it into your routine and",
                "watch the benefits spill over into your running. Then rest."]
    quote = "Build it into your routine and watch the benefits spill over into your running."
    assert locate(quote, passages) == 1
    assert locate("Build it into your routine and watch", passages) == 0


def test_a_quote_with_a_word_the_article_does_not_hold_matches_no_passage() -> None:
    passages = ["Start here. Build it into your routine and",
                "watch the benefits spill over into your running. Then rest."]
    assert locate("Build it into your routine and watch the benefits spill over into your "
                  "legs.", passages) is None
    assert locate("Build it into our routine and watch the benefits", passages) is None
    assert locate("Start here. Build it into your routine daily", passages) is None


def test_words_the_article_does_not_hold_match_no_passage() -> None:
    passages = ["Run easy on Mondays.", "Swim on Tuesdays."]
    assert locate("Cycle on Wednesdays.", passages) is None
    assert locate("Mondays", ["Run easy on Mondays."]) == 0  # a short quote held whole
    assert locate("", passages) is None
    # Part of a word is no quote.
    assert locate("day", passages) is None


def test_the_sentences_a_quote_covers_are_those_it_overlaps() -> None:
    said = sentences("First sentence here. Second one says more. Third one closes.")
    assert _quoted_positions("second one says more", said) == {1}
    assert _quoted_positions("here. Second one", said) == {0, 1}
    assert _quoted_positions("Third one closes.", said) == {2}


# ---------------------------------------------------------------- loading the sidecar


def test_each_question_is_loaded_with_its_answer_quote(tmp_path: Path) -> None:
    _with_sidecar(tmp_path)
    loaded = load_chunks([tmp_path])
    assert not loaded.problems
    by_question = {q.question: q for q in loaded.questions}
    assert set(by_question) == {"do i need any gear for aqua jogging?",
                                "what do i wear in the pool",
                                "how long should a pool session be?"}
    asked = by_question["how long should a pool session be?"]
    assert asked.answer == "match the MINUTES of the run you replace"
    assert asked.article == "pool-running" and asked.questions_file == \
        "pool-running.questions.yaml"
    held = [c.text for c in loaded.chunks]
    assert "Match the minutes" in held[locate(asked.answer, held) or 0]


def test_a_quote_may_begin_with_its_passages_heading(tmp_path: Path) -> None:
    _with_sidecar(tmp_path, SIDECAR.replace('"Wear a flotation belt."',
                                            '"How to do it Wear a flotation belt."'))
    loaded = load_chunks([tmp_path])
    assert not loaded.problems and len(loaded.questions) == 3


def test_an_article_without_a_sidecar_loads_as_before(tmp_path: Path) -> None:
    write_article(tmp_path)
    loaded = load_chunks([tmp_path])
    assert not loaded.problems and not loaded.questions and len(loaded.chunks) == 3


def test_a_quote_no_passage_holds_is_an_error_naming_the_file_and_the_quote(
        tmp_path: Path) -> None:
    _with_sidecar(tmp_path, SIDECAR.replace("Wear a flotation belt.",
                                            "Wear a weighted vest."))
    loaded = load_chunks([tmp_path])
    assert [p.path.name for p in loaded.problems] == ["pool-running.md"]
    reason = str(loaded.problems[0])
    assert "pool-running.questions.yaml" in reason
    assert "Wear a weighted vest." in reason
    assert not loaded.articles and not loaded.chunks and not loaded.questions


@pytest.mark.parametrize("text", [
    "just a string\n",
    "passages: {answer: x}\n",
    "passages:\n  - answer: 'Wear a flotation belt.'\n",
    "passages:\n  - questions: ['what do i wear']\n",
    "passages:\n  - answer: 'Wear a flotation belt.'\n    questions: [1, 2]\n",
    "passages: [\n",
])
def test_a_malformed_sidecar_is_reported_for_its_article(tmp_path: Path, text: str) -> None:
    _with_sidecar(tmp_path, text)
    loaded = load_chunks([tmp_path])
    assert len(loaded.problems) == 1
    assert "pool-running.questions.yaml" in str(loaded.problems[0])


# ---------------------------------------------------------------- the index


def test_questions_are_embedded_once_and_follow_their_sidecar(
    tmp_path: Path, isolated_environment: Path, counting_embeddings: CountingEmbeddings
) -> None:
    articles = tmp_path / "articles"
    sidecar = _with_sidecar(articles)
    settings = _settings(isolated_environment, articles)
    first = ingest(settings, embeddings=counting_embeddings)
    assert (first.added, first.questions, first.questions_added) == (3, 3, 3)
    assert counting_embeddings.embedded == 6
    again = ingest(settings, embeddings=counting_embeddings)
    assert not again.changed and counting_embeddings.embedded == 6
    # One question reworded, one quote corrected: one new vector, the moved one kept.
    sidecar.write_text(SIDECAR.replace("what do i wear in the pool", "pool kit?")
                       .replace("match the MINUTES", "Match the minutes"), encoding="utf-8")
    edited = ingest(settings, embeddings=counting_embeddings)
    assert (edited.questions_added, edited.questions_updated,
            edited.questions_deleted) == (1, 1, 1)
    assert counting_embeddings.embedded == 7
    assert "1 added, 1 updated, 1 deleted" in edited.summary()
    collection = open_collection(settings, counting_embeddings)
    stored = collection.get(include=["documents", "metadatas"])
    answers = {d: (m or {}).get("answer") for d, m in
               zip(stored["documents"] or [], stored["metadatas"] or [], strict=True)}
    assert answers["how long should a pool session be?"] == \
        "Match the minutes of the run you replace"
    # Passages are what the articles list counts.
    assert [(s.article, s.chunks) for s in list_articles(collection)] == [("pool-running", 3)]
    # A quote fixed alone is a change too (a worker's index copy must follow it).
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(
        "Wear a flotation belt.", "Wear a flotation belt"), encoding="utf-8")
    fixed = ingest(settings, embeddings=counting_embeddings)
    assert fixed.changed and fixed.questions_updated == 2 and counting_embeddings.embedded == 7
    sidecar.unlink()
    removed = ingest(settings, embeddings=counting_embeddings)
    assert (removed.questions_deleted, removed.deleted, removed.questions) == (3, 0, 0)
    assert open_collection(settings, counting_embeddings).count() == 3


def test_a_broken_sidecar_leaves_the_article_and_its_questions_as_they_were(
    tmp_path: Path, isolated_environment: Path, counting_embeddings: CountingEmbeddings
) -> None:
    articles = tmp_path / "articles"
    sidecar = _with_sidecar(articles)
    settings = _settings(isolated_environment, articles)
    ingest(settings, embeddings=counting_embeddings)
    sidecar.write_text(SIDECAR.replace("flotation belt", "snorkel"), encoding="utf-8")
    report = ingest(settings, embeddings=counting_embeddings)
    assert len(report.problems) == 1 and "snorkel" in str(report.problems[0])
    assert not report.changed
    assert open_collection(settings, counting_embeddings).count() == 6


def test_the_retriever_keeps_questions_apart_from_passages_and_finds_their_passage(
    tmp_path: Path, isolated_environment: Path, counting_embeddings: CountingEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = tmp_path / "articles"
    _with_sidecar(articles)
    settings = _settings(isolated_environment, articles)
    ingest(settings, embeddings=counting_embeddings)
    retriever = HybridRetriever(collection=open_collection(settings, counting_embeddings),
                                embeddings=counting_embeddings, relevance_floor=0.3)

    def owners() -> dict[str, str]:
        return {q.question: retriever.chunks[int(owner)].text for q, owner
                in zip(retriever.anticipated, retriever._question_owner, strict=True)}

    assert len(retriever.chunks) == 3 and len(retriever.anticipated) == 3
    assert "flotation belt" in owners()["what do i wear in the pool"]
    assert "Match the minutes" in owners()["how long should a pool session be?"]
    # The article re-split (smaller passages): no question re-embedded, each still finds
    # the passage holding its quote.
    monkeypatch.setattr(documents, "CHUNK_SIZE", 30)
    monkeypatch.setattr(documents, "CHUNK_OVERLAP", 0)
    embedded = counting_embeddings.embedded
    resplit = ingest(settings, embeddings=counting_embeddings)
    assert resplit.added > 0 and resplit.questions_added == 0
    assert counting_embeddings.embedded == embedded + resplit.added
    retriever.refresh()
    assert len(retriever.chunks) > 3
    assert "flotation belt" in owners()["do i need any gear for aqua jogging?"]
    assert "Match the minutes" in owners()["how long should a pool session be?"]


def test_a_question_asked_as_anticipated_ranks_its_passage_and_its_answer_leads(
    tmp_path: Path, isolated_environment: Path, counting_embeddings: CountingEmbeddings,
) -> None:
    # Fake vectors: only an identical text is close, so the anticipated question alone
    # can bring its passage first.
    articles = tmp_path / "articles"
    _with_sidecar(articles)
    settings = _settings(isolated_environment, articles)
    ingest(settings, embeddings=counting_embeddings)
    retriever = HybridRetriever(collection=open_collection(settings, counting_embeddings),
                                embeddings=counting_embeddings, relevance_floor=0.3)
    ranked = retriever.rank("what do i wear in the pool")
    assert "flotation belt" in ranked[0].chunk.text
    assert ranked[0].anticipated == pytest.approx(1.0, abs=1e-5)
    assert all(r.anticipated < 0.99 for r in ranked[1:])
    retrieval = retriever.retrieve("what do i wear in the pool")
    first = retrieval.passages[0]
    assert [s.text for s in first.sentences if s.position in first.answers] == \
        ["Wear a flotation belt."]
    # A question anticipated for no passage leads with nothing in particular.
    assert not retriever.retrieve("zebra crossing at noon").passages[0].answers
    assert np.isfinite([r.score for r in ranked]).all()
