"""The semantic red-flag net: sentences close to a flag's example phrasings refer.

Every flag in the catalogue (knowledge/red_flags.yaml) has example phrasings, and the
catalogue has benign anchors (DOMS, heart rate zones, a cold above the neck...). Labelled
athlete messages (knowledge/red_flag_phrasings.yaml, generated from the development sets by
``python -m knowledge.red_flag_net``) add to both: from each red-flag message, its sentence
closest to the flag's catalogue examples becomes an example of that flag, and every
sentence of a benign message becomes an anchor. Written by other people than the
catalogue, they are the diverse phrasings one writer cannot think of.

All are embedded once, at first use, with the bundled all-MiniLM-L6-v2 model run in int8
(knowledge/embeddings.py, knowledge/int8_graph.py). Each sentence of a message is embedded;
a sentence refers to a flag when its cosine similarity to that flag's closest example is
at least the catalogue's threshold and beats its closest anchor by the anchor margin, or
is at least the strong threshold and beats the closest anchor by the (smaller) strong
margin.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import yaml

from coach.red_flags import RedFlagCatalogue
from coach.triage import SemanticHit, Triage

PHRASINGS_PATH = Path(__file__).resolve().parent / "red_flag_phrasings.yaml"
# The vectors of every text the default net embeds (catalogue examples and anchors, the
# phrasings' sentences), computed offline with the int8 model: the bot starts without
# ~2,400 model calls (~3 s). Written with the phrasings; a text not in it is embedded.
VECTORS_PATH = Path(__file__).resolve().parent / "assets" / "red_flag_vectors.npz"
EVALS = Path(__file__).resolve().parent.parent / "evals" / "red_flags"
# The development sets only: the held-out set is never training data.
TRAINING_SETS = ("dev", "dev2", "dev3", "dev4")


@dataclass(frozen=True, slots=True)
class Phrasing:
    """A labelled athlete message: the flag it raises, or None for a benign look-alike."""

    text: str
    flag: str | None


def load_phrasings(path: Path = PHRASINGS_PATH) -> list[Phrasing]:
    """The labelled messages in ``path`` (flags: {id: [text...]}, benign: [text...])."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    phrasings = [Phrasing(text, flag) for flag, texts in (data.get("flags") or {}).items()
                 for text in texts]
    phrasings += [Phrasing(text, None) for text in data.get("benign") or []]
    return phrasings


