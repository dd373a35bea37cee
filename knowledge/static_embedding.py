"""Static word-piece embeddings distilled from the bundled all-MiniLM-L6-v2 (the model2vec idea).

The transformer costs ~5-10 ms per message on the 2-core target; a table lookup costs
microseconds. The table is made from the shipped model alone, offline and
deterministically: every token of the shipped tokenizer is run through the float ONNX graph
on its own (``[CLS] token [SEP]``) and the model's output at the token's position kept
(measured on the retrieval dev sets, it ranks better than the mean of the three positions
that model2vec keeps: hit@1 0.920/0.889/0.920/0.893 vs 0.904/0.861/0.893/0.853 on dev to
dev4); the rows are centred and rotated onto their principal axes (PCA by
``numpy.linalg.svd``, all 384 dimensions kept: it decorrelates, it drops nothing), and each
row is scaled by a smooth-inverse-frequency weight from the token's rank in the vocabulary
(Zipf), as model2vec does, so that "the" and "of" weigh less. ``model2vec`` itself distills
only through torch and transformers, which we do not ship.

A text's vector is the weighted mean of its word pieces' rows, L2-normalised
(:meth:`StaticEmbeddings.embed_array`): ~20 us a sentence.

The table (~45 MB of float32) is not shipped: it is built when the index is built (in the
child process that prepares it, see ``bot/services.py``: ~15 s once per data directory and
model), into the data directory under a name keyed by the source model's sha256 and this
recipe's version, and read memory-mapped: a worker's resident memory holds only the rows of
the words it has met. Its metadata records the source model's sha256 and the table's own;
a table made from another model, or altered since, is refused
(:class:`~knowledge.embeddings.ModelIntegrityError`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.checksums import file_sha256
from knowledge.embeddings import (
    DIMENSIONS,
    MODEL_SHA256,
    TOKENIZER_PATH,
    TOKENIZER_SHA256,
    ModelIntegrityError,
    _load_tokenizer,
    default_model_path,
    local_embeddings,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tokenizers import Tokenizer

log = logging.getLogger(__name__)

# Bumped whenever the recipe below changes: an index built on older vectors is rebuilt
# (the model id names it), and the old table is left for whoever still reads it.
RECIPE_VERSION = 1
STATIC_MODEL_ID = f"all-MiniLM-L6-v2-static-v{RECIPE_VERSION}"
# model2vec's smooth-inverse-frequency coefficient: weight = a / (a + p(rank)).
SIF_COEFFICIENT = 1e-4
# Tokens per model call while distilling: 3 positions each, so small inputs.
DISTIL_BATCH = 512
TABLE_DIR = "static-embeddings"
VECTORS_FILE = "vectors.npy"
WEIGHTS_FILE = "weights.npy"
META_FILE = "meta.json"


@dataclass(frozen=True, slots=True)
class StaticTable:
    """Rows per token id (``vectors``, (vocab, dims)) and each token's weight."""

    vectors: np.ndarray
    weights: np.ndarray


def token_vectors(token_ids: Sequence[int] | None = None, *,
                  batch: int = DISTIL_BATCH) -> np.ndarray:
    """The bundled float model's output at the token's position for each token alone, as
    ``[CLS] token [SEP]``: (n, 384) float32, in the order of ``token_ids`` (all by default).

    The model file is the checked one (``knowledge.embeddings``: sha256 verified)."""
    tokenizer = _load_tokenizer(TOKENIZER_PATH)
    ids = np.arange(tokenizer.get_vocab_size(), dtype=np.int64) if token_ids is None \
        else np.asarray(token_ids, dtype=np.int64)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:  # pragma: no cover - not a BERT tokenizer
        raise ModelIntegrityError("the tokenizer has no [CLS]/[SEP] tokens")
    session = local_embeddings()._session
    out = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        input_ids = np.empty((len(chunk), 3), dtype=np.int64)
        input_ids[:, 0], input_ids[:, 1], input_ids[:, 2] = cls_id, chunk, sep_id
        (hidden,) = session.run(
            ["last_hidden_state"],
            {"input_ids": input_ids, "attention_mask": np.ones_like(input_ids),
             "token_type_ids": np.zeros_like(input_ids)})
        out[start:start + len(chunk)] = hidden[:, 1]
    return out


