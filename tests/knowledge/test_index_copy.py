"""The index's copy in memory answers the retriever as Chroma does, without a client."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from knowledge.index_copy import IndexCopy, IndexMismatchError
from knowledge.retriever import HybridRetriever
from knowledge.service import build_retriever
from tests.knowledge.conftest import CountingEmbeddings

QUESTIONS = [
    "what can I do instead of running when my knee hurts?",
    "is cycling good cross-training for a marathon?",
    "my trails are closed, how do I keep training?",
    "why should runners do strength work?",
    "does the coach have a workshop?",
    "which shoes should I buy?",
]


@pytest.fixture(scope="module")
def chroma_and_copy(shipped_retriever: HybridRetriever) -> tuple[HybridRetriever, IndexCopy]:
    collection = shipped_retriever.collection
    model = str((collection.metadata or {})["embedding_model"])  # type: ignore[union-attr]
    return shipped_retriever, IndexCopy.of(collection, model=model)  # type: ignore[arg-type]


def test_the_copy_finds_the_nearest_passages_chroma_finds_at_the_same_distances(
    chroma_and_copy: tuple[HybridRetriever, IndexCopy],
) -> None:
    retriever, copy = chroma_and_copy
    # The shipped article's anticipated questions travel in the copy too.
    assert copy.count() == len(retriever.chunks) + len(retriever.anticipated)
    assert len(retriever.chunks) > 10 and len(retriever.anticipated) > 100
    for question in QUESTIONS:
        query: list[Sequence[float]] = [retriever.embeddings.embed_query(question)]
        chroma = retriever.collection.query(query_embeddings=query, n_results=10,
                                            include=["distances"])
        ours = copy.query(query_embeddings=query, n_results=10)
        assert ours["ids"] == chroma["ids"]
        assert np.allclose(ours["distances"], chroma["distances"] or [], atol=1e-5)


def test_a_retriever_over_the_copy_retrieves_what_one_over_chroma_does(
    chroma_and_copy: tuple[HybridRetriever, IndexCopy], tmp_path: Path,
) -> None:
    retriever, copy = chroma_and_copy
    copy.save(tmp_path / "index.npz")
    over_copy = HybridRetriever(collection=IndexCopy.load(tmp_path / "index.npz"),
                                embeddings=retriever.embeddings,
                                relevance_floor=retriever.relevance_floor)
    for question in QUESTIONS:
        expected, got = retriever.retrieve(question, limit=3), over_copy.retrieve(question,
                                                                                   limit=3)
        assert [p.text for p in got.passages] == [p.text for p in expected.passages]
        assert [p.score for p in got.passages] == pytest.approx(
            [p.score for p in expected.passages], abs=1e-6)
        assert got.covered == expected.covered
        assert [p.answers for p in got.passages] == [p.answers for p in expected.passages]


def test_a_copy_saved_and_loaded_keeps_every_passage_and_metadata_type(tmp_path: Path) -> None:
    copy = IndexCopy(model="m", ids=["a", "b"], documents=["first", "zweite ü"],
                     metadatas=[{"position": 1, "title": "T", "weight": 0.5, "intro": True},
                                {}],
                     embeddings=np.asarray([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32))
    copy.save(tmp_path / "copy.npz")
    loaded = IndexCopy.load(tmp_path / "copy.npz")

    assert loaded.get() == {**copy.get(), "embeddings": loaded.embeddings}
    assert np.array_equal(loaded.embeddings, copy.embeddings)
    assert loaded.query([[0.0, 2.0]], n_results=1)["ids"] == [["b"]]
    assert loaded.query([[1.0, 0.0]], n_results=5)["ids"] == [["a", "b"]]


def test_a_copy_made_with_another_model_is_refused(tmp_path: Path) -> None:
    from config.settings import Settings

    copy = IndexCopy(model="another-model", ids=[], documents=[], metadatas=[],
                     embeddings=np.zeros((0, 32), dtype=np.float32))
    settings = Settings(_env_file=None, data_dir=tmp_path)
    with pytest.raises(IndexMismatchError, match="another-model"):
        build_retriever(settings, embeddings=CountingEmbeddings(), index=copy)
