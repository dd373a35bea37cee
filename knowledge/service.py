"""The composition of the knowledge base: index, retriever, optional chat model -> Answerer.

The bot calls ``build_answerer(settings)`` once at start (it refreshes the index when the
articles changed) and then ``await answerer.aanswer(question, athlete=...)`` per message.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from coach.answers import Answerer
from knowledge.embeddings import make_embeddings
from knowledge.retriever import HybridRetriever

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from config.settings import Settings
    from knowledge.index_copy import IndexCopy

log = logging.getLogger(__name__)


class LLMConfigurationError(ValueError):
    """The configured chat model cannot be created; the message says what to fix."""


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """The configured chat model, or None when answers stay extractive (the default)."""
    if not settings.llm:
        return None
    from langchain.chat_models import init_chat_model

    spec = settings.llm
    kwargs: dict[str, Any] = {"timeout": settings.llm_timeout_seconds, "max_retries": 0}
    if settings.llm_base_url:
        kwargs["base_url"] = settings.llm_base_url
    if settings.llm_api_key:
        kwargs["api_key"] = settings.llm_api_key
    elif settings.llm_base_url:
        kwargs["api_key"] = "not-needed"  # local OpenAI-compatible servers ignore it
    provider = None
    if settings.llm_base_url and ":" not in spec:
        provider = "openai"  # a bare model name on an OpenAI-compatible server
    try:
        return init_chat_model(spec, model_provider=provider, **kwargs)
    except Exception as error:
        raise LLMConfigurationError(
            f"cannot use CROSSTRAIN_LLM={spec!r}: {error}. Use 'provider:model' (for example "
            "'openai:gpt-4o-mini') with its package installed, or unset it for answers "
            "without an LLM."
        ) from error


def build_retriever(settings: Settings, *, embeddings: Embeddings | None = None,
                    refresh_index: bool = True, index: IndexCopy | None = None
                    ) -> HybridRetriever:
    """The hybrid retriever over the index, refreshing the index first when asked; over
    ``index`` (a copy read by another process, knowledge/index_copy.py) without Chroma."""
    embeddings = embeddings or make_embeddings(settings)
    if index is not None:
        index.check_model(embeddings)
        return HybridRetriever(collection=index, embeddings=embeddings,
                               relevance_floor=settings.relevance_floor)
    # Chroma and the article splitter are imported only here: a worker searches a copy.
    from knowledge.ingest import ensure_index
    from knowledge.store import open_collection

    if refresh_index:
        report = ensure_index(settings, embeddings=embeddings)
        for problem in report.problems:
            log.warning("article skipped: %s", problem)
    collection = open_collection(settings, embeddings)
    return HybridRetriever(collection=collection, embeddings=embeddings,
                           relevance_floor=settings.relevance_floor)


def build_answerer(
    settings: Settings,
    *,
    embeddings: Embeddings | None = None,
    chat_model: BaseChatModel | None = None,
    index: IndexCopy | None = None,
) -> Answerer:
    """Everything needed to answer questions; ``chat_model`` overrides the settings (tests);
    with ``index``, the articles are searched in that copy (see ``build_retriever``)."""
    # The chat model first: a bad LLM setting should fail before minutes of indexing.
    model = chat_model if chat_model is not None else make_chat_model(settings)
    retriever = build_retriever(settings, embeddings=embeddings, index=index)
    return Answerer(retriever, chat_model=model, llm_timeout_seconds=settings.llm_timeout_seconds,
                    cautions=retriever.lexicon)
