"""The services a running bot needs, created once in ``post_init`` and closed at shutdown.

Nothing here imports ``telegram``: the same services back the Telegram bot and the
terminal chat.

One unit of work per update: :meth:`Services.update_unit` opens the update's transaction
and records its id first; while it is open, :meth:`Services.transaction` blocks inside
that update join it (each as a savepoint, so a handler that catches an error from one
block still loses only that block). The update's changes and its processed-update row
commit together when the update is done, or roll back together.

SQLite has one writer, and every transaction there starts with ``BEGIN IMMEDIATE``. An
update's transaction stays open while the handler awaits Telegram, so a second writer on
the same event loop would block the loop (the sqlite3 call is synchronous) until the busy
timeout, and the holder could never resume to commit. On SQLite every unit therefore
takes :meth:`Services.exclusive` first: one writer per process at a time, taken without
blocking the loop. Code that writes outside an update from async code (jobs) takes it too;
:meth:`Services.atransaction` does both.

Waiting on the database never blocks the event loop for long: the unit's first statement
(the processed-update insert, which is where a redelivered update waits for the
transaction of the worker that has it) and its commit run in a thread, and on PostgreSQL
every statement of a unit waits at most :data:`UPDATE_LOCK_TIMEOUT` for a row lock. An
update whose id or rows are held by another transaction (a worker that hangs, or is
handling the same update right now) is *not handled*: :class:`UpdateBusy` is raised, the
unit rolls back, nobody gets an apology, and the caller must not acknowledge the update
(the webhook answers 503, polling does not confirm it), so Telegram delivers it again.

Replies made inside a unit are kept in :attr:`UpdateUnit.outbox` (``bot/reply_outbox.py``)
and written in the unit's transaction just before it commits.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import json
import logging
import os
import pickle
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from bot.callback_data import CallbackSigner
from coach.answers import Answerer, Retrieval, Retriever, clip_question
from coach.triage import TriageResult, triage
from coach.triage import warm_up as warm_up_triage
from config.settings import Settings
from knowledge.index_copy import IndexCopy
from storage import repository
from storage.db import Database
from storage.repository import OutboxCall

log = logging.getLogger(__name__)

# How long a statement inside an update may wait for a row lock on PostgreSQL. The driver
# is synchronous, so a wait inside a handler blocks the event loop; a lock held by a unit
# that is itself waiting for the loop would otherwise never be released. Past it, the
# update is not handled (UpdateBusy) and Telegram delivers it again.
POSTGRES_LOCK_TIMEOUT = "500ms"
# SQLSTATEs that mean "someone else holds it, try again later": lock_not_available,
# serialization_failure, deadlock_detected.
_BUSY_SQLSTATES = frozenset({"55P03", "40001", "40P01"})
# How long the committing worker may take to send its replies before sweepers take over.
OUTBOX_LEASE = timedelta(seconds=30)


class UpdateBusy(RuntimeError):
    """The update (its id, or a row it needs) is held by another transaction: it was not
    handled, nothing was written or sent, and it must not be acknowledged."""


def is_busy_error(error: BaseException) -> bool:
    """Whether ``error`` means another transaction holds what the update needs."""
    if isinstance(error, UpdateBusy):
        return True
    if isinstance(error, DBAPIError):
        original = error.orig
        if getattr(original, "sqlstate", None) in _BUSY_SQLSTATES:
            return True
        if isinstance(original, sqlite3.OperationalError):
            return "locked" in str(original) or "busy" in str(original)
    return False


def _pid_namespace() -> str:
    """This process's PID namespace (Linux), so that a pid is only compared within it."""
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return ""


def worker_id() -> str:
    """This process as a claim owner: ``host:pid:pid-namespace`` (at most 64 characters)."""
    return f"{socket.gethostname()}:{os.getpid()}:{_pid_namespace()}"[-64:]


def is_dead_worker(claimant: str) -> bool:
    """Whether ``claimant`` (a :func:`worker_id`) is a process of this host and PID
    namespace that has exited: its claims can be taken over at once rather than when their
    lease runs out. Anything else (another host or container, an unreadable id, a process
    that may be running) is not known to be dead."""
    parts = claimant.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2]:
        return False
    host, pid, namespace = parts[0], int(parts[1]), parts[2]
    if host != socket.gethostname() or namespace != _pid_namespace() or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


