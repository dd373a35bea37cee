"""The semantic red-flag net: sentences close to a flag's example phrasings refer.

Every flag in the catalogue (knowledge/red_flags.yaml) has example phrasings, and the
catalogue has benign anchors (DOMS, heart rate zones, a cold above the neck...). They are
embedded once, at first use, with the bundled all-MiniLM-L6-v2 model run in int8
(knowledge/embeddings.py, knowledge/int8_graph.py). Each sentence of a message is embedded;
a sentence refers to a flag when its cosine similarity to that flag's closest example is
at least the catalogue's threshold and beats its closest anchor by the anchor margin, or
is at least the strong threshold and beats the closest anchor by the (smaller) strong
margin.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from coach.red_flags import RedFlagCatalogue
from coach.triage import SemanticHit


class ArrayEmbedder(Protocol):
    """Anything that turns texts into an (n, d) array of unit vectors."""

    def embed_array(self, texts: list[str]) -> np.ndarray: ...


class RedFlagNet:
    """Nearest-example matching of sentences against the catalogue's phrasings."""

    def __init__(self, catalogue: RedFlagCatalogue, embedder: ArrayEmbedder, *,
                 threshold: float | None = None, anchor_margin: float | None = None) -> None:
        self.catalogue = catalogue
        self.embedder = embedder
        self.threshold = catalogue.threshold if threshold is None else threshold
        self.anchor_margin = (catalogue.anchor_margin if anchor_margin is None
                              else anchor_margin)
        self.strong_threshold = catalogue.strong_threshold
        self.strong_margin = catalogue.strong_margin
        self._lock = threading.Lock()
        # Examples (grouped by flag, in the catalogue's order) then anchors, as rows of
        # one float32 matrix of unit vectors, transposed once: a message is one product.
        self._matrix: np.ndarray | None = None
        self._starts: np.ndarray | None = None
        self._anchor_start = 0

    def _vectors(self) -> tuple[np.ndarray, np.ndarray]:
        # Embedded once, at first use (~0.3 s for the whole catalogue), then kept.
        if self._matrix is None or self._starts is None:
            with self._lock:
                if self._matrix is None:
                    texts: list[str] = []
                    starts: list[int] = []
                    for flag in self.catalogue.flags:
                        starts.append(len(texts))
                        texts.extend(example.lower() for example in flag.examples)
                    self._anchor_start = len(texts)
                    texts.extend(anchor.lower() for anchor in self.catalogue.anchors)
                    vectors = np.asarray(self.embedder.embed_array(texts), dtype=np.float32)
                    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                    unit = vectors / np.clip(norms, 1e-12, None)
                    self._starts = np.asarray(starts, dtype=np.int64)
                    self._matrix = np.ascontiguousarray(unit.T)
        assert self._matrix is not None and self._starts is not None
        return self._matrix, self._starts

    def warm_up(self) -> None:
        """Embed the catalogue now rather than at the first message."""
        self._vectors()

    def scores(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence: the best similarity to each flag (n, flags), and to any anchor (n,)."""
        matrix, starts = self._vectors()
        vectors = np.asarray(self.embedder.embed_array(list(sentences)), dtype=np.float32)
        # einsum, not ``@``: numpy hands ``@`` to a multi-threaded BLAS whose threads sleep
        # while the model runs; waking them took 5-10 ms (up to 200 ms on a busy machine)
        # for this 2 x 384 x 800 product, which einsum's own loop does in ~0.2 ms.
        similarity = np.einsum("ij,jk->ik", vectors, matrix)
        examples = similarity[:, : self._anchor_start]
        per_flag = np.maximum.reduceat(examples, starts, axis=1)
        anchors = similarity[:, self._anchor_start:]
        anchor_best = (anchors.max(axis=1) if anchors.shape[1]
                       else np.full(len(sentences), -1.0, dtype=np.float32))
        return per_flag, anchor_best

    def match(self, sentences: Sequence[str]) -> list[SemanticHit]:
        """Flags whose examples some sentence is close to, with that sentence and score."""
        if not sentences:
            return []
        per_flag, anchor_best = self.scores(sentences)
        hits: list[SemanticHit] = []
        for row, sentence in enumerate(sentences):
            # Only the closest flag per sentence: a sentence about one thing sits close to
            # several neighbouring flags, and the weaker ones would only add noise.
            column = int(per_flag[row].argmax())
            score = float(per_flag[row, column])
            anchor = float(anchor_best[row])
            if (score >= self.threshold and score >= anchor + self.anchor_margin) or (
                    self.strong_threshold is not None and score >= self.strong_threshold
                    and score >= anchor + self.strong_margin):
                hits.append(SemanticHit(self.catalogue.flags[column].id, sentence, score))
        return hits


_default_lock = threading.Lock()
_default_nets: dict[int, RedFlagNet] = {}


def make_red_flag_net(catalogue: RedFlagCatalogue) -> RedFlagNet:
    """The net on the bundled local model (offline), one per catalogue per process."""
    from knowledge.embeddings import LocalMiniLMEmbeddings

    with _default_lock:
        net = _default_nets.get(id(catalogue))
        if net is None:
            # The int8 graph (knowledge/int8_graph.py): ~3x faster on a sentence than the
            # float graph retrieval uses, and the thresholds are calibrated on it.
            net = RedFlagNet(catalogue, LocalMiniLMEmbeddings(lazy=True, integer_matmul=True))
            _default_nets[id(catalogue)] = net
        return net
