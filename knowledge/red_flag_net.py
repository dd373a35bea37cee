"""The semantic red-flag net: sentences close to a flag's example phrasings refer.

Every flag in the catalogue (knowledge/red_flags.yaml) has example phrasings, and the
catalogue has benign anchors (DOMS, heart rate zones, a cold above the neck...). They are
embedded once, at first use, with the bundled all-MiniLM-L6-v2 model (the same cached
ONNX session as knowledge/embeddings.py). A message's sentences are embedded in one batch;
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
        self._examples: np.ndarray | None = None
        self._owners: np.ndarray | None = None
        self._anchors: np.ndarray | None = None

    def _vectors(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Embedded once, at first use (~0.3 s for the whole catalogue), then kept.
        if self._examples is None or self._owners is None or self._anchors is None:
            with self._lock:
                if self._examples is None:
                    texts: list[str] = []
                    owners: list[int] = []
                    for index, flag in enumerate(self.catalogue.flags):
                        texts.extend(example.lower() for example in flag.examples)
                        owners.extend([index] * len(flag.examples))
                    anchors = [anchor.lower() for anchor in self.catalogue.anchors]
                    vectors = self.embedder.embed_array(texts + anchors)
                    self._owners = np.asarray(owners, dtype=np.int64)
                    self._anchors = vectors[len(texts):]
                    self._examples = vectors[: len(texts)]
        assert self._examples is not None and self._owners is not None
        assert self._anchors is not None
        return self._examples, self._owners, self._anchors

    def warm_up(self) -> None:
        """Embed the catalogue now rather than at the first message."""
        self._vectors()

    def scores(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence: the best similarity to each flag (n, flags), and to any anchor (n,)."""
        examples, owners, anchors = self._vectors()
        vectors = self.embedder.embed_array(list(sentences))
        similarity = vectors @ examples.T
        per_flag = np.full((len(sentences), len(self.catalogue.flags)), -1.0, dtype=np.float32)
        np.maximum.at(per_flag.T, owners, similarity.T)
        anchor_best = ((vectors @ anchors.T).max(axis=1) if len(anchors)
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
            # The ONNX session is cached by knowledge.embeddings and shared with retrieval.
            net = RedFlagNet(catalogue, LocalMiniLMEmbeddings(lazy=True))
            _default_nets[id(catalogue)] = net
        return net
