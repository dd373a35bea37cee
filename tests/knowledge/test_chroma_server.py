"""Chroma as a server: `chroma run` on loopback, ingestion and queries through HttpClient."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import Settings
from knowledge.ingest import ingest
from knowledge.retriever import HybridRetriever
from knowledge.store import chroma_client, close_clients, open_collection
from tests.knowledge.conftest import CountingEmbeddings, write_article

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server-data"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("chroma run did not start: "
                                + (tmp_path / "chroma.log").read_text())
                time.sleep(0.2)
        yield port
    finally:
        close_clients()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


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
