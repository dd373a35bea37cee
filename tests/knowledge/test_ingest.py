"""Incremental ingestion into Chroma: skip unchanged, delete removed, report broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings
from knowledge.ingest import ensure_index, ingest, list_articles
from knowledge.store import open_collection
from tests.knowledge.conftest import ARTICLE, CountingEmbeddings, write_article

AQUA_JOGGING = ARTICLE.replace("Pool Running", "Aqua Jogging")


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """The folder ``settings`` indexes (made by the first article written to it)."""
    return tmp_path / "articles"


@pytest.fixture
def settings(isolated_environment: Path, articles: Path) -> Settings:
    """The suite's settings (tests/conftest.py), indexing ``articles``."""
    return Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                    articles_dir=articles)


def chunk_counts(settings: Settings, embeddings: CountingEmbeddings) -> dict[str, int]:
    """Passages in the index, by article."""
    return {summary.article: summary.chunks
            for summary in list_articles(open_collection(settings, embeddings))}


def test_second_run_of_an_unchanged_folder_embeds_nothing(
    articles: Path, settings: Settings, counting_embeddings: CountingEmbeddings
) -> None:
    write_article(articles)
    first = ingest(settings, embeddings=counting_embeddings)
    assert (first.added, first.unchanged, first.deleted) == (3, 0, 0)
    assert counting_embeddings.embedded == 3
    second = ingest(settings, embeddings=counting_embeddings)
    assert (second.added, second.unchanged, second.deleted, second.updated) == (0, 3, 0, 0)
    assert not second.changed
    assert counting_embeddings.embedded == 3
    assert open_collection(settings, counting_embeddings).count() == 3


def test_changed_chunks_are_re_embedded_and_removed_ones_deleted(
    articles: Path, settings: Settings, counting_embeddings: CountingEmbeddings
) -> None:
    path = write_article(articles)
    ingest(settings, embeddings=counting_embeddings)
    edited = ARTICLE.replace("Match the minutes", "Match the time").split("## How to do it")[0]
    edited += "## How long\n\nMatch the time of the run you replace.\n"
    path.write_text(edited, encoding="utf-8")
    report = ingest(settings, embeddings=counting_embeddings)
    assert (report.added, report.unchanged, report.deleted) == (1, 1, 2)
    assert counting_embeddings.embedded == 4
    collection = open_collection(settings, counting_embeddings)
    documents = collection.get()["documents"] or []
    assert "Match the time of the run you replace." in documents
    assert not any("flotation" in d for d in documents)


def test_a_deleted_article_leaves_the_index(
    articles: Path, settings: Settings, counting_embeddings: CountingEmbeddings
) -> None:
    write_article(articles, "a.md")
    gone = write_article(articles, "b.md", AQUA_JOGGING)
    ingest(settings, embeddings=counting_embeddings)
    gone.unlink()
    report = ingest(settings, embeddings=counting_embeddings)
    assert report.deleted == 3
    assert chunk_counts(settings, counting_embeddings) == {"a": 3}


def test_a_broken_article_is_skipped_and_its_last_good_version_kept(
    articles: Path, settings: Settings, counting_embeddings: CountingEmbeddings
) -> None:
    write_article(articles, "good.md")
    flaky = write_article(articles, "flaky.md", AQUA_JOGGING)
    ingest(settings, embeddings=counting_embeddings)
    flaky.write_bytes(b"---\ntitle: \xff\xfe broken\n---\n")
    write_article(articles, "new.md", ARTICLE.replace("Pool Running", "Stair Climbing"))
    report = ingest(settings, embeddings=counting_embeddings)
    assert [p.path.name for p in report.problems] == ["flaky.md"]
    assert "UTF-8" in report.problems[0].reason
    assert report.added == 3 and report.deleted == 0
    assert chunk_counts(settings, counting_embeddings) == {"good": 3, "flaky": 3, "new": 3}


def test_ingesting_one_file_leaves_the_rest_of_the_index_alone(
    tmp_path: Path, articles: Path, settings: Settings, counting_embeddings: CountingEmbeddings
) -> None:
    write_article(articles, "a.md")
    extra = write_article(tmp_path / "elsewhere", "b.md",
                          AQUA_JOGGING)
    ingest(settings, embeddings=counting_embeddings)
    ingest(settings, paths=[extra], embeddings=counting_embeddings)
    # The start-up refresh of the articles folder keeps the extra article.
    report = ensure_index(settings, embeddings=counting_embeddings)
    assert not report.changed
    assert chunk_counts(settings, counting_embeddings) == {"a": 3, "b": 3}


def test_ensure_index_builds_a_missing_index_and_rebuilds_for_another_model(
    articles: Path, settings: Settings, counting_embeddings: CountingEmbeddings
) -> None:
    write_article(articles)
    assert ensure_index(settings, embeddings=counting_embeddings).added == 3
    other = CountingEmbeddings()
    other.model_id = "another-model"
    assert ensure_index(settings, embeddings=other).added == 3
    assert open_collection(settings, other).metadata["embedding_model"] == "another-model"


def test_a_long_import_shows_a_progress_bar(
    articles: Path, settings: Settings, counting_embeddings: CountingEmbeddings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sections = "\n".join(f"## Drill {n}\n\nDrill number {n} for runners.\n" for n in range(80))
    write_article(articles, text="---\ntitle: Drills\n---\n\n# Drills\n\n" + sections)
    report = ingest(settings, embeddings=counting_embeddings, progress=True)
    assert report.added == 80
    assert "Embedding" in capsys.readouterr().err
    ingest(settings, embeddings=counting_embeddings, progress=True)
    assert "Embedding" not in capsys.readouterr().err  # nothing to embed, no bar
