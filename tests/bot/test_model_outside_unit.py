"""The chat model is asked outside an update's unit of work, and the update runs again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from langchain_core.messages import AIMessage

from bot.services import ReadAheadRetriever, Services
from coach.answers import Answerer
from config.settings import Settings
from storage import repository
from storage.models import ProcessedUpdate
from tests.bot.conftest import BotHarness, Clock, bot_harness, make_services
from tests.bot.test_handlers import onboarded
from tests.bot.updates import TgUser

ANN = TgUser(id=4343, first_name="Ann")
QUESTION = "is cycling good cross-training for a marathon?"


@dataclass
class RecordingModel:
    """A chat model recording, per call, whether a unit was open and the writer held."""

    reply: str | Exception = "Cycling builds your aerobic base without the pounding [1]."
    services: Services | None = None
    calls: list[tuple[int, bool]] = field(default_factory=list)

    async def ainvoke(self, prompt: str) -> AIMessage:
        assert self.services is not None and isinstance(prompt, str)
        gate = self.services._gate
        self.calls.append((self.services._open_units, gate is not None and gate.locked()))
        if isinstance(self.reply, Exception):
            raise self.reply
        return AIMessage(content=self.reply)


@pytest.fixture
def model() -> RecordingModel:
    return RecordingModel()


@pytest.fixture
async def harness_with_model(bot_settings: Settings, shared_answerer: Answerer,
                             model: RecordingModel) -> AsyncIterator[BotHarness]:
    real = shared_answerer.retriever
    retriever = real.inner if isinstance(real, ReadAheadRetriever) else real
    answerer = Answerer(retriever, chat_model=model,  # type: ignore[arg-type]
                        cautions=shared_answerer.cautions)
    clock = Clock()
    services = make_services(bot_settings, answerer, clock)
    model.services = services
    async with bot_harness(bot_settings, services, clock) as harness:
        yield harness


def turns_and_updates(harness: BotHarness, athlete_id: int) -> tuple[list[str], int]:
    with harness.services.transaction() as session:
        turns = repository.recent_turns(session=session, athlete_id=athlete_id)
        processed = len(session.exec(ProcessedUpdate.__table__.select()).all())  # type: ignore[attr-defined]
    return [turn.role for turn in turns], processed


async def test_the_model_is_asked_once_with_no_unit_open_and_its_answer_sent_once(
    harness_with_model: BotHarness, model: RecordingModel
) -> None:
    athlete = onboarded(harness_with_model, ANN)
    assert athlete.id is not None

    replies = await harness_with_model.send(ANN, QUESTION)

    assert len(replies) == 1
    assert "aerobic base without the pounding" in replies[0]
    assert model.calls == [(0, False)]
    assert turns_and_updates(harness_with_model, athlete.id) == (["athlete", "bot"], 1)


async def test_a_failing_model_leaves_the_articles_answer_sent_once(
    harness_with_model: BotHarness, model: RecordingModel
) -> None:
    model.reply = RuntimeError("provider down")
    athlete = onboarded(harness_with_model, ANN)
    assert athlete.id is not None

    replies = await harness_with_model.send(ANN, QUESTION)

    assert len(replies) == 1 and "cycl" in replies[0].lower()
    assert "without the pounding" not in replies[0]
    assert model.calls == [(0, False)]
    assert turns_and_updates(harness_with_model, athlete.id) == (["athlete", "bot"], 1)
