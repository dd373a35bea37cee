"""Fixtures for the knowledge base: a real index of the shipped article, built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from config.settings import Settings
from knowledge.retriever import HybridRetriever
from tests.run_once import copy_data_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shipped_retriever(tmp_path_factory: pytest.TempPathFactory,
                      first_start_template: Path) -> Iterator[HybridRetriever]:
    """The real model over the shipped article, in its own data directory: a copy of the
    run's first start, which embedded the articles once for every worker."""
    from knowledge.service import build_retriever

    data_dir = copy_data_dir(first_start_template, tmp_path_factory.mktemp("shipped-kb"))
    settings = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
    yield build_retriever(settings)


class CountingEmbeddings(Embeddings):
    """Fast deterministic vectors that count how many texts were embedded."""

    model_id = "counting-fake"

    def __init__(self) -> None:
        self.inner = DeterministicFakeEmbedding(size=32)
        self.embedded = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@pytest.fixture
def counting_embeddings() -> CountingEmbeddings:
    return CountingEmbeddings()


ARTICLE = """---
title: Pool Running
author: Dayna
language: en
---

# Pool Running

Deep-water running keeps the running motion without impact.

## How to do it

Wear a flotation belt. Run in the deep end with a tall posture.

## How long

Match the minutes of the run you replace.
"""


def write_article(folder: Path, name: str = "pool-running.md", text: str = ARTICLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
