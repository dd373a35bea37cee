"""A message's model work (triage, retrieval) is done before its unit of work opens."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from telegram import Update

from bot.services import ReadAheadRetriever, Services
from bot.update_processing import AthleteOrderedProcessor
from coach.answers import Answerer, Retrieval
from config.settings import Settings
from storage import repository
from tests.bot.conftest import BotHarness, Clock, bot_harness, make_services
from tests.bot.test_handlers import onboarded
from tests.bot.updates import TgUser, text_update

ANN = TgUser(id=4242, first_name="Ann")


@dataclass
class CountingRetriever:
    """The real retriever, recording for each call whether an update's unit was open."""

    inner: object
    services: Services | None = None
    units_open: list[int] = field(default_factory=list)

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        assert self.services is not None
        self.units_open.append(self.services._open_units)
        return self.inner.retrieve(question, limit=limit)  # type: ignore[attr-defined, no-any-return]

    def topics(self) -> list[str]:
        return self.inner.topics()  # type: ignore[attr-defined, no-any-return]


def athlete_id(harness: BotHarness) -> int:
    athlete = harness.athlete(ANN)
    assert athlete is not None and athlete.id is not None
    return athlete.id


@pytest.fixture
async def counted(bot_settings: Settings, shared_answerer: Answerer
                  ) -> AsyncIterator[tuple[BotHarness, CountingRetriever]]:
    real = shared_answerer.retriever
    inner = real.inner if isinstance(real, ReadAheadRetriever) else real
    counting = CountingRetriever(inner)
    answerer = Answerer(counting, cautions=shared_answerer.cautions)
    clock = Clock()
    services = make_services(bot_settings, answerer, clock)
    counting.services = services
    async with bot_harness(bot_settings, services, clock) as harness:
        yield harness, counting


async def test_a_question_is_retrieved_once_before_its_unit_of_work_opens(
    counted: tuple[BotHarness, CountingRetriever]
) -> None:
    harness, retriever = counted
    onboarded(harness, ANN)

    replies = await harness.send(ANN, "is cycling good cross-training for a marathon?")

    assert len(replies) == 1 and "cycling" in replies[0].lower()
    assert "Source" in replies[0] or "source" in replies[0]
    assert retriever.units_open == [0]  # once, and no unit was open
    with harness.services.transaction() as session:
        turns = repository.recent_turns(session=session, athlete_id=athlete_id(harness))
    assert [turn.role for turn in turns] == ["athlete", "bot"]


async def test_through_the_update_processor_the_text_is_read_once_before_the_slot(
    counted: tuple[BotHarness, CountingRetriever]
) -> None:
    # As polling and the webhook hand an update over: the processor reads it ahead
    # before the concurrency slot, and the unit does not read it again.
    harness, retriever = counted
    onboarded(harness, ANN)
    app = harness.app
    assert isinstance(app.update_processor, AthleteOrderedProcessor)
    assert app.update_processor.prepare is not None
    update = Update.de_json(text_update(ANN, "is cycling good cross-training for a marathon?"),
                            app.bot)

    await app.update_processor.process_update(update, app.process_update(update))

    assert retriever.units_open == [0]  # once, and no unit was open
    assert any("cycling" in text.lower() for text in harness.request.texts(ANN.id))


async def test_the_read_ahead_answer_is_the_one_retrieved_inside(
    shared_answerer: Answerer
) -> None:
    real = shared_answerer.retriever
    inner = real.inner if isinstance(real, ReadAheadRetriever) else real
    question = "how do I keep training when my trails are closed?"
    direct = inner.retrieve(question, limit=3)
    ahead = ReadAheadRetriever(inner)
    ahead.read_ahead(f"  {question} ", limit=3)

    assert ahead.retrieve(question, limit=3) == direct


async def test_only_the_newest_read_aheads_are_kept_and_each_is_taken_once() -> None:
    calls: list[str] = []

    class Fake:
        def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
            calls.append(question)
            return Retrieval(passages=[], covered=False)

        def topics(self) -> list[str]:
            return []

    ahead = ReadAheadRetriever(Fake(), keep=2)
    for question in ("one", "two", "three"):
        ahead.read_ahead(question, limit=3)
    for question in ("one", "two", "three", "three"):
        ahead.retrieve(question, limit=3)

    assert calls == ["one", "two", "three", "one", "three"]


