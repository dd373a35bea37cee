"""Chroma as a server: `chroma run` on loopback, ingestion and queries through HttpClient."""

from __future__ import annotations

from pathlib import Path

from config.settings import Settings
from knowledge.ingest import ingest
from knowledge.retriever import HybridRetriever
from knowledge.store import chroma_client, open_collection
from tests.knowledge.conftest import CountingEmbeddings, write_article


def test_ingest_and_query_through_a_chroma_server(
    chroma_server: int, tmp_path: Path, isolated_environment: Path
) -> None:
    articles = tmp_path / "articles"
    write_article(articles)
    settings = Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                        articles_dir=articles, chroma_host="127.0.0.1", chroma_port=chroma_server)
    assert settings.uses_chroma_server
    embeddings = CountingEmbeddings()
    assert ingest(settings, embeddings=embeddings).added == 3
    assert ingest(settings, embeddings=embeddings).added == 0
    assert type(chroma_client(settings)).__name__ != "PersistentClient"
    # Nothing was written to the local data directory: the server holds the index.
    assert not settings.chroma_dir.exists()

    retriever = HybridRetriever(collection=open_collection(settings, embeddings),
                                embeddings=embeddings, relevance_floor=-1.0)
    ranked = retriever.rank("flotation belt deep end posture")
    assert ranked[0].chunk.section == "How to do it"
    assert len(ranked) == 3
