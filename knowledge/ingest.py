"""Incremental ingestion: articles -> chunks -> Chroma, doing only the work that changed.

Chunk ids are hashes of their content, so a chunk whose id is already stored is skipped
(no embedding work); stored chunks of the ingested files or folders that are no longer
produced are deleted. A broken article is reported and left as it was in the index.

An article's anticipated questions (its ``.questions.yaml`` sidecar, knowledge/documents.py)
are stored beside its chunks in the same collection, in the same way: embedded once, kept
while unchanged, deleted with the sidecar or the article. They carry their answer's quote,
not a chunk id: the retriever finds the passage again, however the article is split.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tqdm import tqdm

from knowledge.documents import (
    AnticipatedQuestion,
    ArticleProblem,
    Chunk,
    article_files,
    is_question,
    load_chunks,
)
from knowledge.embeddings import make_embeddings
from knowledge.store import open_collection

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

    from config.settings import Settings

log = logging.getLogger(__name__)

UPSERT_BATCH = 64
# Fewer chunks than this embed in about a second: no bar needed.
PROGRESS_MIN_CHUNKS = 64


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    unchanged: int = 0
    updated: int = 0  # same text, new metadata (moved file, new author): no embedding
    deleted: int = 0
    articles: list[str] = field(default_factory=list)
    problems: list[ArticleProblem] = field(default_factory=list)
    # Anticipated questions (sidecars): how many are indexed, embedded now, filed under
    # another quote (no embedding), deleted.
    questions: int = 0
    questions_added: int = 0
    questions_updated: int = 0
    questions_deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.questions_added
                    or self.questions_updated or self.questions_deleted)

    def summary(self) -> str:
        text = (f"{len(self.articles)} article(s): {self.added} chunk(s) added, "
                f"{self.unchanged} unchanged, {self.updated} updated, {self.deleted} deleted")
        if self.questions or self.questions_deleted:
            text += (f"; {self.questions} anticipated question(s), {self.questions_added} "
                     f"added, {self.questions_updated} updated, {self.questions_deleted} "
                     "deleted")
        if self.problems:
            text += f"; {len(self.problems)} skipped"
        return text


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    article: str
    title: str
    chunks: int
    source: str


def _in_scope(source: str, *, folders: set[str], files: set[str]) -> bool:
    return source in files or str(Path(source).parent) in folders


def sync_articles(
    *,
    collection: Collection,
    embeddings: Embeddings,
    paths: Sequence[Path],
    progress: bool | None = None,
) -> IngestReport:
    """Make the index hold exactly the current chunks of the articles under ``paths``.

    ``progress``: True shows a bar, False never, None shows one for long imports on a terminal.
    """
    loaded = load_chunks(paths)
    report = IngestReport(articles=[a.slug for a in loaded.articles], problems=loaded.problems)
    for problem in loaded.problems:
        log.warning("skipped article %s", problem)

    folders = {str(p.resolve()) for p in paths if p.is_dir()}
    files = {str(p.resolve()) for p in article_files(paths) if not p.is_dir()}
    broken = {str(problem.path.resolve()) for problem in loaded.problems}
    wanted: dict[str, Chunk] = {chunk.id: chunk for chunk in loaded.chunks}
    questions: dict[str, AnticipatedQuestion] = {q.id: q for q in loaded.questions}
    report.questions = len(questions)

    stored = collection.get(include=cast(Any, ["metadatas"]))
    stored_meta: dict[str, dict[str, Any]] = {
        chunk_id: dict(meta or {})
        for chunk_id, meta in zip(stored["ids"], stored["metadatas"] or [], strict=False)
    }

    stale = [
        chunk_id for chunk_id, meta in stored_meta.items()
        if chunk_id not in wanted and chunk_id not in questions
        and _in_scope(str(meta.get("source", "")), folders=folders, files=files)
        and str(meta.get("source", "")) not in broken
    ]
    if stale:
        collection.delete(ids=stale)
        report.questions_deleted = sum(is_question(stored_meta[i]) for i in stale)
        report.deleted = len(stale) - report.questions_deleted

    to_embed = [chunk for chunk_id, chunk in wanted.items() if chunk_id not in stored_meta]
    to_update = [
        chunk for chunk_id, chunk in wanted.items()
        if chunk_id in stored_meta and stored_meta[chunk_id] != chunk.metadata()
    ]
    report.unchanged = len(wanted) - len(to_embed) - len(to_update)
    # A question filed under another quote keeps its vector: only its metadata changes.
    questions_moved = [q for q_id, q in questions.items()
                       if q_id in stored_meta and stored_meta[q_id] != q.metadata()]
    if to_update or questions_moved:
        collection.update(
            ids=[c.id for c in to_update] + [q.id for q in questions_moved],
            metadatas=cast(Any, [c.metadata() for c in to_update]
                           + [q.metadata() for q in questions_moved]),
        )
        report.updated = len(to_update)
        report.questions_updated = len(questions_moved)
    new_questions = [q for q_id, q in questions.items() if q_id not in stored_meta]
    for start in range(0, len(new_questions), UPSERT_BATCH):
        asked = new_questions[start : start + UPSERT_BATCH]
        collection.upsert(
            ids=[q.id for q in asked],
            documents=[q.question for q in asked],
            embeddings=cast(Any, embeddings.embed_documents([q.question for q in asked])),
            metadatas=cast(Any, [q.metadata() for q in asked]),
        )
        report.questions_added += len(asked)

    # tqdm: disable=None means "only on a terminal".
    if progress is None:
        disable: bool | None = None if len(to_embed) >= PROGRESS_MIN_CHUNKS else True
    else:
        disable = not progress or not to_embed
    with tqdm(total=len(to_embed), unit="chunk", desc="Embedding", disable=disable,
              leave=False) as bar:
        for start in range(0, len(to_embed), UPSERT_BATCH):
            batch = to_embed[start : start + UPSERT_BATCH]
            vectors = embeddings.embed_documents([c.embedding_text for c in batch])
            collection.upsert(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                embeddings=cast(Any, vectors),
                metadatas=cast(Any, [c.metadata() for c in batch]),
            )
            report.added += len(batch)
            bar.update(len(batch))
    if report.changed:
        log.info("index updated: %s", report.summary())
    return report


def ingest(
    settings: Settings,
    *,
    paths: Sequence[Path] | None = None,
    embeddings: Embeddings | None = None,
    progress: bool | None = None,
) -> IngestReport:
    """Ingest ``paths`` (default: the articles folder of ``settings``) into the index."""
    embeddings = embeddings or make_embeddings(settings)
    collection = open_collection(settings, embeddings)
    return sync_articles(
        collection=collection,
        embeddings=embeddings,
        paths=list(paths) if paths else [settings.articles_dir],
        progress=progress,
    )


def ensure_index(settings: Settings, *, embeddings: Embeddings | None = None) -> IngestReport:
    """Build or refresh the index from the articles folder; cheap when nothing changed."""
    return ingest(settings, embeddings=embeddings, progress=None)


def list_articles(collection: Collection) -> list[ArticleSummary]:
    """Articles in the index with their chunk counts, sorted by title."""
    stored = collection.get(include=cast(Any, ["metadatas"]))
    counts: Counter[tuple[str, str, str]] = Counter()
    for meta in stored["metadatas"] or []:
        meta = meta or {}
        if is_question(dict(meta)):
            continue
        counts[(str(meta.get("article", "")), str(meta.get("title", "")),
                str(meta.get("source", "")))] += 1
    return sorted(
        (ArticleSummary(article=a, title=t, chunks=n, source=s)
         for (a, t, s), n in counts.items()),
        key=lambda summary: (summary.title.lower(), summary.article),
    )
