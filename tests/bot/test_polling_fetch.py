"""Polling builds only the updates it has not started yet (the rest come back as data)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from telegram import Update

from bot import polling
from bot.app import build_application
from bot.polling import BUSY_FETCH_INTERVAL, poll
from bot.reply_outbox import OutboxBot
from config.settings import Settings
from tests.bot.offline_request import OfflineRequest
from tests.bot.updates import TgUser, text_update

ANN = TgUser(id=4545, first_name="Ann")


class QueuedUpdates(OfflineRequest):
    """An offline Bot API whose getUpdates hands out the same unconfirmed updates."""

    def __init__(self, updates: list[dict[str, Any]]) -> None:
        super().__init__()
        self.updates = updates
        self.asked: list[dict[str, Any]] = []

    def _handlers(self) -> dict[str, Any]:
        handlers = super()._handlers()

        def get_updates(_method: str, params: dict[str, Any], *_: Any) -> list[dict[str, Any]]:
            self.asked.append(params)
            offset = params.get("offset")  # confirms every update below it
            return [update for update in self.updates
                    if offset is None or update["update_id"] >= offset]

        handlers["getupdates"] = get_updates
        return handlers


async def test_only_updates_not_known_yet_are_built(bot_settings: Settings) -> None:
    payloads = [text_update(ANN, f"message {n}", update_id=700 + n) for n in range(5)]
    request = QueuedUpdates(payloads)
    app = build_application(bot_settings, request=request)
    assert isinstance(app.bot, OutboxBot)
    async with app:
        fresh = await app.bot.get_updates_except(
            lambda update_id: update_id in (700, 701, 703), offset=700, long_poll_seconds=0,
            allowed_updates=Update.ALL_TYPES, read_timeout=5)

    assert [update.update_id for update in fresh] == [702, 704]
    assert all(isinstance(update, Update) for update in fresh)
    assert fresh[0].effective_message is not None
    assert fresh[0].effective_message.text == "message 2"
    assert request.asked[-1]["offset"] == 700 and request.asked[-1]["timeout"] == 0


async def test_while_updates_run_getupdates_is_asked_at_most_every_busy_interval(
    bot_settings: Settings
) -> None:
    # Twenty athletes' updates finishing 15 ms apart: asking Telegram again after each
    # (which hands all the running ones back) cost more CPU under load than handling them.
    users = [TgUser(id=4600 + n, first_name=f"A{n}") for n in range(20)]
    payloads = [text_update(user, "hi", update_id=800 + n) for n, user in enumerate(users)]
    request = QueuedUpdates(payloads)
    settings = bot_settings.model_copy(update={"concurrent_updates": 20})
    app = build_application(settings, request=request)
    stop = asyncio.Event()
    finished: list[int] = []

    async def slow(update: object) -> None:
        assert isinstance(update, Update)
        await asyncio.sleep(0.015 * (update.update_id - 799))
        finished.append(update.update_id)
        if len(finished) == len(payloads):
            stop.set()

    app.process_update = slow  # type: ignore[method-assign]
    async with app:
        started = time.monotonic()
        async with asyncio.timeout(10):
            await poll(app, stop)
        took = time.monotonic() - started

    assert sorted(finished) == [800 + n for n in range(20)]
    while_running = len(request.asked) - 1  # the first call found them
    assert while_running <= took / BUSY_FETCH_INTERVAL + 2


async def test_a_message_after_the_last_running_update_is_fetched_without_the_wait(
    bot_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The interval only spaces calls while updates run: once the last one finished, the
    # next message (an athlete answering the reply) is asked for at once.
    monkeypatch.setattr(polling, "BUSY_FETCH_INTERVAL", 60.0)
    request = QueuedUpdates([text_update(ANN, "first", update_id=900)])
    app = build_application(bot_settings, request=request)
    stop = asyncio.Event()
    handled: list[int] = []

    async def quick(update: object) -> None:
        assert isinstance(update, Update)
        handled.append(update.update_id)
        if update.update_id == 900:
            request.updates.append(text_update(ANN, "second", update_id=901))
        else:
            stop.set()

    app.process_update = quick  # type: ignore[method-assign]
    async with app:
        async with asyncio.timeout(20):
            await poll(app, stop)

    assert handled == [900, 901]