@dataclass(eq=False)
class UpdateUnit:
    """The open transaction of one update (see the module doc)."""

    update_id: int
    session: Session
    thread_id: int = field(default_factory=threading.get_ident)
    duplicate: bool = False
    is_open: bool = True
    # Set when a statement found its rows held by another transaction (see UpdateBusy).
    busy: bool = False
    # Bot API calls kept for after the commit (bot/reply_outbox.py), and their row ids.
    outbox: list[OutboxCall] = field(default_factory=list)
    outbox_ids: list[int] = field(default_factory=list)
    # The chat model's replies, by prompt, obtained outside the unit (see AnswerLater),
    # and whether a call not among them may still be deferred.
    model_replies: dict[str, object] = field(default_factory=dict)
    may_defer: bool = False

    def rollback(self) -> None:
        """Undo everything the update wrote, its processed-update row too, and close."""
        if self.is_open:
            self.is_open = False
            self.outbox.clear()
            try:
                self.session.rollback()
            finally:
                self.session.close()

    def commit(self) -> None:
        if self.is_open:
            self.is_open = False
            try:
                self.session.commit()
            finally:
                self.session.close()


# The unit of the update being handled; tasks started while it is open inherit it.
_current_unit: ContextVar[UpdateUnit | None] = ContextVar("crosstrain_update_unit", default=None)
# Which hold of the write gate this context belongs to (a token), for re-entry.
_gate_hold: ContextVar[object | None] = ContextVar("crosstrain_gate_hold", default=None)


def current_unit() -> UpdateUnit | None:
    """The open unit a transaction here would join, or None.

    Only on the thread that opened it: a session is not shared across threads. Tasks
    started by the update join it, which is safe because no ``with transaction()`` block
    awaits anything, so blocks never interleave.
    """
    unit = _current_unit.get()
    if unit is None or not unit.is_open or unit.thread_id != threading.get_ident():
        return None
    return unit


def _limit_lock_waits(session: Session) -> None:
    session.connection().exec_driver_sql(f"SET LOCAL lock_timeout = '{POSTGRES_LOCK_TIMEOUT}'")


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class ReadAheadRetriever:
    """The answerer's retriever, whose work for a message can be done before its update's
    unit of work opens (see :meth:`Services.read_ahead`).

    A retrieval read ahead is kept until the answer takes it, once; the ``keep`` newest
    ones are kept (messages that were no question leave theirs behind). The answer takes
    its retrieval moments after it was made, in the same update.
    """

    def __init__(self, inner: Retriever, *, keep: int = 64) -> None:
        self.inner = inner
        self.keep = keep
        self._ready: OrderedDict[tuple[str, int], Retrieval] = OrderedDict()
        self._lock = threading.Lock()

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        with self._lock:
            ready = self._ready.pop((question, limit), None)
        if ready is not None:
            return ready
        return self.inner.retrieve(question, limit=limit)

    def embedding_jobs(self, text: str) -> list[Callable[[], object]]:
        """What :meth:`read_ahead` of ``text`` embeds, as calls to make before it (in
        another thread, say): they leave the vectors in the model's cache, and the
        retrieval finds them there. Empty when the retriever cannot say.

        One call for all the texts: the model reads its ~42 MB of weights once per call,
        so two texts in one batch cost ~10% less than one after the other, with the same
        vectors (each text is padded, and padding is masked)."""
        texts_of = getattr(self.inner, "query_texts", None)
        embed_array = getattr(getattr(self.inner, "embeddings", None), "embed_array", None)
        if not callable(texts_of) or not callable(embed_array):
            return []
        return [functools.partial(embed_array, list(texts_of(clip_question(text))))]

    def read_ahead(self, text: str, *, limit: int) -> None:
        """Retrieve for ``text`` as the answerer would ask (synchronous: call it in a
        thread) and keep the result for it."""
        question = clip_question(text)
        retrieval = self.inner.retrieve(question, limit=limit)
        with self._lock:
            self._ready[(question, limit)] = retrieval
            while len(self._ready) > self.keep:
                self._ready.popitem(last=False)

    def topics(self) -> list[str]:
        return self.inner.topics()

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


class AnswerLater(BaseException):
    """Raised inside an update's unit of work in place of a chat model call: the unit
    rolls back, the model is asked outside any transaction (:meth:`Services.ask_model`),
    and the update runs again, finding the reply (``bot/update_processing.py``).

    A BaseException, so the handlers' and python-telegram-bot's ``except Exception``
    let it through to the unit, as they would a cancellation."""

    def __init__(self, prompt: str) -> None:
        super().__init__("the chat model is asked outside the update's unit of work")
        self.prompt = prompt


