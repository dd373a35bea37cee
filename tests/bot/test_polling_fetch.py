"""Polling builds only the updates it has not started yet (the rest come back as data)."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.app import build_application
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
            return self.updates

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
