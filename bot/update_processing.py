"""How updates are processed: once in effect, one transaction each, in order per athlete.

- :class:`UnitOfWorkApplication` wraps every update in :meth:`Services.update_unit`: the
  update id is recorded in the same transaction as everything the handlers write, so a
  replayed update changes nothing (no handler runs, nothing is sent) and a failing one
  leaves nothing behind (its handlers' writes and its id roll back together, and so does
  the conversation state kept in ``user_data``/``chat_data``, so a redelivery is handled
  afresh). The error handler runs after the rollback, so the apology is never sent for
  half-written work. Before the unit opens, the text of a message is read ahead
  (:meth:`Services.read_ahead`: the model's work, in threads, outside the transaction).
  A chat model call is never made inside the unit: the unit rolls back, the model is
  asked outside it, and the update runs again with its reply (:class:`AnswerLater`).
  Replies the handlers make are kept in the unit and sent only after
  it committed (``bot/reply_outbox.py``). An update whose id or rows another transaction
  holds raises :class:`bot.services.UpdateBusy` to the caller instead: not handled, no
  apology, and it must not be acknowledged (webhook: 503; polling: not confirmed).
- :class:`AthleteOrderedProcessor` lets updates of different athletes run concurrently
  while each athlete's updates run one after another, in the order they arrived. An
  update takes its athlete's turn first and a concurrency slot only then, so one athlete
  with many queued updates holds one slot, not all of them. The read-ahead (the model's
  work on the text) runs in the athlete's turn but before the slot: on SQLite there is
  one slot, and while one update holds it the next ones are read on the other core.
- :class:`GatedJobQueue` makes jobs take the SQLite write gate, so a job never blocks the
  event loop on the write lock an update holds while it awaits Telegram.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import functools
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor, Job, JobQueue

from bot.handlers.common import SERVICES_KEY
from bot.reply_outbox import OUTBOX_SENDER_KEY, OutboxBot, ReplySender
from bot.services import (
    AnswerLater,
    Services,
    UpdateBusy,
    UpdateUnit,
    current_unit,
    is_busy_error,
)
from config.settings import Settings
from storage.repository import OutboxCall

log = logging.getLogger(__name__)

# Updates read ahead (or being read) beyond those holding a concurrency slot: enough to
# keep both model threads busy while the slots' updates run, few enough that each read-ahead
# is still kept when its unit takes it (ReadAheadRetriever keeps 64).
READ_AHEAD_BEYOND_SLOTS = 4

# Passes of one update at most: one per chat model call deferred out of its unit of work
# (an article answer makes one), the last one calling the model inside if it must.
MODEL_PASSES = 3


class UnitOfWorkApplication(Application):
    """An Application whose updates are each one unit of work (see the module doc)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Webhook and polling turn this on (see send_replies_in_background); the terminal
        # chat and in-process tests see every reply sent when process_update returns.
        self.replies_in_background = False
        self._reply_chains: dict[int | None, asyncio.Task[None]] = {}
        self._memory_snapshots: dict[UpdateUnit, list[tuple[dict[Any, Any], dict[Any, Any]]]] = {}
        # Updates whose text was read ahead by the processor, before their slot.
        self._read_already: set[int] = set()
        if isinstance(self.update_processor, AthleteOrderedProcessor):
            self.update_processor.prepare = self.read_ahead

    async def read_ahead(self, update: object) -> None:
        """The model's work on the update's text (see :meth:`Services.read_ahead`), done
        before it takes a concurrency slot; its unit then finds it done."""
        services = self.bot_data.get(SERVICES_KEY)
        if not isinstance(update, Update) or not isinstance(services, Services):
            return
        text = _private_text(update)
        if text is not None:
            await services.read_ahead(text)
            self._read_already.add(update.update_id)

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
        # A chat model call inside the unit is deferred (AnswerLater): the unit rolls back,
        # the model is asked with no transaction open, and the update runs again with the
        # reply. A last pass may call the model inside, so an update always ends.
        model_replies: dict[str, object] = {}
        read = update.update_id in self._read_already
        self._read_already.discard(update.update_id)
        for attempt in range(MODEL_PASSES):
            later = await self._process_in_unit(update, services, model_replies,
                                                may_defer=attempt + 1 < MODEL_PASSES,
                                                read_ahead=not (read and attempt == 0))
            if later is None:
                return
            model_replies[later.prompt] = await services.ask_model(later.prompt)

    async def _process_in_unit(self, update: Update, services: Services,
                               model_replies: dict[str, object], *, may_defer: bool,
                               read_ahead: bool = True) -> AnswerLater | None:
        """One pass of the update in its unit of work; the deferred model call, if any."""
        snapshots: list[tuple[dict[Any, Any], dict[Any, Any]]] = []
        text = _private_text(update) if read_ahead else None
        if text is not None:
            # Embedding work first, outside the unit (which holds the SQLite writer).
            await services.read_ahead(text)
        try:
            async with services.update_unit(update.update_id, model_replies=model_replies,
                                            may_defer=may_defer) as unit:
                if unit.duplicate:
                    log.info("update %s was already processed; skipped", update.update_id)
                    return None
                # Conversation state kept in memory (user_data, chat_data) is part of the
                # update's work too: restored if the update rolls back.
                snapshots = self._memory_snapshots[unit] = self._snapshot_memory(update)
                try:
                    await super().process_update(update)
                finally:
                    self._memory_snapshots.pop(unit, None)
                if unit.busy:
                    raise UpdateBusy(f"update {update.update_id}: rows held elsewhere")
        except AnswerLater as later:
            # Rolled back (nothing was sent): the same update runs again after the call.
            _restore(snapshots)
            log.debug("update %s waits for the chat model outside its unit", update.update_id)
            return later
        except UpdateBusy:
            # Not handled: no apology, and the caller must not acknowledge it.
            _restore(snapshots)
            log.info("update %s is held by another transaction; not handled, left for "
                     "Telegram to deliver again", update.update_id)
            raise
        except Exception as error:
            # The database failed to record or commit the update (handler errors never get
            # here). It is rolled back, so the memory goes back too; raising would stop
            # python-telegram-bot's update fetcher, so apologise like for any other error.
            _restore(snapshots)
            await self.process_error(update, error)
            return None
        if unit.outbox_ids:
            sender = self.reply_sender(services)
            if self.replies_in_background:
                self._send_after(sender, unit.outbox_ids, unit.outbox)
            else:
                await sender.send_committed(unit.outbox_ids, unit.outbox)
        return None

    def _send_after(self, sender: ReplySender, ids: list[int], calls: list[OutboxCall]) -> None:
        """Send committed replies in a task of their own, after the chat's earlier ones."""
        chats = {call.chat_id for call in calls}
        chained = (self._reply_chains.get(chat) for chat in chats)
        earlier = {task for task in chained if task is not None and not task.done()}

        async def send() -> None:
            if earlier:
                await asyncio.gather(*earlier, return_exceptions=True)
            await sender.send_committed(ids, calls)

        # A fresh context: the task never sees an update's unit.
        task: asyncio.Task[None] = contextvars.Context().run(
            functools.partial(self.create_task, send(), name="send-replies"))
        for chat in chats:
            self._reply_chains[chat] = task

        def forget(done: asyncio.Task[None]) -> None:
            for chat in chats:
                if self._reply_chains.get(chat) is done:
                    del self._reply_chains[chat]

        task.add_done_callback(forget)

    def reply_sender(self, services: Services) -> ReplySender:
        """This worker's reply-outbox sender, created on first use."""
        sender = self.bot_data.get(OUTBOX_SENDER_KEY)
        if not isinstance(sender, ReplySender):
            assert isinstance(self.bot, OutboxBot), "replies are only kept by an OutboxBot"
            job_queue = self.job_queue

            def unschedule(athlete_id: int) -> None:
                if job_queue is not None:
                    from bot.jobs import unschedule_checkin

                    unschedule_checkin(job_queue, athlete_id)

            sender = ReplySender(services=services, bot=self.bot, worker=services.worker,
                                 on_blocked=unschedule)
            self.bot_data[OUTBOX_SENDER_KEY] = sender
        return sender

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
            unit.busy = is_busy_error(error)
            unit.rollback()
            _restore(self._memory_snapshots.pop(unit, []))
            if unit.busy:
                return True  # not handled: no apology, no further handlers
            log.info("update %s failed; its changes were rolled back", update.update_id)
            await super().process_error(update, error, job, coroutine)
            # Rolled back: later handler groups must not run outside the update's unit.
            return True
        return await super().process_error(update, error, job, coroutine)