class UnitAwareChatModel:
    """The answerer's chat model, never called inside an update's unit of work.

    An LLM call takes seconds (up to the timeout); inside the unit it would keep the
    update's transaction open that long, and on SQLite the process's one writer, so
    every other athlete would wait. Inside a unit that may defer, a call answers with the
    reply obtained for the same prompt outside it (or raises its error again), else
    raises :class:`AnswerLater`. Anywhere else it is the model itself.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def ainvoke(self, prompt: str, *args: Any, **kwargs: Any) -> Any:
        unit = current_unit()
        if unit is None or not isinstance(prompt, str):
            return await self.inner.ainvoke(prompt, *args, **kwargs)
        if prompt in unit.model_replies:
            outcome = unit.model_replies[prompt]
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome
        if not unit.may_defer:
            return await self.inner.ainvoke(prompt, *args, **kwargs)
        raise AnswerLater(prompt)

    def invoke(self, prompt: Any, *args: Any, **kwargs: Any) -> Any:
        return self.inner.invoke(prompt, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _embed_then_retrieve(jobs: list[Callable[[], object]], screening: Future[TriageResult],
                         retriever: ReadAheadRetriever, text: str, limit: int) -> bool:
    """Embed the retrieval's texts, then retrieve on the same model thread when triage has
    already said the message needs no referral (it usually ends first: it is the shorter
    job). True when the retrieval was made; else the caller retrieves once triage ends,
    or not at all for a referral. One thread hop less per question than embedding and
    retrieving apart (each hop wakes a thread and hands over the GIL: ~0.3-1 ms on the
    busy 2-core target)."""
    for job in jobs:
        job()
    if not screening.done() or screening.cancelled() or screening.exception() is not None:
        return False
    screened = screening.result()
    if screened.flags and screened.referral:
        return False
    retriever.read_ahead(text, limit=limit)
    return True


# Longer messages get a friendly refusal (usecases/messages.py), no reading.
READ_AHEAD_MAX_CHARS = 4000
# Threads that read messages with the models: a message's retrieval texts are embedded on
# one while triage reads it (with the other model) on the other; one per core of the
# 2-core target. Also the most model calls that run at once in a worker while reading
# ahead, so a burst of messages does not hold a set of model buffers per update.
MODEL_THREADS = 2
# A worker with no update open gives freed heap back to the system (glibc keeps it for
# reuse otherwise; a burst of updates leaves tens of MB), at most this often (seconds).
RELEASE_MEMORY_EVERY = 1.0


# Why an athlete is paused when Telegram says they blocked the bot.
BLOCKED_REASON = "blocked the bot"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    database: Database
    answerer: Answerer
    signer: CallbackSigner
    clock: Callable[[], datetime] = field(default=_utcnow)
    worker: str = field(default_factory=worker_id)
    _gate: asyncio.Lock | None = field(default=None, init=False, repr=False)
    _gate_token: object | None = field(default=None, init=False, repr=False)
    _open_units: int = field(default=0, init=False, repr=False)
    _memory_released_at: float = field(default=0.0, init=False, repr=False)
    _model_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=MODEL_THREADS,
                                                   thread_name_prefix="model"),
        init=False, repr=False)

    def __post_init__(self) -> None:
        retriever = getattr(self.answerer, "retriever", None)
        if retriever is not None and not isinstance(retriever, ReadAheadRetriever):
            self.answerer.retriever = ReadAheadRetriever(retriever)
        model = getattr(self.answerer, "chat_model", None)
        if model is not None and not isinstance(model, UnitAwareChatModel):
            cast(Any, self.answerer).chat_model = UnitAwareChatModel(model)

    async def ask_model(self, prompt: str) -> object:
        """The chat model's reply to ``prompt``, or the error it failed with (a timeout
        after the answerer's ``llm_timeout_seconds``), asked outside any unit of work."""
        model = getattr(self.answerer, "chat_model", None)
        inner = model.inner if isinstance(model, UnitAwareChatModel) else model
        if inner is None:
            return RuntimeError("no chat model")
        timeout = float(getattr(self.answerer, "llm_timeout_seconds", 20.0))
        try:
            return await asyncio.wait_for(inner.ainvoke(prompt), timeout=timeout)
        except Exception as error:  # the answerer decides what a failure means
            return error

    async def read_ahead(self, text: str) -> None:
        """The slow and pure part of reading a message, done on the model threads before its
        update's unit of work opens: red-flag triage (remembered per text by
        ``coach.triage``), then, unless it flags a referral, the articles' retrieval for
        it as a question (kept by :class:`ReadAheadRetriever`). Both embed text with the
        model; inside the unit, which on SQLite holds the process's one writer, they
        would keep every other update waiting. The unit then reads the message as before
        and finds them done; a message that is no question leaves its retrieval unused.
        The retrieval's texts (the question, and the question read with the lexicon) are
        embedded on the model threads while triage reads the message (it uses another
        model); the retrieval then runs on the same thread, right after, when triage has
        ended by then without a referral (else once it ends, as one more step)."""
        text = text.strip()
        if not text or len(text) > READ_AHEAD_MAX_CHARS:
            return
        # Every step on the model threads, awaited: no other thread blocks waiting for
        # them (the default executor's few threads stay free for the units' database work).
        retriever = getattr(self.answerer, "retriever", None)
        limit = int(getattr(self.answerer, "passages_for_llm", 3))
        # Triage first: the pool takes jobs in order, so when the embedding job looks at
        # triage's future, triage has started (or ended) on a model thread.
        embedding: Future[bool] | None = None
        try:
            screening = self._model_pool.submit(triage, text)
            if isinstance(retriever, ReadAheadRetriever):
                jobs = retriever.embedding_jobs(text)
                if jobs:
                    embedding = self._model_pool.submit(
                        _embed_then_retrieve, jobs, screening, retriever, text, limit)
            screened = await asyncio.wrap_future(screening)
            if screened.flags and screened.referral:
                return  # the referral is the reply: no question to answer
            retrieved = await asyncio.wrap_future(embedding) if embedding else False
            if isinstance(retriever, ReadAheadRetriever) and not retrieved:
                await asyncio.get_running_loop().run_in_executor(
                    self._model_pool, functools.partial(retriever.read_ahead, text,
                                                        limit=limit))
        except Exception:  # only a head start: the unit reads the message again anyway
            log.debug("reading ahead failed", exc_info=True)
        finally:
            if embedding is not None:
                embedding.cancel()  # a referral needs no retrieval: drop what has not started

    @property
    def single_writer(self) -> bool:
        """SQLite: one writer per process at a time (see the module doc)."""
        return self.database.dialect == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed at the end of the block, rolled back on error.

        Inside an update it joins the update's transaction as a savepoint: the block's
        changes commit with the update, and an error in the block undoes only the block
        (and, unless the handler catches it, the whole update). Never ``await`` inside
        the block.
        """
        unit = current_unit()
        if unit is not None:
            with unit.session.begin_nested():
                yield unit.session
            return
        with self.database.transaction() as session:
            if self._open_units and not self.single_writer and _in_event_loop():
                # A unit of this process may hold a row lock while awaiting the loop we
                # are about to block: wait for it only so long (see POSTGRES_LOCK_TIMEOUT).
                _limit_lock_waits(session)
            yield session

    @asynccontextmanager
    async def exclusive(self) -> AsyncIterator[None]:
        """On SQLite, be the process's only writer until the block ends (awaited, so the
        event loop stays free); elsewhere a no-op. Re-entrant for the holder and the tasks
        it starts."""
        if not self.single_writer:
            yield
            return
        if self._gate_token is not None and _gate_hold.get() is self._gate_token:
            yield
            return
        if self._gate is None:
            self._gate = asyncio.Lock()
        async with self._gate:
            token = self._gate_token = object()
            reset = _gate_hold.set(token)
            try:
                yield
            finally:
                _gate_hold.reset(reset)
                self._gate_token = None

    @asynccontextmanager
    async def atransaction(self) -> AsyncIterator[Session]:
        """:meth:`transaction` for async code outside an update (jobs): takes the SQLite
        write gate first, so it never blocks the event loop on an update's open write."""
        async with self.exclusive():
            with self.transaction() as session:
                yield session

    @asynccontextmanager
    async def update_unit(self, update_id: int, *,
                          model_replies: dict[str, object] | None = None,
                          may_defer: bool = False) -> AsyncIterator[UpdateUnit]:
        """The transaction of update ``update_id``, its id recorded first.

        ``unit.duplicate`` is True when the id was already processed: then nothing was
        written and the caller must do nothing. Raises :class:`UpdateBusy` when another
        transaction holds the id. Committed when the block ends (with the calls kept in
        ``unit.outbox``, whose row ids are then in ``unit.outbox_ids``) unless
        :meth:`UpdateUnit.rollback` was called; rolled back if it raises.

        With ``may_defer``, a chat model call inside raises :class:`AnswerLater` unless
        its prompt is in ``model_replies`` (see :class:`UnitAwareChatModel`).
        """
        loop = asyncio.get_running_loop()
        async with self.exclusive():
            session = self.database.session()
            unit = UpdateUnit(update_id=update_id, session=session,
                              model_replies=dict(model_replies or {}), may_defer=may_defer)
            self._open_units += 1
            reset = _current_unit.set(unit)
            try:
                # In a thread (run_in_executor copies no context): the insert is where a
                # redelivered update waits for the transaction that has it.
                first_time = await loop.run_in_executor(None, self._claim_update, session,
                                                        update_id)
                if not first_time:
                    unit.duplicate = True
                    unit.rollback()
                yield unit
                if unit.is_open:
                    await loop.run_in_executor(None, self._commit_unit, unit)
            except BaseException as error:
                unit.rollback()
                if is_busy_error(error) and not isinstance(error, UpdateBusy):
                    raise UpdateBusy(f"update {update_id} is held by another transaction"
                                     ) from error
                raise
            finally:
                _current_unit.reset(reset)
                self._open_units -= 1
                if self._open_units == 0:
                    self._release_memory_when_idle(loop)

    def _release_memory_when_idle(self, loop: asyncio.AbstractEventLoop) -> None:
        from knowledge.embeddings import release_freed_memory

        now = time.monotonic()
        if now - self._memory_released_at >= RELEASE_MEMORY_EVERY:
            self._memory_released_at = now
            # In a thread: it takes a fraction of a millisecond, more on a fragmented heap.
            loop.run_in_executor(None, release_freed_memory)

    def _claim_update(self, session: Session, update_id: int) -> bool:
        if not self.single_writer:
            _limit_lock_waits(session)
        return repository.mark_update_processed(session=session, update_id=update_id,
                                                now=self.now())

    def _commit_unit(self, unit: UpdateUnit) -> None:
        if unit.outbox:
            unit.outbox_ids = repository.add_outbox_replies(
                session=unit.session, update_id=unit.update_id, calls=unit.outbox,
                worker=self.worker, lease=OUTBOX_LEASE, now=self.now())
        unit.commit()

    def now(self) -> datetime:
        return self.clock()

    def is_coach(self, telegram_user_id: int) -> bool:
        return telegram_user_id in self.settings.coach_ids

    def close(self) -> None:
        self._model_pool.shutdown(wait=False, cancel_futures=True)
        self.answerer.close()
        self.database.close()
        store = sys.modules.get("knowledge.store")  # not imported by a worker (no client)
        if store is not None:
            store.close_clients()


