"""Hybrid retrieval: dense (Chroma, plus best-sentence similarity) and BM25, fused by RRF.

Dense similarity of a whole chunk blurs a single answering sentence among its neighbours,
so the dense score of a chunk is its Chroma similarity plus the similarity of its best
sentence (sentence vectors are kept in memory). BM25 (``rank_bm25``) over stemmed words
catches the rare exact words (VersaClimber, 29029, plyometric). Reciprocal rank fusion
combines the two rankings without calibrating their scales.

A question counts as covered when its best sentence similarity reaches the relevance floor
and it shares a topic word with the passages, or when the similarity is clearly high.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
from rank_bm25 import BM25Okapi

from coach.answers import Passage, Retrieval, ScoredSentence
from knowledge.documents import Chunk
from knowledge.text import sentences, terms, topic_terms

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

RRF_K = 60
DENSE_CANDIDATES = 20
# Above floor + this margin the meaning match alone is convincing, shared words or not.
CLEAR_MATCH_MARGIN = 0.15
# Sections that are the coach's offers rather than advice; not listed as topics.
_NOT_TOPICS = ("ready to run", "want more help", "comentarios")

Method = Literal["hybrid", "dense", "bm25"]


@dataclass(frozen=True, slots=True)
class RankedChunk:
    chunk: Chunk
    score: float  # fused, 0..1
    best_sentence: float  # best sentence cosine similarity


def _as_array(embeddings: Embeddings, texts: list[str]) -> np.ndarray:
    embed_array = getattr(embeddings, "embed_array", None)
    if callable(embed_array):
        return cast(np.ndarray, embed_array(texts))
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    matrix = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return cast(np.ndarray, matrix / np.clip(norms, 1e-12, None))


def _query_vector(embeddings: Embeddings, text: str) -> np.ndarray:
    vector = np.asarray(embeddings.embed_query(text), dtype=np.float32)
    return cast(np.ndarray, vector / max(float(np.linalg.norm(vector)), 1e-12))


def _rrf(rankings: Sequence[Sequence[int]], size: int) -> np.ndarray:
    fused = np.zeros(size, dtype=np.float64)
    for ranking in rankings:
        for rank, index in enumerate(ranking):
            fused[index] += 1.0 / (RRF_K + rank + 1)
    # 1.0 means ranked first by every ranking.
    return cast(np.ndarray, fused / (len(rankings) / (RRF_K + 1)))


class HybridRetriever:
    """Implements ``coach.answers.Retriever`` over a Chroma collection of article chunks."""

    def __init__(
        self, *, collection: Collection, embeddings: Embeddings, relevance_floor: float
    ) -> None:
        self.collection = collection
        self.embeddings = embeddings
        self.relevance_floor = relevance_floor
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self) -> None:
        """Reload chunks from the collection (after an ingest) and rebuild in-memory indexes."""
        stored = self.collection.get(include=cast(Any, ["documents", "metadatas"]))
        chunks = [
            Chunk.from_stored(chunk_id, document or "", dict(metadata or {}))
            for chunk_id, document, metadata in zip(
                stored["ids"], stored["documents"] or [], stored["metadatas"] or [],
                strict=False)
        ]
        chunks.sort(key=lambda c: (c.title, c.source, c.position))
        sentence_texts: list[str] = []
        sentence_owner: list[int] = []
        sentence_position: list[int] = []
        for index, chunk in enumerate(chunks):
            for position, sentence in enumerate(sentences(chunk.text)):
                sentence_texts.append(sentence)
                sentence_owner.append(index)
                sentence_position.append(position)
        vectors = _as_array(self.embeddings, sentence_texts)
        bm25 = BM25Okapi([terms(chunk.embedding_text) for chunk in chunks]) if chunks else None
        with self._lock:
            self.chunks = chunks
            self._index_of = {chunk.id: i for i, chunk in enumerate(chunks)}
            self._sentence_texts = sentence_texts
            self._sentence_owner = np.asarray(sentence_owner, dtype=np.int64)
            self._sentence_position = sentence_position
            self._sentence_vectors = vectors
            self._bm25 = bm25
            self._chunk_terms = [set(terms(chunk.embedding_text)) for chunk in chunks]
        log.info("retriever ready: %d chunks, %d sentences", len(chunks), len(sentence_texts))

    # -- the parts

    def _chunk_similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of each chunk from Chroma; chunks past the top get its floor."""
        size = len(self.chunks)
        result = self.collection.query(
            query_embeddings=cast(Any, [query.tolist()]),
            n_results=min(DENSE_CANDIDATES, size),
            include=cast(Any, ["distances"]),
        )
        ids = result["ids"][0]
        distances = (result["distances"] or [[]])[0]
        similarities = [1.0 - float(d) for d in distances]
        floor = (min(similarities) if similarities else 0.0) - 0.01
        out = np.full(size, floor, dtype=np.float64)
        for chunk_id, similarity in zip(ids, similarities, strict=False):
            index = self._index_of.get(chunk_id)
            if index is not None:
                out[index] = similarity
        return out

    def _sentence_similarities(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence similarity, and per chunk the best of its sentences."""
        per_sentence = self._sentence_vectors @ query if len(self._sentence_texts) else \
            np.zeros(0, dtype=np.float32)
        best = np.full(len(self.chunks), -1.0, dtype=np.float64)
        if len(per_sentence):
            np.maximum.at(best, self._sentence_owner, per_sentence.astype(np.float64))
        return per_sentence, best

    def _bm25_scores(self, question: str) -> np.ndarray:
        if self._bm25 is None:
            return np.zeros(0)
        return cast(np.ndarray, self._bm25.get_scores(terms(question)))

    def rank(self, question: str, *, method: Method = "hybrid") -> list[RankedChunk]:
        """Every chunk, best first, by the hybrid method or a single-signal baseline."""
        with self._lock:
            return self._rank(question, method=method)[0]

    def _rank(
        self, question: str, *, method: Method = "hybrid"
    ) -> tuple[list[RankedChunk], np.ndarray]:
        if not self.chunks:
            return [], np.zeros(0)
        query = _query_vector(self.embeddings, question)
        per_sentence, best_sentence = self._sentence_similarities(query)
        if method == "bm25":
            scores = self._bm25_scores(question)
            order = list(np.argsort(-scores, kind="stable"))
            fused = _rrf([order], len(self.chunks))
        elif method == "dense":
            scores = self._chunk_similarities(query)
            order = list(np.argsort(-scores, kind="stable"))
            fused = _rrf([order], len(self.chunks))
        else:
            dense = self._chunk_similarities(query) + best_sentence
            lexical = self._bm25_scores(question)
            dense_order = list(np.argsort(-dense, kind="stable"))
            # Chunks sharing no word with the question are not a lexical ranking at all.
            lexical_order = [int(i) for i in np.argsort(-lexical, kind="stable")
                             if lexical[i] > 0]
            fused = _rrf([dense_order, lexical_order], len(self.chunks))
            order = list(np.argsort(-fused, kind="stable"))
        ranked = [RankedChunk(self.chunks[i], float(fused[i]), float(best_sentence[i]))
                  for i in order]
        return ranked, per_sentence

    def _passage(self, ranked: RankedChunk, per_sentence: np.ndarray) -> Passage:
        index = self._index_of[ranked.chunk.id]
        scored = tuple(
            ScoredSentence(self._sentence_texts[j], float(per_sentence[j]),
                           self._sentence_position[j])
            for j in np.flatnonzero(self._sentence_owner == index)
        )
        return Passage(
            chunk_id=ranked.chunk.id,
            article=ranked.chunk.title,
            section=ranked.chunk.section,
            text=ranked.chunk.text,
            score=ranked.score,
            sentences=scored,
        )

    def is_covered(self, question: str, ranked: Sequence[RankedChunk]) -> bool:
        if not ranked:
            return False
        best = max(r.best_sentence for r in ranked)
        if best >= self.relevance_floor + CLEAR_MATCH_MARGIN:
            return True
        if best < self.relevance_floor:
            return False
        topic = topic_terms(question)
        return any(topic & self._chunk_terms[self._index_of[r.chunk.id]] for r in ranked)

    # -- the Retriever protocol

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        with self._lock:
            ranked, per_sentence = self._rank(question)
            top = ranked[:limit]
            covered = self.is_covered(question, top)
            passages = [self._passage(r, per_sentence) for r in top]
        return Retrieval(passages=passages, covered=covered)

    def topics(self) -> list[str]:
        seen: list[str] = []
        for chunk in self.chunks:
            leaf = chunk.headings[-1] if len(chunk.headings) > 1 else ""
            if not leaf or any(word in leaf.lower() for word in _NOT_TOPICS):
                continue
            # "1. Reduce Injuries and Aid Recovery" reads better without its number.
            label = leaf.split(". ", 1)[1] if leaf[:1].isdigit() and ". " in leaf else leaf
            if label not in seen:
                seen.append(label)
        return seen
