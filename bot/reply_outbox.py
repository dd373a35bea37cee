"""Replies leave only after their update committed: the reply outbox.

Handlers keep calling ``context.bot.send_message(...)`` (and ``edit_message_*``,
``send_document``, ...). While an update's unit of work is open, :class:`OutboxBot` does
not send such a call: it keeps it in the unit (:attr:`bot.services.UpdateUnit.outbox`)
and answers with a placeholder. The unit writes the calls into ``reply_outbox`` in the
update's own transaction, claimed by this worker for :data:`SEND_LEASE`; once it
committed, :meth:`ReplySender.send_committed` sends them in order. So:

- an update that rolls back (a handler failed, the worker died) never sent a reply;
- a redelivered update is a duplicate, runs no handler and writes no row: no second reply;
- a worker that dies after its commit and before its sends leaves claimed rows whose lease
  runs out; any worker's sweeper (:meth:`ReplySender.sweep`, a job every few seconds)
  sends them; at once when the dead worker was a process of the sweeper's own machine
  (a restart after a crash), see :func:`bot.services.is_dead_worker`.

Only a call whose outcome is unknown is ever sent twice: a ``TimedOut`` (the request may
have arrived), or a worker that died between a send and marking it sent. Both are logged
as possible duplicates. ``RetryAfter`` and network errors put the call back for later
(visibly, in the table and the log); ``Forbidden`` pauses the athlete; a ``BadRequest``
is given up.

Which calls are kept (:data:`BUFFERED_METHODS`): calls that put or change a message in a
chat. ``answerCallbackQuery`` and ``sendChatAction`` (and everything else) go at once:
they change nothing the athlete keeps, and a spinner must stop now.

The placeholder a kept call returns: for ``send*`` a :class:`telegram.Message` with
``message_id`` 0, the chat, the date and the text or caption; for edits and deletions
``True``. A handler that needs the real sent message (its id, to edit it later) must not
rely on it; none does today.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import contextvars
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Final, TypeVar

from telegram import InputFile, Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import JSONDict, ODVInput
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ExtBot
from telegram.request._requestparameter import RequestParameter

from bot.rate_limit import retry_seconds
from bot.services import BLOCKED_REASON, Services, current_unit, is_dead_worker
from storage import repository
from storage.repository import OutboxCall, StorageError

log = logging.getLogger(__name__)

T = TypeVar("T")

BUFFERED_METHODS: Final = frozenset({
    "sendMessage", "sendDocument", "sendPhoto", "sendLocation", "sendSticker",
    "sendAudio", "sendVoice", "sendVideo", "sendAnimation",
    "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "deleteMessage",
})
# Sent at once, but never awaited inside an update (see OutboxBot).
AT_ONCE_METHODS: Final = frozenset({"answerCallbackQuery", "sendChatAction"})
# How long the committing worker has to send its rows before the sweepers take them.
SEND_LEASE: Final = timedelta(seconds=30)
SWEEP_LEASE: Final = timedelta(minutes=1)
SWEEP_BATCH: Final = 50
RETRY_DELAY: Final = timedelta(seconds=2)
MAX_RETRY_DELAY: Final = timedelta(minutes=2)
# After this many tries a call is given up (and logged), so one poisoned row cannot loop.
MAX_ATTEMPTS: Final = 12
# A flood-control window this short is waited out in place, at most this many times.
IN_PLACE_FLOOD_SECONDS: Final = 5.0
IN_PLACE_FLOOD_RETRIES: Final = 2
OUTBOX_SENDER_KEY: Final = "reply_outbox_sender"


# --------------------------------------------------------------------------- buffering


def encode_call(data: JSONDict) -> str | None:
    """The parameters of a call as JSON (files inlined), or None when a parameter cannot
    be kept (files referenced by ``attach://``, as in media groups: sent at once)."""
    params: JSONDict = {}
    files: dict[str, dict[str, str | None]] = {}
    for key, value in data.items():
        parameter = RequestParameter.from_input(key, value)
        if parameter.input_files:
            if parameter.json_value is not None or len(parameter.input_files) != 1:
                return None
            upload = parameter.input_files[0]
            content = upload.input_file_content
            if not isinstance(content, bytes):
                return None
            files[key] = {"filename": upload.filename, "mimetype": upload.mimetype,
                          "content": base64.b64encode(content).decode("ascii")}
        elif parameter.value is not None:
            params[key] = parameter.value  # JSON-ready: what the request would encode
    return json.dumps({"params": params, "files": files}, ensure_ascii=False)


def decode_call(payload: str) -> JSONDict:
    """The parameters of a kept call, ready for ``ExtBot._do_post``."""
    stored = json.loads(payload)
    data: JSONDict = dict(stored.get("params", {}))
    for key, upload in stored.get("files", {}).items():
        data[key] = InputFile(base64.b64decode(upload["content"]),
                              filename=upload.get("filename"), attach=False)
    return data


def _chat_id_of(data: JSONDict) -> int | None:
    value = data.get("chat_id")
    try:
        return int(str(value)) if value is not None else None
    except (TypeError, ValueError):
        return None


def placeholder_result(endpoint: str, data: JSONDict) -> bool | JSONDict:
    """What a kept call answers the handler (see the module doc)."""
    if not endpoint.startswith("send"):
        return True
    chat_id = _chat_id_of(data) or 0
    message: JSONDict = {
        "message_id": 0,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
    }
    for key in ("text", "caption"):
        if isinstance(data.get(key), str):
            message[key] = data[key]
    return message


class OutboxBot(ExtBot[Any]):
    """The bot the application uses: message calls made inside an open update unit are
    kept for after its commit (see the module doc); button answers and chat actions made
    inside one are sent in a task of their own (answering ``True`` at once); everything
    else is sent as usual. All of it through the bot's rate limiter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._background: set[asyncio.Future[None]] = set()

    async def get_updates_except(
        self, known: Callable[[int], bool], *, offset: int | None, long_poll_seconds: int,
        allowed_updates: Sequence[str] | None, read_timeout: float,
    ) -> tuple[Update, ...]:
        """``get_updates``, but building objects only for the updates ``known`` does not
        name. Polling that confirms only handled updates gets every running one back with
        each call (``bot/polling.py``); building all of them again for every call cost
        more CPU, under load, than handling the updates."""
        result = await self._post(
            "getUpdates",
            {"offset": offset, "timeout": long_poll_seconds,
             "allowed_updates": allowed_updates},
            read_timeout=read_timeout + long_poll_seconds,
        )
        fresh = [item for item in result if isinstance(item, dict)
                 and not known(int(item.get("update_id", -1)))]
        updates = Update.de_list(fresh, self)
        for update in updates:
            self.insert_callback_data(update)
        return updates

    async def _do_post(
        self,
        endpoint: str,
        data: JSONDict,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> bool | JSONDict | list[JSONDict]:
        unit = current_unit()
        if unit is not None and endpoint in BUFFERED_METHODS:
            payload = encode_call(data)
            if payload is not None:
                unit.outbox.append(OutboxCall(method=endpoint, chat_id=_chat_id_of(data),
                                              payload=payload))
                return placeholder_result(endpoint, data)
        if unit is not None and endpoint in AT_ONCE_METHODS:
            # Sent now, but not awaited inside the update: its transaction (on SQLite the
            # process's one writer) is not held while Telegram answers.
            self._send_soon(endpoint, data)
            return True
        return await super()._do_post(
            endpoint, data, read_timeout=read_timeout, write_timeout=write_timeout,
            connect_timeout=connect_timeout, pool_timeout=pool_timeout)

    def _send_soon(self, endpoint: str, data: JSONDict) -> None:
        async def send() -> None:
            try:
                await super(OutboxBot, self)._do_post(endpoint, data)
            except TelegramError as error:
                log.info("%s failed (%s)", endpoint, type(error).__name__)

        task = contextvars.Context().run(asyncio.ensure_future, send())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def send_kept_call(self, method: str, payload: str) -> Any:
        """Send a call from the outbox now (through the rate limiter)."""
        return await super()._do_post(method, decode_call(payload))


# --------------------------------------------------------------------------- sending


@dataclass(frozen=True, slots=True)
class Kept:
    """One outbox row to send."""

    outbox_id: int
    method: str
    chat_id: int | None
    payload: str
    attempts: int


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    ambiguous: int = 0
    failed: int = 0
    blocked: int = 0
    lost_claims: int = 0
    recovered: int = 0  # rows a sweeper took over from a worker whose lease ran out


@dataclass
class ReplySender:
    """Sends the outbox: right after a commit, and by sweeping what was left behind."""

    services: Services
    bot: OutboxBot
    worker: str
    on_blocked: Callable[[int], None] | None = None
    report: SendReport = field(default_factory=SendReport)
    _sweeping: bool = field(default=False, init=False)
    # Rows sent and waiting to be marked so, with whoever waits for that (see _settle_sent).
    _to_mark: list[tuple[Kept, asyncio.Future[bool]]] = field(default_factory=list, init=False)
    _marking: bool = field(default=False, init=False)

    async def send_committed(self, ids: Sequence[int], calls: Sequence[OutboxCall]) -> None:
        """Send the calls an update just committed (claimed by this worker), in order."""
        kept = [Kept(outbox_id, call.method, call.chat_id, call.payload, 1)
                for outbox_id, call in zip(ids, calls, strict=True)]
        await self._send_in_order(kept)

    async def sweep(self) -> int:
        """Send due calls and calls whose worker's lease ran out; returns how many rows
        were claimed."""
        if self._sweeping:
            return 0
        self._sweeping = True
        try:
            rows = await self._in_thread(self._claim)
            if rows:
                log.info("reply outbox: sending %d replies left for later or left behind",
                         len(rows))
                await self._send_in_order(rows)
            return len(rows)
        finally:
            self._sweeping = False

    def _claim(self) -> list[Kept]:
        now = self.services.now()
        with self.services.transaction() as session:
            # A worker of this machine that exited (killed, crashed, restarted) sends no
            # more: its rows go now, not when their lease runs out.
            dead = [claimant for claimant in repository.outbox_claimants(session=session)
                    if is_dead_worker(claimant)]
            rows = repository.claim_outbox_replies(session=session, now=now, worker=self.worker,
                                                   limit=SWEEP_BATCH, lease=SWEEP_LEASE,
                                                   dead_workers=dead)
            kept = [Kept(row.id or 0, row.method, row.chat_id, row.payload, row.attempts)
                    for row in rows]
        for row, item in zip(rows, kept, strict=True):
            if row.sent_at is None and item.attempts > 1 and row.due_at <= row.created_at:
                # Claimed before and never put back: its worker died after the commit,
                # maybe after sending it.
                self.report.recovered += 1
                log.warning("outbox row %s was left by a worker that stopped; sending it "
                            "(possible duplicate if that worker sent it before it died)",
                            item.outbox_id)
        return kept

    async def _send_in_order(self, items: Sequence[Kept]) -> None:
        # One chat's calls keep their order: once one is put back, the chat's later ones
        # go back too (right behind it), and different chats go concurrently.
        by_chat: dict[int | None, list[Kept]] = {}
        for item in items:
            by_chat.setdefault(item.chat_id, []).append(item)
        await asyncio.gather(*(self._send_chat(chat_items) for chat_items in by_chat.values()))

    async def _send_chat(self, items: list[Kept]) -> None:
        for index, item in enumerate(items):
            try:
                retry_at = await self._send_one(item)
            except Exception as error:  # the database failed: the lease brings it back
                log.error("outbox row %s could not be settled: %s", item.outbox_id,
                          type(error).__name__)
                log.debug("traceback", exc_info=True)
                return
            if retry_at is not None:
                rest = items[index + 1:]
                if rest:
                    await self._in_thread(self._release_all, rest, retry_at)
                return

    async def _send_one(self, item: Kept) -> timedelta | None:
        """Send one row and settle it; a delay when it (and the chat's later rows) must
        wait, else None."""
        if item.attempts > MAX_ATTEMPTS:
            await self._in_thread(self._fail, item)
            self.report.failed += 1
            log.error("outbox row %s (%s) given up after %d attempts", item.outbox_id,
                      item.method, item.attempts - 1)
            return None
        try:
            await self._send_waiting_out_short_floods(item)
        except RetryAfter as flood:
            delay = timedelta(seconds=retry_seconds(flood))
            await self._in_thread(self._release, item, delay)
            self.report.retried += 1
            log.warning("outbox row %s hit flood control; put back for %.0fs",
                        item.outbox_id, delay.total_seconds())
            return delay
        except TimedOut:
            delay = self._backoff(item)
            await self._in_thread(self._release, item, delay)
            self.report.ambiguous += 1
            self.report.retried += 1
            log.warning("outbox row %s (%s) timed out and may have been delivered; retrying "
                        "it (possible duplicate)", item.outbox_id, item.method)
            return delay
        except Forbidden:
            athlete_id = await self._in_thread(self._blocked, item)
            self.report.blocked += 1
            if athlete_id is not None:
                log.info("athlete %s blocked the bot; paused", athlete_id)
                if self.on_blocked is not None:
                    self.on_blocked(athlete_id)
            return None
        except BadRequest as error:
            await self._in_thread(self._fail, item)
            self.report.failed += 1
            # Only the error type: its message may quote the reply.
            log.error("outbox row %s (%s) refused by Telegram (%s); given up",
                      item.outbox_id, item.method, type(error).__name__)
            if item.method.startswith("send") and item.chat_id is not None:
                await self._apologise(item.chat_id)
            return None
        except (NetworkError, TelegramError) as error:
            delay = self._backoff(item)
            await self._in_thread(self._release, item, delay)
            self.report.retried += 1
            log.info("outbox row %s not sent (%s); retrying in %.0fs", item.outbox_id,
                     type(error).__name__, delay.total_seconds())
            return delay
        self.report.sent += 1
        if not await self._settle_sent(item):
            self.report.lost_claims += 1
        return None

    async def _settle_sent(self, item: Kept) -> bool:
        """Mark ``item`` sent, in one transaction with the rows sent meanwhile (False: the
        lease had run out). Each reply's own transaction would take the SQLite writer once
        more per update; when many replies go out at once, one marks them all."""
        waiting: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._to_mark.append((item, waiting))
        if not self._marking:
            self._marking = True
            batch: list[tuple[Kept, asyncio.Future[bool]]] = []
            try:
                while self._to_mark:
                    batch, self._to_mark = self._to_mark, []
                    try:
                        held = await self._in_thread(self._mark_sent_many,
                                                     [kept for kept, _ in batch])
                    except Exception as error:
                        for _, future in batch:
                            if not future.done():
                                future.set_exception(error)
                        continue
                    for (_, future), ok in zip(batch, held, strict=True):
                        if not future.done():
                            future.set_result(ok)
            except BaseException:
                # Cancelled while marking: whoever waits learns the rows were not settled
                # (their leases bring them back).
                for _, future in [*batch, *self._to_mark]:
                    if not future.done():
                        future.set_exception(RuntimeError("not marked sent"))
                self._to_mark = []
                raise
            finally:
                self._marking = False
        return await waiting

    async def _send_waiting_out_short_floods(self, item: Kept) -> None:
        # A short flood-control window is waited out with the claim kept (the athlete is
        # waiting for this reply); each time is logged and counted, nothing is hidden.
        for _ in range(IN_PLACE_FLOOD_RETRIES):
            try:
                await self.bot.send_kept_call(item.method, item.payload)
                return
            except RetryAfter as flood:
                seconds = retry_seconds(flood)
                if seconds > IN_PLACE_FLOOD_SECONDS:
                    raise
                self.report.retried += 1
                log.warning("outbox row %s hit flood control; sending it again in %.0fs",
                            item.outbox_id, seconds)
                await asyncio.sleep(seconds)
        await self.bot.send_kept_call(item.method, item.payload)

    async def _apologise(self, chat_id: int) -> None:
        """A reply Telegram refused for good: the athlete gets the error handler's apology
        rather than silence."""
        from bot.handlers.errors import APOLOGY  # the handlers build on this module

        with contextlib.suppress(TelegramError):
            await self.bot.send_message(chat_id=chat_id, text=APOLOGY)

    @staticmethod
    def _backoff(item: Kept) -> timedelta:
        return min(RETRY_DELAY * max(1, item.attempts), MAX_RETRY_DELAY)

    # ------------------------------------------------------------------ settling
    def _mark_sent_many(self, items: Sequence[Kept]) -> list[bool]:
        now = self.services.now()
        with self.services.transaction() as session:
            marked = repository.mark_outbox_sent_many(
                session=session, outbox_ids=[item.outbox_id for item in items],
                worker=self.worker, now=now)
        held = [item.outbox_id in marked for item in items]
        for item, ok in zip(items, held, strict=True):
            if not ok:
                log.warning("outbox row %s was sent after this worker's lease ran out; "
                            "another worker may have sent it too (possible duplicate)",
                            item.outbox_id)
        return held

    def _release(self, item: Kept, delay: timedelta) -> None:
        with self.services.transaction() as session:
            repository.release_outbox_reply(session=session, outbox_id=item.outbox_id,
                                            worker=self.worker,
                                            retry_at=self.services.now() + delay)

    def _release_all(self, items: Sequence[Kept], delay: timedelta) -> None:
        retry_at = self.services.now() + delay
        with self.services.transaction() as session:
            for item in items:
                repository.release_outbox_reply(session=session, outbox_id=item.outbox_id,
                                                worker=self.worker, retry_at=retry_at)

    def _fail(self, item: Kept) -> None:
        with self.services.transaction() as session:
            repository.fail_outbox_reply(session=session, outbox_id=item.outbox_id)

    def _blocked(self, item: Kept) -> int | None:
        athlete_id: int | None = None
        with self.services.transaction() as session:
            repository.fail_outbox_reply(session=session, outbox_id=item.outbox_id)
            if item.chat_id is not None and item.chat_id > 0:
                athlete = repository.get_athlete_by_telegram_id(
                    session=session, telegram_user_id=item.chat_id)
                if athlete is not None and athlete.id is not None and not athlete.paused:
                    with contextlib.suppress(StorageError):
                        repository.pause_athlete(session=session, athlete_id=athlete.id,
                                                 reason=BLOCKED_REASON, now=self.services.now())
                        athlete_id = athlete.id
        return athlete_id

    async def _in_thread(self, function: Callable[..., T], *args: Any) -> T:
        # run_in_executor (unlike to_thread) does not copy context variables: the work
        # never joins an update's transaction. On SQLite the write gate comes first.
        async with self.services.exclusive():
            return await asyncio.get_running_loop().run_in_executor(None, function, *args)