def _prepare_in_this_process() -> None:
    """The child's side of :func:`prepare_apart`: settings and what to do in (pickled, on
    stdin), the index's summary out (stdout)."""
    settings, migrate, copy_to = pickle.loads(sys.stdin.buffer.read())
    if migrate:
        database = Database(settings.sqlalchemy_url)
        try:
            database.migrate()
        finally:
            database.close()
    from knowledge.ingest import ensure_index

    summary = ensure_index(settings).summary()
    if copy_to is not None:
        from bot.prepared_index import project_sources
        from knowledge.index_copy import copy_index

        copy_index(settings).save(copy_to)
        # What the copy was made by, for the parent's stamp (bot/prepared_index.py).
        sources_path(copy_to).write_text(json.dumps(project_sources()))
    print(summary)


def sources_path(copy_to: Path) -> Path:
    """Where the child lists the source files it ran, beside the copy it wrote."""
    return copy_to.with_name(copy_to.name + ".sources.json")


def prepare_apart(settings: Settings, *, migrate: bool = False,
                  copy_to: Path | None = None) -> str:
    """In a child process: migrate the database (``migrate``), build or refresh the
    knowledge index, and write a copy of it to ``copy_to`` (knowledge/index_copy.py).
    Returns the index's summary.

    What the child does stays out of the worker's memory for good: embedding the
    articles (a fresh data directory, changed articles) needs ~100 MB of buffers beyond the
    model, and glibc keeps most freed heap; Alembic (~10 MB resident), Chroma's client
    (~30 MB) and the article splitter (~9 MB) are never imported by the worker, which
    searches the copy. A plain child process (not multiprocessing, which would run the
    main script of whoever called us again).
    """
    done = subprocess.run(
        [sys.executable, "-c", "from bot.services import _prepare_in_this_process as p; p()"],
        input=pickle.dumps((settings, migrate, copy_to)), capture_output=True, check=False,
        # The child imports what this process imports (the same checkout, not another).
        env={**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)})
    if done.returncode != 0:
        raise RuntimeError("preparing the database and the knowledge index failed:\n"
                           + done.stderr.decode(errors="replace")[-2000:])
    return done.stdout.decode().strip().rpartition("\n")[2]


