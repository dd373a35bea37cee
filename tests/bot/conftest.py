"""An in-process bot: the real Application and services, an offline Bot API."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.callback_data import CallbackSigner
from bot.services import Services
from coach.answers import Answerer
from config.settings import Settings
from storage import repository
from storage.db import Database
from storage.models import Athlete
from tests.bot.offline_request import OfflineRequest
from tests.bot.updates import (
    DEFAULT_TOKEN,
    TgUser,
    bot_message_payload,
    callback_query_update,
    command_update,
    private_chat_dict,
    text_update,
)
from tests.migrated import migrate
from tests.pg_server import PostgresServer, fresh_database
from tests.run_once import copy_data_dir

JSONDict = dict[str, Any]


@pytest.fixture
def pg_database(postgres_server: PostgresServer) -> Iterator[str]:
    with fresh_database(postgres_server) as url:
        yield url


@pytest.fixture(scope="session")
def shared_answerer(tmp_path_factory: pytest.TempPathFactory,
                    first_start_template: Path) -> Answerer:
    """The real answerer over the real index, as a restart finds it (the run's first start
    embedded the articles once for every worker)."""
    from knowledge.service import build_answerer

    data_dir = copy_data_dir(first_start_template, tmp_path_factory.mktemp("knowledge-index"))
    return build_answerer(Settings(_env_file=None, data_dir=data_dir))  # type: ignore[call-arg]


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 26, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


@dataclass
class BotHarness:
    """Drive the application like Telegram would and read what it sent."""

    app: Application  # type: ignore[type-arg]
    request: OfflineRequest
    services: Services
    clock: Clock

    async def process(self, payload: JSONDict) -> None:
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    async def send(self, user: TgUser, text: str) -> list[str]:
        """Send ``text`` (a command when it starts with '/'); the texts the bot replied."""
        before = len(self.request.texts(user.id))
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            await self.process(command_update(user, command, args))
        else:
            await self.process(text_update(user, text))
        return self.request.texts(user.id)[before:]

    def athlete(self, user: TgUser) -> Athlete | None:
        """The athlete stored for ``user``, if any."""
        with self.services.transaction() as session:
            return repository.get_athlete_by_telegram_id(session=session,
                                                         telegram_user_id=user.id)

    def last_message(self, user: TgUser) -> JSONDict:
        """The last message the bot sent ``user``, as Telegram would show it in an update."""
        params = self.request.sent_messages(user.id)[-1]
        return bot_message_payload(private_chat_dict(user), text=params.get("text", ""),
                                   reply_markup=params.get("reply_markup"))

    def button_data(self, message: JSONDict, label: str) -> str:
        for row in message.get("reply_markup", {}).get("inline_keyboard", []):
            for button in row:
                if label.lower() in button["text"].lower():
                    return str(button["callback_data"])
        raise LookupError(f"no button {label!r} in {message.get('reply_markup')}")

    async def press(self, user: TgUser, message: JSONDict, label: str) -> list[str]:
        return await self.press_data(user, message, self.button_data(message, label))

    async def press_data(self, user: TgUser, message: JSONDict, data: str) -> list[str]:
        before = len(self.request.texts(user.id))
        await self.process(callback_query_update(user, data, message=message))
        return self.request.texts(user.id)[before:]

    def callback_answers(self) -> list[JSONDict]:
        return self.request.callback_answers()


def make_services(settings: Settings, answerer: Answerer, clock: Callable[[], datetime]
                  ) -> Services:
    database = Database(settings.sqlalchemy_url)
    migrate(database)
    return Services(settings=settings, database=database, answerer=answerer,
                    signer=CallbackSigner.from_token(DEFAULT_TOKEN), clock=clock)


@pytest.fixture
def bot_settings(isolated_environment: Path) -> Settings:
    return Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                    telegram_bot_token=DEFAULT_TOKEN, coach_ids=[9000])


@contextlib.asynccontextmanager
async def bot_harness(settings: Settings, services: Services, clock: Clock, *,
                      start: bool = False, **build_options: Any) -> AsyncIterator[BotHarness]:
    """The real application over an offline Bot API, initialised as at start-up (and,
    with ``start``, its update queue and processor running); the database is closed after."""
    request = OfflineRequest()
    app = build_application(settings, request=request, services_override=services,
                            **build_options)
    async with app:
        assert app.post_init is not None
        await app.post_init(app)
        if start:
            await app.start()
        try:
            yield BotHarness(app=app, request=request, services=services, clock=clock)
        finally:
            if start:
                await app.stop()
    services.database.close()


@pytest.fixture
async def harness(bot_settings: Settings, shared_answerer: Answerer
                  ) -> AsyncIterator[BotHarness]:
    clock = Clock()
    async with bot_harness(bot_settings, make_services(bot_settings, shared_answerer, clock),
                           clock) as running:
        yield running