def zipf_weights(vocab_size: int, coefficient: float = SIF_COEFFICIENT) -> np.ndarray:
    """model2vec's SIF weights: rank r (token id + 1) has probability ~ 1/(r + 1) (Zipf),
    and weight ``a / (a + p)``: frequent (low-id) tokens weigh less."""
    inverse_rank = 1.0 / np.arange(2, vocab_size + 2, dtype=np.float64)
    probability = inverse_rank / inverse_rank.sum()
    return (coefficient / (coefficient + probability)).astype(np.float32)


def principal_axes(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` centred and rotated onto their principal axes (all dimensions kept),
    each axis's sign fixed (its largest coordinate positive) so the result is the same
    whatever sign the SVD picks."""
    centred = vectors.astype(np.float64) - vectors.mean(axis=0, dtype=np.float64)
    # The SVD of the (dims x dims) scatter matrix: the same axes as the rows' own SVD, and
    # every dimension even for fewer rows than dimensions (a test's subset).
    axes, _, _ = np.linalg.svd(centred.T @ centred)
    axes = axes.T
    signs = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
    signs[signs == 0] = 1.0
    return (centred @ (axes * signs[:, None]).T).astype(np.float32)


def distil(token_ids: Sequence[int] | None = None) -> StaticTable:
    """The static table from the bundled model (all tokens by default; a subset for tests:
    then the principal axes are those of the subset)."""
    tokenizer = _load_tokenizer(TOKENIZER_PATH)
    vocab_size = tokenizer.get_vocab_size()
    ids = np.arange(vocab_size) if token_ids is None else np.asarray(token_ids)
    raw = token_vectors(ids.tolist())
    vectors = principal_axes(raw)
    weights = zipf_weights(vocab_size)[ids]
    if token_ids is not None:  # a subset: scatter into a full-size table
        full = np.zeros((vocab_size, vectors.shape[1]), dtype=np.float32)
        full[ids] = vectors
        full_weights = np.zeros(vocab_size, dtype=np.float32)
        full_weights[ids] = weights
        vectors, weights = full, full_weights
    return StaticTable(vectors=np.ascontiguousarray(vectors), weights=weights)


def table_path(data_dir: Path, source_sha256: str = MODEL_SHA256) -> Path:
    """The folder of the table distilled from the model with ``source_sha256``."""
    return data_dir / TABLE_DIR / f"{source_sha256[:16]}-v{RECIPE_VERSION}"


def save_table(folder: Path, table: StaticTable, *, source_sha256: str) -> None:
    """Write ``table`` to ``folder``, atomically: a reader sees no folder or a whole one.
    A folder already there is kept."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        np.save(building / VECTORS_FILE, np.ascontiguousarray(table.vectors, np.float32))
        np.save(building / WEIGHTS_FILE, np.asarray(table.weights, np.float32))
        meta = {"recipe_version": RECIPE_VERSION, "source_sha256": source_sha256,
                "tokenizer_sha256": TOKENIZER_SHA256,
                "vectors_sha256": file_sha256(building / VECTORS_FILE),
                "weights_sha256": file_sha256(building / WEIGHTS_FILE)}
        (building / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        try:
            os.replace(building, folder)
        except OSError:
            # Another process (a second worker starting) finished first: its table is the
            # same (the recipe is deterministic) and may be in use, so it stays.
            if not (folder / META_FILE).is_file():
                raise
            shutil.rmtree(building, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def load_table(folder: Path, *, source_sha256: str = MODEL_SHA256) -> StaticTable:
    """The table in ``folder``, memory-mapped; refused (``ModelIntegrityError``) unless it
    was distilled from the model with ``source_sha256`` by this recipe and its files are
    the ones written then."""
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        raise ModelIntegrityError(f"static embedding table not found at {folder}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("source_sha256") != source_sha256:
        raise ModelIntegrityError(
            f"static embedding table at {folder} was distilled from a model with sha256 "
            f"{meta.get('source_sha256')}, expected {source_sha256}")
    if meta.get("recipe_version") != RECIPE_VERSION or \
            meta.get("tokenizer_sha256") != TOKENIZER_SHA256:
        raise ModelIntegrityError(f"static embedding table at {folder} is of another recipe")
    for name, key in ((VECTORS_FILE, "vectors_sha256"), (WEIGHTS_FILE, "weights_sha256")):
        actual = file_sha256(folder / name)
        if actual != meta.get(key):
            raise ModelIntegrityError(
                f"static embedding table file {folder / name} has sha256 {actual}, "
                f"expected {meta.get(key)}; delete the folder to rebuild it")
    vectors = np.load(folder / VECTORS_FILE, mmap_mode="r", allow_pickle=False)
    weights = np.load(folder / WEIGHTS_FILE, allow_pickle=False)
    return StaticTable(vectors=vectors, weights=weights)


_build_lock = threading.Lock()


def ensure_table(data_dir: Path) -> Path:
    """The table's folder in ``data_dir``, distilled first if it is not there (~1 min on
    the 2-core target, once per data directory and model)."""
    folder = table_path(data_dir)
    with _build_lock:
        if not (folder / META_FILE).is_file():
            from knowledge.embeddings import _checked

            # Distilled only from the model file we expect (checked again by the loader).
            _checked(default_model_path(), MODEL_SHA256, "embedding model")
            log.info("distilling static embeddings into %s", folder)
            save_table(folder, distil(), source_sha256=MODEL_SHA256)
    return folder


class StaticEmbeddings(Embeddings):
    """Texts as the normalised, weighted mean of their word pieces' static rows."""

    def __init__(self, *, data_dir: Path, lazy: bool = True) -> None:
        self._data_dir = data_dir
        self.model_id = STATIC_MODEL_ID
        self._table: StaticTable | None = None
        self._tokenizer: Tokenizer | None = None
        self._lock = threading.Lock()
        if not lazy:
            self.table()

    @classmethod
    def from_table(cls, table: StaticTable) -> StaticEmbeddings:
        """Embeddings over ``table`` as it is (a subset distilled in a test, an experiment)."""
        embeddings = cls(data_dir=Path())
        embeddings._table = table
        return embeddings

    def table(self) -> StaticTable:
        """The table, distilled into the data directory at first use if missing."""
        if self._table is None or self._tokenizer is None:
            with self._lock:
                if self._table is None:
                    self._table = load_table(ensure_table(self._data_dir))
                self._tokenizer = _load_tokenizer(TOKENIZER_PATH)
        return self._table

    @property
    def dimensions(self) -> int:
        return int(self.table().vectors.shape[1])

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """(n, dims) float32 unit vectors; a text without known word pieces is zero."""
        table = self.table()
        assert self._tokenizer is not None
        result = np.zeros((len(texts), table.vectors.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self._tokenizer.encode(text, add_special_tokens=False).ids
            if not ids:
                continue
            weights = table.weights[ids]
            # einsum, not ``@``: a BLAS call may wake sleeping threads (see red_flag_net).
            vector = np.einsum("i,ij->j", weights, table.vectors[ids])
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                result[row] = vector / norm
        return result

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.embed_array(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.embed_array([text])[0]]


_shared_lock = threading.Lock()
_shared: dict[Path, StaticEmbeddings] = {}


def static_embeddings(data_dir: Path) -> StaticEmbeddings:
    """The process's static embeddings over ``data_dir``'s table (lazy; one per folder)."""
    key = data_dir.resolve()
    with _shared_lock:
        embeddings = _shared.get(key)
        if embeddings is None:
            embeddings = _shared[key] = StaticEmbeddings(data_dir=key)
        return embeddings
