"""Polling that acknowledges an update only after it was handled.

python-telegram-bot's own updater confirms a batch to Telegram with its next getUpdates,
before the batch is handled: a crash then loses those updates for good. Here the offset
moves past a batch only once every update in it went through the update processor (one
transaction each, each athlete's in order), so a crash means a redelivery, which the
processed-update record turns into a no-op.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 20
MAX_BACKOFF_SECONDS = 30.0


class PollingStopped(RuntimeError):
    """Polling cannot go on: another instance polls this token, or the token is wrong."""


async def poll(application: Application, stop: asyncio.Event) -> None:
    """Fetch, handle and then acknowledge updates until ``stop`` is set."""
    bot = application.bot
    await bot.delete_webhook(drop_pending_updates=False)
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            bot.get_updates(
                offset=offset,
                timeout=LONG_POLL_SECONDS,
                allowed_updates=Update.ALL_TYPES,
                read_timeout=LONG_POLL_SECONDS + 10,
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()  # nothing fetched yet, so nothing is lost
            break
        try:
            updates = fetch.result()
        except (Conflict, InvalidToken) as error:
            raise PollingStopped(str(error)) from error
        except RetryAfter as error:
            await asyncio.sleep(_seconds(error.retry_after))
            continue
        except (NetworkError, TimedOut) as error:
            log.warning("getUpdates failed (%s); retrying in %.0fs", type(error).__name__, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            continue
        backoff = 1.0
        if not updates:
            continue
        # Started in arrival order; the processor keeps each athlete's updates in order.
        await asyncio.gather(
            *(
                application.update_processor.process_update(
                    update, application.process_update(update)
                )
                for update in updates
            )
        )
        offset = updates[-1].update_id + 1
    if offset is not None:
        # Confirm the last handled batch, as python-telegram-bot does when it stops.
        try:
            await bot.get_updates(offset=offset, timeout=0, limit=1)
        except (NetworkError, TimedOut):
            log.info("could not confirm the last updates; they will be redelivered and skipped")


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