def read_sets(names: Iterable[str], evals: Path = EVALS) -> list[Phrasing]:
    """The labelled messages of the named evaluation sets (``flag: "none"`` is benign)."""
    phrasings = []
    for name in names:
        if name == "heldout":
            raise ValueError("the held-out set is never training data")
        for line in (evals / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                phrasings.append(Phrasing(row["text"], None if row["flag"] == "none"
                                          else row["flag"]))
    return phrasings


class ArrayEmbedder(Protocol):
    """Anything that turns texts into an (n, d) array of unit vectors."""

    def embed_array(self, texts: list[str]) -> np.ndarray: ...


def load_vectors(model_id: str, path: Path = VECTORS_PATH) -> dict[str, np.ndarray]:
    """Stored vectors by text, if ``path`` holds vectors of ``model_id`` (else none)."""
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as stored:
        if str(stored["model_id"]) != model_id:
            return {}
        vectors = stored["vectors"].astype(np.float32)
        return dict(zip(stored["texts"].tolist(), vectors, strict=True))


def save_vectors(texts: Sequence[str], vectors: np.ndarray, model_id: str,
                 path: Path = VECTORS_PATH) -> None:
    """Store ``vectors`` (one row per text) for ``load_vectors``; float16 halves the file."""
    np.savez_compressed(path, texts=np.asarray(list(texts)), model_id=np.asarray(model_id),
                        vectors=np.asarray(vectors, dtype=np.float16))


class RedFlagNet:
    """Nearest-example matching of sentences against the catalogue's phrasings."""

    def __init__(self, catalogue: RedFlagCatalogue, embedder: ArrayEmbedder, *,
                 threshold: float | None = None, anchor_margin: float | None = None,
                 phrasings: Sequence[Phrasing] = (),
                 sentences: Callable[[str], list[str]] | None = None,
                 stored: dict[str, np.ndarray] | None = None) -> None:
        unknown = {p.flag for p in phrasings if p.flag is not None} - set(catalogue.ids)
        if unknown:
            raise ValueError(f"phrasings name flags not in the catalogue: {sorted(unknown)}")
        self.catalogue = catalogue
        self.embedder = embedder
        self.phrasings = tuple(phrasings)
        self._stored = stored or {}
        # The sentences a training message is read as: the same as triage reads a message.
        self._sentences = sentences or Triage(catalogue).semantic_sentences
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
        # The text of each column (examples by flag, then anchors), to say what matched.
        self.texts: list[str] = []

    def _vectors(self) -> tuple[np.ndarray, np.ndarray]:
        # Embedded once, at first use (~1 s with the phrasings), then kept.
        if self._matrix is None or self._starts is None:
            with self._lock:
                if self._matrix is None:
                    self._build()
        assert self._matrix is not None and self._starts is not None
        return self._matrix, self._starts

    def _read(self) -> tuple[list[tuple[Phrasing, list[str]]], list[str]]:
        """The phrasings with their sentences, and every text the net embeds, in order."""
        read = [(phrasing, self._sentences(phrasing.text)) for phrasing in self.phrasings]
        read = [(phrasing, units) for phrasing, units in read if units]
        texts = [example.lower() for flag in self.catalogue.flags for example in flag.examples]
        texts += [anchor.lower() for anchor in self.catalogue.anchors]
        texts += [unit for _, units in read for unit in units]
        return read, texts

    def needed_texts(self) -> list[str]:
        """Every text the net embeds when it is built (for the stored vectors)."""
        return self._read()[1]

    def _build(self) -> None:
        flags = self.catalogue.flags
        read, texts = self._read()
        vectors = self._embed_all(texts)
        at = 0
        columns: list[list[int]] = []  # rows of ``vectors`` per flag, then the anchors
        for flag in flags:
            columns.append(list(range(at, at + len(flag.examples))))
            at += len(flag.examples)
        anchors = list(range(at, at + len(self.catalogue.anchors)))
        catalogue_anchors = list(anchors)
        at += len(self.catalogue.anchors)
        index_of = {flag.id: index for index, flag in enumerate(flags)}
        for phrasing, units in read:
            rows = list(range(at, at + len(units)))
            at += len(units)
            if phrasing.flag is None:
                anchors.extend(rows)
                continue
            # The sentence that carries the flag: the one closest to its own examples, if
            # it is closer to them than to the benign anchors ("does that affect my
            # training?" carries nothing).
            own = columns[index_of[phrasing.flag]]
            catalogue_rows = own[:len(flags[index_of[phrasing.flag]].examples)]
            fit = (vectors[rows] @ vectors[catalogue_rows].T).max(axis=1)
            best = int(fit.argmax())
            benign = (vectors[rows[best]] @ vectors[catalogue_anchors].T).max() \
                if catalogue_anchors else -1.0
            if fit[best] > benign:
                own.append(rows[best])
        order = [row for rows in columns for row in rows]
        self._starts = np.asarray(np.cumsum([0] + [len(rows) for rows in columns[:-1]]),
                                  dtype=np.int64)
        self._anchor_start = len(order)
        order += anchors
        self.texts = [texts[row] for row in order]
        self._matrix = np.ascontiguousarray(vectors[order].T)
        # Built once: the stored vectors (~2,400, ~3.6 MB as arrays) are in the matrix now.
        self._stored = {}

    def _embed_all(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of ``texts``: stored ones as stored, the rest in one call."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._stored))
        fresh = dict(zip(missing, np.asarray(self.embedder.embed_array(missing), np.float32)
                         if missing else [], strict=True))
        vectors = np.vstack([self._stored[t] if t in self._stored else fresh[t]
                             for t in texts]).astype(np.float32)
        vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        return vectors

    def warm_up(self) -> None:
        """Embed the catalogue and load the model now rather than at the first message."""
        self._vectors()
        # With every vector stored, building loaded no model: one call loads it.
        self.embedder.embed_array(["warm up"])

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
            embedder = LocalMiniLMEmbeddings(lazy=True, integer_matmul=True)
            net = RedFlagNet(catalogue, embedder, phrasings=load_phrasings(),
                             stored=load_vectors(embedder.model_id))
            _default_nets[id(catalogue)] = net
        return net


def render_phrasings(phrasings: Sequence[Phrasing]) -> str:
    """knowledge/red_flag_phrasings.yaml from labelled messages, grouped by flag."""
    flags: dict[str, list[str]] = {}
    for phrasing in phrasings:
        if phrasing.flag is not None:
            flags.setdefault(phrasing.flag, []).append(phrasing.text)
    data = {"flags": dict(sorted(flags.items())),
            "benign": [p.text for p in phrasings if p.flag is None]}
    header = ("# Labelled athlete messages the semantic net learns from (knowledge/"
              "red_flag_net.py):\n# generated from evals/red_flags/"
              + ", ".join(f"{n}.jsonl" for n in TRAINING_SETS)
              + " by `python -m knowledge.red_flag_net`\n# (never from the held-out set); a "
              "test checks it is current. Edit the sets, not this file.\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def main() -> None:
    """Write knowledge/red_flag_phrasings.yaml from the development sets, and the vectors
    of every text the default net embeds to knowledge/assets/red_flag_vectors.npz."""
    from coach.red_flags import load_red_flags
    from knowledge.embeddings import LocalMiniLMEmbeddings

    PHRASINGS_PATH.write_text(render_phrasings(read_sets(TRAINING_SETS)), encoding="utf-8")
    print(f"wrote {PHRASINGS_PATH}")
    embedder = LocalMiniLMEmbeddings(integer_matmul=True)
    net = RedFlagNet(load_red_flags(), embedder, phrasings=load_phrasings())
    texts = list(dict.fromkeys(net.needed_texts()))
    save_vectors(texts, embedder.embed_array(texts), embedder.model_id)
    print(f"wrote {VECTORS_PATH} ({len(texts)} texts)")


if __name__ == "__main__":
    main()
