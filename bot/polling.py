"""Polling that acknowledges an update only after it was handled, without head-of-line
blocking.

python-telegram-bot's own updater confirms a batch to Telegram with its next getUpdates,
before the batch is handled: a crash then loses those updates for good. Here each update
runs as its own task through the update processor (one transaction each, each athlete's
in order) and the loop keeps fetching while they run, so one slow update (an LLM call)
never holds up the others. The offset sent to Telegram (which confirms every update below
it) only moves past an update once it was handled: it stays at the oldest update still
running or not handled. Updates Telegram hands out again meanwhile (it re-sends every
unconfirmed one) are recognised and not run twice.

An update another transaction holds (``UpdateBusy``: a worker that hangs in the middle of
it) is not handled and not confirmed; it is tried again after :data:`BUSY_RETRY_SECONDS`
while the updates after it go on. A crash means a redelivery, which the processed-update
record turns into a no-op.

Limits: Telegram hands out at most 100 updates from the offset, so when a hundred updates
after a slow one are all done, new ones wait for it; and an update tried again after
``UpdateBusy`` runs after the athlete's later updates that were already fetched.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field

from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.reply_outbox import OutboxBot
from bot.services import UpdateBusy
from bot.update_processing import send_replies_in_background

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 20
MAX_BACKOFF_SECONDS = 30.0
# While updates run, look for new ones this often (Telegram answers at once then, since
# the running ones are not confirmed yet).
BUSY_POLL_SECONDS = 0.2
# While updates run, Telegram hands every one of them back with each getUpdates (they are
# not confirmed), up to 100 of them; reading those again after every finished update cost
# ~12% of the worker's CPU under load. While some still run, ask at most this often (a
# message arriving meanwhile waits at most this long; with nothing running, at once).
BUSY_FETCH_INTERVAL = 0.05
# An update held by another transaction is tried again after this long.
BUSY_RETRY_SECONDS = 1.0


class PollingStopped(RuntimeError):
    """Polling cannot go on: another instance polls this token, or the token is wrong."""


@dataclass
class Acknowledgements:
    """Which fetched updates are running, done, or to be tried again; the offset."""

    running: set[int] = field(default_factory=set)
    done: set[int] = field(default_factory=set)
    retry_at: dict[int, float] = field(default_factory=dict)
    highest: int | None = None
    progress: asyncio.Event = field(default_factory=asyncio.Event)

    def should_start(self, update_id: int, now: float) -> bool:
        if update_id in self.running or update_id in self.done:
            return False
        return self.retry_at.get(update_id, 0.0) <= now

    def started(self, update_id: int) -> None:
        self.running.add(update_id)
        self.retry_at.pop(update_id, None)
        self.highest = update_id if self.highest is None else max(self.highest, update_id)

    def finished(self, update_id: int, *, handled: bool) -> None:
        self.running.discard(update_id)
        if handled:
            self.done.add(update_id)
        else:
            self.retry_at[update_id] = time.monotonic() + BUSY_RETRY_SECONDS
        self.progress.set()

    def confirmed(self, offset: int | None) -> None:
        """Telegram took ``offset`` (it hands out nothing below it any more): forget the
        handled updates below it. Not earlier: a getUpdates sent with an older offset may
        still bring them back."""
        if offset is not None:
            self.done = {done for done in self.done if done >= offset}

    @property
    def offset(self) -> int | None:
        """Confirms every update below it: all of them were handled."""
        blocking = self.running | set(self.retry_at)
        if blocking:
            return min(blocking)
        return None if self.highest is None else self.highest + 1


async def poll(application: Application, stop: asyncio.Event) -> None:
    """Fetch and handle updates, acknowledging only handled ones, until ``stop`` is set."""
    bot = application.bot
    await bot.delete_webhook(drop_pending_updates=False)
    send_replies_in_background(application)
    acks = Acknowledgements()
    tasks: set[asyncio.Task[None]] = set()
    backoff = 1.0
    fetched_at = -BUSY_FETCH_INTERVAL

    async def handle(update: Update) -> None:
        handled = False
        try:
            await application.update_processor.process_update(
                update, application.process_update(update))
            handled = True
        except UpdateBusy:
            log.info("update %s is held elsewhere; not confirmed, tried again later",
                     update.update_id)
        except Exception as error:  # never confirm what was not handled
            log.error("update %s was not handled (%s); not confirmed", update.update_id,
                      type(error).__name__)
            log.debug("traceback", exc_info=True)
        finally:
            acks.finished(update.update_id, handled=handled)

    try:
        while not stop.is_set():
            # Some still run: wait out the interval, unless the last of them finishes.
            rest = fetched_at + BUSY_FETCH_INTERVAL - time.monotonic()
            while rest > 0 and acks.running:
                acks.progress.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(rest):
                        await acks.progress.wait()
                rest = fetched_at + BUSY_FETCH_INTERVAL - time.monotonic()
            busy = bool(acks.running or acks.retry_at)
            acks.progress.clear()
            offset = acks.offset
            fetched_at = time.monotonic()
            fetch = asyncio.ensure_future(_fetch(
                bot, acks, offset=offset, long_poll_seconds=0 if busy else LONG_POLL_SECONDS))
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
                log.warning("getUpdates failed (%s); retrying in %.0fs", type(error).__name__,
                            backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
                continue
            backoff = 1.0
            acks.confirmed(offset)
            now = time.monotonic()
            fresh = [update for update in updates if acks.should_start(update.update_id, now)]
            # Started in arrival order; the processor keeps each athlete's updates in order.
            for update in fresh:
                acks.started(update.update_id)
                task = asyncio.create_task(handle(update))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            if not fresh and (acks.running or acks.retry_at):
                # Only updates already running (or waiting to be tried again) came back.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(BUSY_POLL_SECONDS):
                        await acks.progress.wait()
    finally:
        if tasks:
            # Let the running updates finish (each is one transaction), then confirm them.
            await asyncio.gather(*tasks, return_exceptions=True)
    offset = acks.offset
    if offset is not None:
        # Confirm what was handled, as python-telegram-bot does when it stops.
        try:
            await bot.get_updates(offset=offset, timeout=0, limit=1)
        except (NetworkError, TimedOut):
            log.info("could not confirm the last updates; they will be redelivered and skipped")


async def _fetch(bot: Bot, acks: Acknowledgements, *, offset: int | None,
                 long_poll_seconds: int) -> tuple[Update, ...]:
    """getUpdates from ``offset``; with our bot, the updates already running or handled
    come back as raw data only and are dropped before being built (see
    ``OutboxBot.get_updates_except``)."""
    if isinstance(bot, OutboxBot):
        now = time.monotonic()
        return await bot.get_updates_except(
            lambda update_id: not acks.should_start(update_id, now), offset=offset,
            long_poll_seconds=long_poll_seconds, allowed_updates=Update.ALL_TYPES,
            read_timeout=LONG_POLL_SECONDS + 10)
    return await bot.get_updates(offset=offset, timeout=long_poll_seconds,
                                 allowed_updates=Update.ALL_TYPES,
                                 read_timeout=LONG_POLL_SECONDS + 10)


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