def refresh_index_apart(settings: Settings) -> str:
    """Build or refresh the knowledge index in a child process; its summary."""
    return prepare_apart(settings)


def _prepared_index(settings: Settings, database: Database) -> IndexCopy:
    """The worker's copy of the index, its database migrated: the last start's copy when
    nothing it depends on changed (bot/prepared_index.py), else prepared by a child
    process (see prepare_apart)."""
    from bot.prepared_index import PreparedIndex

    kept = PreparedIndex(settings)
    index = kept.load_if_current(database)
    if index is not None:
        log.info("knowledge index: unchanged since the last start (%d entries)", index.count())
        return index
    # An in-memory database only this process can see is migrated here, not by the child.
    migrate = not database.in_memory
    if kept.applies and migrate:
        inputs = kept.inputs()
        kept.forget()
        copy_to = kept.copy_path.with_name(f"{kept.copy_path.name}.{os.getpid()}.tmp")
        try:
            summary = prepare_apart(settings, migrate=True, copy_to=copy_to)
            code = json.loads(sources_path(copy_to).read_text())
            os.replace(copy_to, kept.copy_path)
        finally:
            copy_to.unlink(missing_ok=True)
            sources_path(copy_to).unlink(missing_ok=True)
        kept.record(inputs, code, database)
        index = IndexCopy.load(kept.copy_path)
    else:
        with tempfile.TemporaryDirectory(prefix="crosstrain-index-") as folder:
            copy_to = Path(folder) / "index.npz"
            summary = prepare_apart(settings, migrate=migrate, copy_to=copy_to)
            index = IndexCopy.load(copy_to)
    log.info("knowledge index: %s", summary)
    return index