def _private_text(update: Update) -> str | None:
    """The text of a message in a private chat, not a command (what ``usecases.messages``
    reads), else None."""
    message = update.message
    if message is None or message.chat.type != "private" or not message.text:
        return None
    if message.text.startswith("/"):
        return None
    return message.text


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

    python-telegram-bot starts a task per update in arrival order; each queues at once
    (without awaiting first) on its athlete's lock, which is first come, first served, and
    only the athlete's current update waits for one of the ``max_concurrent_updates``
    slots (a semaphore, also first come, first served).

    ``prepare`` (set by :class:`UnitOfWorkApplication`: its read-ahead) runs in the
    athlete's turn before the slot is taken, for at most ``READ_AHEAD_BEYOND_SLOTS`` more
    updates than there are slots: work that needs no slot overlaps the slots' work.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # key -> (lock, number of updates holding or waiting for it)
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}
        self.prepare: Callable[[object], Awaitable[None]] | None = None
        self._ahead = asyncio.Semaphore(max_concurrent_updates + READ_AHEAD_BEYOND_SLOTS)

    # PTB marks it final to keep its semaphore in charge; the semaphore still is, only
    # entered after the athlete's lock.
    async def process_update(  # type: ignore[misc]
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        """The athlete's turn first, then a concurrency slot (see the class doc)."""
        key = ordering_key(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        started = False
        try:
            async with lock, self._ahead:
                if self.prepare is not None:
                    try:
                        await self.prepare(update)
                    except Exception:  # only a head start: the update reads it again
                        log.debug("preparing update failed", exc_info=True)
                started = True
                await super().process_update(update, coroutine)
        finally:
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: never run
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

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


def send_replies_in_background(application: Application) -> None:
    """Let updates finish (and be acknowledged) once their replies are committed: the
    replies go out in their own tasks, each chat's in order, paced by the rate limiter,
    so waiting for one chat's send slot never holds up the next update."""
    if isinstance(application, UnitOfWorkApplication):
        application.replies_in_background = True
