"""How updates are processed: once in effect, one transaction each, in order per athlete.

- :class:`UnitOfWorkApplication` wraps every update in :meth:`Services.update_unit`: the
  update id is recorded in the same transaction as everything the handlers write, so a
  replayed update changes nothing (no handler runs, nothing is sent) and a failing one
  leaves nothing behind (its handlers' writes and its id roll back together, and so does
  the conversation state kept in ``user_data``/``chat_data``, so a redelivery is handled
  afresh). The error handler runs after the rollback, so the apology is never sent for
  half-written work.
- :class:`AthleteOrderedProcessor` lets updates of different athletes run concurrently
  while each athlete's updates run one after another, in the order they arrived.
- :class:`GatedJobQueue` makes jobs take the SQLite write gate, so a job never blocks the
  event loop on the write lock an update holds while it awaits Telegram.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor, Job, JobQueue

from bot.handlers.common import SERVICES_KEY
from bot.services import Services, UpdateUnit, current_unit
from config.settings import Settings

log = logging.getLogger(__name__)


class UnitOfWorkApplication(Application):
    """An Application whose updates are each one unit of work (see the module doc)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._memory_snapshots: dict[UpdateUnit, list[tuple[dict[Any, Any], dict[Any, Any]]]] = {}

    def _snapshot_memory(self, update: Update) -> list[tuple[dict[Any, Any], dict[Any, Any]]]:
        snapshots = []
        if update.effective_user is not None:
            live = self._user_data[update.effective_user.id]
            snapshots.append((live, copy.deepcopy(live)))
        if update.effective_chat is not None:
            live = self._chat_data[update.effective_chat.id]
            snapshots.append((live, copy.deepcopy(live)))
        return snapshots

    async def process_update(self, update: object) -> None:
        services = self.bot_data.get(SERVICES_KEY)
        if not isinstance(update, Update) or not isinstance(services, Services):
            await super().process_update(update)
            return
        snapshots: list[tuple[dict[Any, Any], dict[Any, Any]]] = []
        try:
            async with services.update_unit(update.update_id) as unit:
                if unit.duplicate:
                    log.info("update %s was already processed; skipped", update.update_id)
                    return
                # Conversation state kept in memory (user_data, chat_data) is part of the
                # update's work too: restored if the update rolls back.
                snapshots = self._memory_snapshots[unit] = self._snapshot_memory(update)
                try:
                    await super().process_update(update)
                finally:
                    self._memory_snapshots.pop(unit, None)
        except Exception as error:
            # The database failed to record or commit the update (handler errors never get
            # here). It is rolled back, so the memory goes back too; raising would stop
            # python-telegram-bot's update fetcher, so apologise like for any other error.
            _restore(snapshots)
            await self.process_error(update, error)

    async def process_error(
        self,
        update: object | None,
        error: Exception,
        job: Job[Any] | None = None,
        coroutine: Any = None,
    ) -> bool:
        unit = current_unit()
        if unit is not None and isinstance(update, Update) and update.update_id == unit.update_id:
            # Nothing half-written: undo the update before the error handler apologises.
            # Its id goes too, so Telegram's redelivery (webhook) is handled afresh.
            unit.rollback()
            _restore(self._memory_snapshots.pop(unit, []))
            log.info("update %s failed; its changes were rolled back", update.update_id)
        return await super().process_error(update, error, job, coroutine)


def _restore(snapshots: list[tuple[dict[Any, Any], dict[Any, Any]]]) -> None:
    for live, saved in snapshots:
        live.clear()
        live.update(saved)


def ordering_key(update: object) -> Hashable | None:
    """Whose updates must stay in order: the user's (an athlete), else the chat's."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    return None


class AthleteOrderedProcessor(BaseUpdateProcessor):
    """Up to ``max_concurrent_updates`` at once, one at a time per athlete, in order.

    python-telegram-bot starts a task per update in arrival order and its semaphore wakes
    waiters first come, first served, so updates reach :meth:`do_process_update` in
    arrival order; each then queues (without awaiting first) on its athlete's lock, which
    is also first come, first served.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # key -> (lock, number of updates holding or waiting for it)
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        started = False
        try:
            async with lock:
                started = True
                await coroutine
        finally:
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: never run
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    @property
    def athletes_in_flight(self) -> int:
        """Athletes with an update running or waiting (for tests and metrics)."""
        return len(self._locks)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


class GatedJobQueue(JobQueue):
    """A JobQueue whose jobs hold the SQLite write gate while they run (see the module
    doc); on PostgreSQL the gate is a no-op and jobs run freely."""

    @staticmethod
    async def job_callback(job_queue: JobQueue[Any], job: Job[Any]) -> None:
        services = job_queue.application.bot_data.get(SERVICES_KEY)
        if not isinstance(services, Services):
            await JobQueue.job_callback(job_queue, job)
            return
        async with services.exclusive():
            await JobQueue.job_callback(job_queue, job)


def update_processor(settings: Settings) -> AthleteOrderedProcessor:
    """The processor for ``settings.update_concurrency`` concurrent updates."""
    return AthleteOrderedProcessor(settings.update_concurrency)
