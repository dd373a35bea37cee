"""Chroma: one client per process and location, collections with an explicit embedding function.

Chroma's default embedding function downloads a model at first use, so every collection we
open carries ours (and we pass vectors ourselves anyway). Chroma is thread-safe but not
process-safe, so a process keeps a single client per data directory or server.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Space
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function

from knowledge.embeddings import (
    INTEGER_MODEL_ID,
    LOCAL_MODEL_ID,
    embeddings_id,
    local_embeddings,
)

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

    from config.settings import Settings

log = logging.getLogger(__name__)

EMBEDDING_MODEL_KEY = "embedding_model"
_clients: dict[tuple[str, ...], ClientAPI] = {}
_clients_lock = threading.Lock()


class KnowledgeStoreError(RuntimeError):
    """The index cannot be reached or opened; the message says what to check."""


@register_embedding_function
class CrosstrainEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of our langchain ``Embeddings`` (never Chroma's downloading default)."""

    def __init__(self, embeddings: Embeddings | None = None, *, model: str | None = None) -> None:
        self._embeddings = embeddings
        self._model = model or (embeddings_id(embeddings) if embeddings else LOCAL_MODEL_ID)

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        if self._embeddings is None:
            if self._model not in (LOCAL_MODEL_ID, INTEGER_MODEL_ID):
                raise KnowledgeStoreError(
                    f"the index was built with {self._model}; open it with that embeddings "
                    "setting"
                )
            self._embeddings = local_embeddings(self._model)
        vectors = self._embeddings.embed_documents(list(input))
        return [np.asarray(vector, dtype=np.float32) for vector in vectors]

    @staticmethod
    def name() -> str:
        return "crosstrain"

    def default_space(self) -> Space:
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model": self._model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> CrosstrainEmbeddingFunction:
        # Lazy: the model loads only if Chroma ever embeds with it.
        return CrosstrainEmbeddingFunction(model=str(config.get("model") or LOCAL_MODEL_ID))

    def validate_config_update(
        self, old_config: dict[str, Any], new_config: dict[str, Any]
    ) -> None:
        return


def _client_key(settings: Settings) -> tuple[str, ...]:
    if settings.chroma_host:
        return ("http", settings.chroma_host, str(settings.chroma_port))
    return ("disk", str(settings.chroma_dir.resolve()))


def chroma_client(settings: Settings) -> ClientAPI:
    """The process's client for the configured Chroma (on disk, or a server)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    key = _client_key(settings)
    with _clients_lock:
        client = _clients.get(key)
        if client is not None:
            return client
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if settings.chroma_host:
                client = chromadb.HttpClient(
                    host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
                )
            else:
                settings.chroma_dir.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(
                    path=str(settings.chroma_dir), settings=chroma_settings
                )
        except Exception as error:
            where = (f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
                     if settings.chroma_host else f"the index in {settings.chroma_dir}")
            raise KnowledgeStoreError(f"cannot open {where}: {error}") from error
        _clients[key] = client
        return client


def close_clients() -> None:
    """Forget the cached clients (tests; a process that moves its data directory)."""
    with _clients_lock:
        for client in _clients.values():
            try:
                client.clear_system_cache()
            except Exception:  # closing is best effort
                log.debug("closing a Chroma client failed", exc_info=True)
        _clients.clear()


def open_collection(
    settings: Settings, embeddings: Embeddings, *, client: ClientAPI | None = None
) -> Collection:
    """The articles collection, rebuilt empty if it was made with another embeddings model."""
    client = client or chroma_client(settings)
    model = embeddings_id(embeddings)
    function = CrosstrainEmbeddingFunction(embeddings, model=model)
    name = settings.chroma_collection
    existing = {collection.name: collection for collection in client.list_collections()}
    if name in existing:
        stored = (existing[name].metadata or {}).get(EMBEDDING_MODEL_KEY)
        if stored != model:
            # Vectors from different models are not comparable: start again.
            log.warning("index built with %s, now using %s: rebuilding it", stored, model)
            client.delete_collection(name)
    return client.get_or_create_collection(
        name,
        metadata={EMBEDDING_MODEL_KEY: model},
        embedding_function=cast(Any, function),
        configuration={"hnsw": {"space": "cosine"}},
    )