def build_services(settings: Settings, *, answerer: Answerer | None = None) -> Services:
    """Open the database (migrated), the knowledge index (refreshed) and the answerer."""
    from knowledge.embeddings import vectors_kept_in
    from knowledge.graph_child import keep_graphs_in

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.sqlalchemy_url)
    index: IndexCopy | None = None
    # The models' rewritten graphs, and the vectors of the texts embedded while starting,
    # are kept in the data directory for the next start (knowledge/graph_child.py,
    # knowledge/embeddings.py); only for the loads of this start.
    keep_graphs_in(settings.data_dir / "models")
    try:
        with vectors_kept_in(settings.data_dir / "models" / "start-vectors.npz"):
            # Red-flag triage reads every message with the embedding model: load it while the
            # bot starts, so the first message after a restart is not slowed. In a thread,
            # beside the child that prepares the index (another process: both cores work).
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="warm-up") as warming:
                warmed = warming.submit(warm_up_triage)
                if answerer is None:
                    index = _prepared_index(settings, database)
                warmed.result()
            if answerer is not None or database.in_memory:
                database.migrate()
            if answerer is None:
                from knowledge.service import build_answerer

                answerer = build_answerer(settings, index=index)
    finally:
        keep_graphs_in(None)
    # Start-up garbage (migrations, index checks, model loading) goes back to the system
    # instead of staying in the worker's heap for good.
    gc.collect()
    from knowledge.embeddings import release_freed_memory

    release_freed_memory()
    signer = CallbackSigner.from_token(settings.telegram_bot_token or "terminal-chat")
    log.info(
        "services ready (database: %s, llm: %s)",
        database.dialect,
        "configured" if settings.llm else "none",
    )
    return Services(settings=settings, database=database, answerer=answerer, signer=signer)