async def test_a_red_flag_gets_its_referral_and_no_retrieval(
    counted: tuple[BotHarness, CountingRetriever]
) -> None:
    harness, retriever = counted
    onboarded(harness, ANN)

    replies = await harness.send(ANN, "I had chest pain and nearly fainted on my run today")

    assert len(replies) == 1 and "emergency" in replies[0]
    assert retriever.units_open == []


async def test_the_retrieval_texts_are_embedded_ahead_in_one_call_and_found_again(
    shared_answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from knowledge.embeddings import clear_embedding_cache

    real = shared_answerer.retriever
    inner = real.inner if isinstance(real, ReadAheadRetriever) else real
    embeddings = inner.embeddings  # type: ignore[attr-defined]
    calls: list[list[str]] = []
    original = embeddings._embed
    monkeypatch.setattr(embeddings, "_embed",
                        lambda texts: calls.append(list(texts)) or original(texts))
    question = "how can I stick with cross-training through the winter?"
    clear_embedding_cache()
    ahead = ReadAheadRetriever(inner)
    jobs = ahead.embedding_jobs(f" {question}  ")

    for job in jobs:
        job()
    assert len(calls) == 1 and calls[0][0] == question
    assert calls[0] == inner.query_texts(question)  # type: ignore[attr-defined]
    assert len(calls[0]) == 2  # the question, and as read with the lexicon's words
    ahead.read_ahead(question, limit=3)
    assert len(calls) == 1  # the retrieval found every vector it needs


@pytest.mark.parametrize(("message", "triage_ended", "retrieved"), [
    ("how can I stick with cross-training through the winter?", True, True),
    ("how can I stick with cross-training through the winter?", False, False),
    ("I had chest pain and nearly fainted on my run today", True, False),
])
async def test_the_embedding_job_retrieves_only_once_triage_has_ended_without_a_referral(
    shared_answerer: Answerer, message: str, triage_ended: bool, retrieved: bool
) -> None:
    from concurrent.futures import Future

    from bot.services import _embed_then_retrieve
    from coach.triage import TriageResult, triage

    real = shared_answerer.retriever
    inner = real.inner if isinstance(real, ReadAheadRetriever) else real
    ahead = ReadAheadRetriever(inner)
    screening: Future[TriageResult] = Future()
    if triage_ended:
        screening.set_result(triage(message))
    jobs = ahead.embedding_jobs(message)

    assert _embed_then_retrieve(jobs, screening, ahead, message, 3) is retrieved
    assert bool(ahead._ready) is retrieved
    if retrieved:  # the one kept is the one the answer would have retrieved itself
        assert ahead.retrieve(message, limit=3) == inner.retrieve(message, limit=3)  # type: ignore[attr-defined]


async def test_no_embedding_jobs_when_the_retriever_cannot_name_its_texts() -> None:
    class Plain:
        def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
            return Retrieval(passages=[], covered=False)

        def topics(self) -> list[str]:
            return []

    assert ReadAheadRetriever(Plain()).embedding_jobs("what about swimming?") == []


async def test_reading_ahead_needs_no_thread_of_the_default_executor(
    bot_settings: Settings, shared_answerer: Answerer
) -> None:
    # The default executor's threads are the units' (their first insert and their commit
    # run there): a burst of messages read ahead must not take them all while waiting
    # for the model threads. Here its only thread is busy, and reading ahead still ends.
    loop = asyncio.get_running_loop()
    executor = ThreadPoolExecutor(max_workers=1)
    loop.set_default_executor(executor)
    busy = threading.Event()
    blocker = loop.run_in_executor(None, busy.wait, 60)
    real = shared_answerer.retriever
    inner = real.inner if isinstance(real, ReadAheadRetriever) else real
    services = make_services(bot_settings, Answerer(inner, cautions=shared_answerer.cautions),
                             Clock())
    ahead = services.answerer.retriever
    assert isinstance(ahead, ReadAheadRetriever)
    question = "what can I do instead of running when my knee hurts?"
    try:
        async with asyncio.timeout(15):
            await services.read_ahead(question)
        assert ahead._ready  # the retrieval was made and kept for the answer
    finally:
        busy.set()
        await blocker
        services._model_pool.shutdown()
        services.database.close()
