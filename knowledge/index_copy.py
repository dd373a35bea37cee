"""The articles' index as a worker searches it: a copy in memory, read once, no Chroma client.

A worker reads the whole index at start anyway (the retriever keeps every passage, its
vector and its sentences' vectors in memory) and then only asks Chroma for the passages
nearest a question: a few hundred passages at most, which one matrix product ranks
exactly. Chroma's client would cost the worker ~30 MB resident for it (chromadb with
opentelemetry, grpc and protobuf, its Rust bindings, the HNSW segment). So the child
process that prepares a worker's start (``bot/services.py``) refreshes the index, reads it
with Chroma and writes this copy to a file; the worker loads the file and never imports
``chromadb``.

:class:`IndexCopy` answers the two calls the retriever makes, ``get`` and ``query``, as
Chroma does for a collection in cosine space: ``query`` returns the ``n_results`` nearest
passages by cosine distance (1 - cosine similarity, in float32). Chroma's HNSW search is
approximate, but on a collection this small it visits every passage, so it is exact too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

    from config.settings import Settings


class IndexMismatchError(RuntimeError):
    """The copy was made with another embeddings model than the one the worker uses."""


@dataclass(frozen=True, eq=False)
class IndexCopy:
    """Every passage of the index: ids, texts, metadata and vectors (see the module doc)."""

    model: str
    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    embeddings: np.ndarray

    def __post_init__(self) -> None:
        if not len(self.ids) == len(self.documents) == len(self.metadatas) == len(
                self.embeddings):
            raise ValueError("an index copy needs one text, metadata and vector per id")
        vectors = np.asarray(self.embeddings, dtype=np.float32)
        if vectors.ndim != 2:  # an empty index (no articles)
            vectors = vectors.reshape(len(self.ids), -1 if len(self.ids) else 0)
        object.__setattr__(self, "embeddings", vectors)

    @classmethod
    def of(cls, collection: Collection, *, model: str) -> IndexCopy:
        """Everything in the Chroma ``collection`` (made with ``model``)."""
        stored = collection.get(include=["documents", "metadatas", "embeddings"])
        vectors = stored.get("embeddings")
        ids = list(stored["ids"])
        return cls(model=model, ids=ids, documents=[d or "" for d in stored["documents"] or []],
                   metadatas=[dict(m or {}) for m in stored["metadatas"] or []],
                   embeddings=np.asarray(vectors if vectors is not None and len(ids) else
                                         np.zeros((0, 0)), dtype=np.float32))

    # -- the retriever's view (the part of Chroma's Collection it uses)

    def get(self, include: Any = None) -> dict[str, Any]:
        return {"ids": list(self.ids), "documents": list(self.documents),
                "metadatas": [dict(m) for m in self.metadatas], "embeddings": self.embeddings}

    def query(self, query_embeddings: Sequence[Sequence[float]], n_results: int = 10,
              include: Any = None) -> dict[str, Any]:
        """The ``n_results`` nearest passages to each query, nearest first."""
        queries = np.asarray(query_embeddings, dtype=np.float32).reshape(len(query_embeddings), -1)
        queries = queries / np.clip(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12, None)
        # Normalised here, not kept: the retriever ranks from its own unit rows (read with
        # ``get`` at refresh) and asks ``query`` only when a vector is missing.
        unit = self.embeddings / np.clip(np.linalg.norm(self.embeddings, axis=1, keepdims=True),
                                         1e-12, None)
        ids: list[list[str]] = []
        distances: list[list[float]] = []
        for query in queries:
            if not self.ids:
                ids.append([])
                distances.append([])
                continue
            distance = (np.float32(1.0) - unit @ query).astype(np.float32)
            nearest = np.argsort(distance, kind="stable")[:max(0, n_results)]
            ids.append([self.ids[i] for i in nearest])
            distances.append([float(distance[i]) for i in nearest])
        return {"ids": ids, "distances": distances}

    def count(self) -> int:
        return len(self.ids)

    # -- as a file (from the child that reads Chroma to the worker)

    def save(self, path: Path) -> None:
        described = {"model": self.model, "ids": self.ids, "documents": self.documents,
                     "metadatas": self.metadatas}
        with path.open("wb") as handle:
            np.savez(handle, described=np.asarray(json.dumps(described)),
                     embeddings=self.embeddings)

    @classmethod
    def load(cls, path: Path) -> IndexCopy:
        with np.load(path, allow_pickle=False) as stored:
            described = json.loads(str(stored["described"]))
            return cls(model=described["model"], ids=described["ids"],
                       documents=described["documents"], metadatas=described["metadatas"],
                       embeddings=stored["embeddings"])

    def check_model(self, embeddings: Embeddings) -> None:
        """Raise :class:`IndexMismatchError` unless the copy's vectors are ``embeddings``'."""
        from knowledge.embeddings import embeddings_id

        if self.model != embeddings_id(embeddings):
            raise IndexMismatchError(f"the index copy was made with {self.model}, the worker "
                                     f"embeds with {embeddings_id(embeddings)}")


def copy_index(settings: Settings) -> IndexCopy:
    """The configured index (on disk or a Chroma server), read with Chroma, as a copy."""
    from knowledge.embeddings import embeddings_id, make_embeddings
    from knowledge.store import open_collection

    embeddings = make_embeddings(settings)
    return IndexCopy.of(open_collection(settings, embeddings), model=embeddings_id(embeddings))
