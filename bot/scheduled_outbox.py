"""The outbox of scheduled sends: daily check-ins, opt-in weekly summaries and coaches'
Monday digests, sent through the database so N workers send each one exactly once.

One table (``dispatch``, a row per person, kind and local day) and one path for every
kind. A pass of :class:`Dispatcher` plans what is coming (idempotent rows: check-ins at
each athlete's time for today and tomorrow, each summary at its subscriber's chosen day and
time, all in the person's own timezone), claims a batch of due rows with a lease (row
locks with SKIP LOCKED on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), sends them
concurrently through the bot (whose one rate limiter, ``bot/rate_limit.py``, paces every
send of the worker: scheduled sends and replies share one budget), and settles each one in
a short transaction of its own:

- sent: the row is marked sent (a check-in also records the day as ``pending``);
- ``Forbidden``: the person blocked the bot, so they are paused and the row skipped;
- ``NetworkError``: not sent, the claim is released for a retry;
- ``TimedOut``: maybe delivered, maybe not; released for a retry too, and logged as a
  possible duplicate (the only way one can happen, besides a worker dying between the
  send and its commit);
- ``RetryAfter``: the limiter paused every send of this worker for the window and raised
  it here, once (it never retries by itself); the row is released for after the window;
- ``BadRequest`` (e.g. the chat is gone): skipped, never retried.

A worker that dies holding claims loses nothing: when the lease runs out another worker
claims the rows again. Rows whose local day is over are skipped, not sent late
(``repository.claim_due_dispatches``), and so are rows nobody wants any more (check-ins
switched off, a summary opted out of, a paused person). What each kind skips besides:

- check-in: rest days, days the athlete already checked in (``/checkin now``, an early
  answer), and a safety hold (no workout prompt until the athlete says they were cleared);
- weekly summary: a safety hold too. Its picture lists the sessions still planned for the
  week, which would read as a prompt to train; ``/week`` still answers when asked;
- coach digest: never for a hold: the coach's roster is their work, and athletes on a hold
  are what it flags first.

A summary is a picture, drawn in a thread when it is sent, and (a coach's) a text after
it. Should the text fail once the picture was delivered, the send counts as sent and is
logged: the picture is never repeated for the sake of its text.

Database work runs in a thread without the caller's context variables, so no update's
transaction leaks in; on SQLite it first takes the services' write gate. Telegram is
never awaited with a transaction open.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, TypeVar

from sqlmodel import Session
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot import charts, keyboards
from bot.rate_limit import retry_seconds
from bot.render import escape
from bot.replies import deliver
from bot.services import BLOCKED_REASON, Services, worker_id
from coach.checkin import checkin_prompt
from coach.planning import PlannedRun
from storage import repository
from storage.models import Athlete
from storage.repository import StorageError
from usecases.replies import Reply
from usecases.week import due_summary_reply, load_due_summary

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_LEASE: Final = timedelta(minutes=2)
DEFAULT_RETRY_DELAY: Final = timedelta(seconds=5)
MAX_RETRY_DELAY: Final = timedelta(minutes=5)
# Check-ins are planned for today and tomorrow and summaries a week ahead, so planning
# seldom is enough; a schedule change asks for a planning at the next pass
# (request_planning).
DEFAULT_PLAN_EVERY: Final = timedelta(minutes=15)
# Sends in flight at once when the rate is not limited (with a limit, rate + 2).
UNLIMITED_CONCURRENCY: Final = 32


LABELS: Final = {"checkin": "check-in", "weekly_summary": "weekly summary",
                 "coach_digest": "coach digest"}


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One claimed send: a check-in with its text, or a summary drawn when it is sent."""

    dispatch_id: int
    athlete_id: int
    kind: str
    chat_id: int
    telegram_user_id: int
    local_date: date
    text: str  # the check-in prompt; empty for a summary
    attempts: int

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)


@dataclass
class DispatchReport:
    """What one pass did."""

    planned: int = 0
    claimed: int = 0
    sent: int = 0
    skipped: int = 0  # rest day, already checked in, a hold, or a permanent error
    blocked: int = 0  # Forbidden: athlete paused
    retried: int = 0  # released for a retry (network error, timeout, flood control)
    ambiguous: int = 0  # timed out: may have been delivered; a retry may duplicate it
    lost_claims: int = 0  # sent after the lease ran out and another worker took it
    seconds: float = 0.0

    def add(self, other: DispatchReport) -> None:
        for name in ("planned", "claimed", "sent", "skipped", "blocked", "retried",
                     "ambiguous", "lost_claims"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Dispatcher:
    """One worker's sender of scheduled sends, every kind. Call :meth:`run_pass` (tests,
    benchmarks) or :meth:`wake` (jobs) — a wake during a pass makes the pass go round once
    more.

    ``rate`` sizes the batches and the sends in flight; the pace itself is the bot's rate
    limiter's (``bot/rate_limit.py``)."""

    services: Services
    bot: Bot
    worker: str = field(default_factory=worker_id)
    rate: float = 30.0
    batch_size: int | None = None
    concurrency: int | None = None
    lease: timedelta = DEFAULT_LEASE
    retry_delay: timedelta = DEFAULT_RETRY_DELAY
    plan_every: timedelta = DEFAULT_PLAN_EVERY
    on_blocked: Callable[[int], None] | None = None
    spawn: Callable[[Coroutine[Any, Any, DispatchReport]], Any] | None = None
    keep_running: Callable[[], bool] = lambda: True
    _running: bool = field(default=False, init=False)
    _again: bool = field(default=False, init=False)
    _last_planned: datetime | None = field(default=None, init=False)
    _plan_requested: bool = field(default=True, init=False)

    def __post_init__(self) -> None:
        if self.batch_size is None:
            # About a second of sending: workers share a burst fairly, leases stay short.
            self.batch_size = max(10, int(self.rate)) if self.rate > 0 else 100
        if self.concurrency is None:
            self.concurrency = max(4, int(self.rate) + 2) if self.rate > 0 \
                else UNLIMITED_CONCURRENCY

    @property
    def running(self) -> bool:
        return self._running

    def request_planning(self) -> None:
        """A schedule changed: plan again at the start of the next pass."""
        self._plan_requested = True

    def wake(self) -> None:
        """Start a pass in the background, or make the running one go round again."""
        if self._running:
            self._again = True
            return
        coroutine = self.run_pass(keep_running=self.keep_running)
        if self.spawn is not None:
            self.spawn(coroutine)
        else:
            asyncio.get_running_loop().create_task(coroutine)

    async def run_pass(self, *, keep_running: Callable[[], bool] | None = None
                       ) -> DispatchReport:
        """Plan, then claim and send until nothing is due (or ``keep_running`` says stop)."""
        report = DispatchReport()
        if self._running:
            self._again = True
            return report
        self._running = True
        started = time.monotonic()
        go_on = keep_running or (lambda: True)
        try:
            while True:
                self._again = False
                await self._plan_if_due(report)
                await self._drain(report, go_on)
                if not (self._again and go_on()):
                    break
        finally:
            self._running = False
            report.seconds = time.monotonic() - started
        if report.claimed or report.planned:
            log.info(
                "scheduled sends (%s): planned %d, claimed %d, sent %d, skipped %d, "
                "blocked %d, retried %d (%d possibly delivered) in %.1fs",
                self.worker, report.planned, report.claimed, report.sent, report.skipped,
                report.blocked, report.retried, report.ambiguous, report.seconds)
        return report

    # ------------------------------------------------------------------ planning
    async def _plan_if_due(self, report: DispatchReport) -> None:
        now = self.services.now()
        stale = self._last_planned is None or now - self._last_planned >= self.plan_every \
            or now < self._last_planned
        if not (stale or self._plan_requested):
            return
        self._plan_requested = False
        report.planned += await self._in_thread(self._plan, now)
        self._last_planned = now

    def _plan(self, now: datetime) -> int:
        with self.services.transaction() as session:
            return repository.plan_dispatches(session=session, now=now)

    # ------------------------------------------------------------------ claim and send
    async def _drain(self, report: DispatchReport, go_on: Callable[[], bool]) -> None:
        assert self.batch_size is not None and self.concurrency is not None
        queue: asyncio.Queue[Outgoing | None] = asyncio.Queue()
        progress = asyncio.Event()
        busy = 0

        async def sender() -> None:
            nonlocal busy
            while (item := await queue.get()) is not None:
                busy += 1
                try:
                    await self._send(item, report)
                except Exception as error:
                    # The claim stays held; when its lease runs out it is sent again. Only
                    # the error type at ERROR: a database error quotes its parameters.
                    log.error("%s %s could not be settled: %s", item.label,
                              item.dispatch_id, type(error).__name__)
                    log.debug("traceback", exc_info=True)
                finally:
                    busy -= 1
                    progress.set()

        senders = [asyncio.create_task(sender()) for _ in range(self.concurrency)]
        try:
            while go_on():
                # Claim only what will be sent soon, so leases never run out in a queue.
                room = self.batch_size - queue.qsize()
                if room < self.batch_size // 2:
                    progress.clear()
                    await progress.wait()
                    continue
                outgoing, claimed, skipped = await self._in_thread(self._claim, room)
                report.claimed += claimed
                report.skipped += skipped
                for item in outgoing:
                    queue.put_nowait(item)
                if claimed == 0:
                    if queue.empty() and busy == 0:
                        break
                    # Sends in flight may be released for a retry: look again after one.
                    progress.clear()
                    await progress.wait()
        finally:
            # Stopping: what is queued goes back to the table for another pass or worker.
            left = [queued for queued in (queue.get_nowait() for _ in range(queue.qsize()))
                    if queued is not None]
            if left:
                await self._in_thread(self._release_all, left)
            for _ in senders:
                queue.put_nowait(None)
            await asyncio.gather(*senders, return_exceptions=True)

    def _claim(self, limit: int) -> tuple[list[Outgoing], int, int]:
        now = self.services.now()
        outgoing: list[Outgoing] = []
        skipped = 0
        with self.services.transaction() as session:
            claimed = repository.claim_due_dispatches(
                session=session, now=now, worker=self.worker, limit=limit, lease=self.lease)
            for dispatch in claimed:
                assert dispatch.id is not None
                athlete = repository.get_athlete(session=session, athlete_id=dispatch.athlete_id)
                text: str | None = ""
                if athlete is not None and dispatch.kind == "checkin":
                    text = checkin_text(session, athlete, dispatch.local_date)
                if athlete is None or text is None:
                    repository.skip_dispatch(session=session, dispatch_id=dispatch.id)
                    skipped += 1
                    continue
                outgoing.append(Outgoing(
                    dispatch_id=dispatch.id, athlete_id=dispatch.athlete_id, kind=dispatch.kind,
                    chat_id=athlete.chat_id, telegram_user_id=athlete.telegram_user_id,
                    local_date=dispatch.local_date, text=text, attempts=dispatch.attempts))
        return outgoing, len(claimed), skipped

    async def _send(self, item: Outgoing, report: DispatchReport) -> None:
        try:
            delivered = await self._deliver(item)
        except Forbidden:
            await self._in_thread(self._settle_blocked, item)
            report.blocked += 1
            if self.on_blocked is not None:
                self.on_blocked(item.athlete_id)
            log.info("athlete %s blocked the bot; paused, %s %s skipped",
                     item.athlete_id, item.label, item.dispatch_id)
        except RetryAfter as flood:
            seconds = retry_seconds(flood)
            await self._retry(item, report, after=timedelta(seconds=seconds))
            log.warning("flood control: sends paused %.0fs; %s %s will be retried",
                        seconds, item.label, item.dispatch_id)
        except TimedOut:
            # The request may have reached Telegram: a retry may show it twice. Better twice
            # than never; logged so a duplicate can always be explained.
            report.ambiguous += 1
            await self._retry(item, report)
            log.warning("%s %s to athlete %s timed out and may have been delivered; "
                        "retrying it (possible duplicate)", item.label, item.dispatch_id,
                        item.athlete_id)
        except NetworkError:
            await self._retry(item, report)
            log.info("%s %s not sent (network error); retrying", item.label,
                     item.dispatch_id)
        except BadRequest as error:
            await self._in_thread(self._settle_skipped, item)
            report.skipped += 1
            log.warning("%s %s to athlete %s refused by Telegram (%s); skipped",
                        item.label, item.dispatch_id, item.athlete_id, type(error).__name__)
        except TelegramError as error:
            await self._retry(item, report)
            log.warning("%s %s failed (%s); retrying", item.label, item.dispatch_id,
                        type(error).__name__)
            log.debug("traceback", exc_info=True)
        else:
            if not delivered:
                await self._in_thread(self._settle_skipped, item)
                report.skipped += 1
                return
            report.sent += 1
            if not await self._in_thread(self._settle_sent, item):
                report.lost_claims += 1

    async def _deliver(self, item: Outgoing) -> bool:
        """Send ``item``; False when there is nothing to send (a summary nobody may get)."""
        if item.kind == "checkin":
            markup = keyboards.checkin(self.services.signer, item.telegram_user_id,
                                       item.local_date)
            await self.bot.send_message(chat_id=item.chat_id, text=escape(item.text),
                                        parse_mode=ParseMode.HTML, reply_markup=markup)
            return True
        reply = await self._compose_summary(item)
        if reply is None:
            return False
        picture = Reply(text="", attachment=reply.attachment)
        for index, part in enumerate((picture, Reply(text=reply.text, buttons=reply.buttons))):
            if index == 0 and part.attachment is None:
                continue
            try:
                await deliver(self.bot, chat_id=item.chat_id, user_id=item.telegram_user_id,
                              signer=self.services.signer, replies=part)
            except TelegramError as error:
                if index == 0 or reply.attachment is None:
                    raise
                log.warning("%s %s: the picture was delivered, its text not (%s); not "
                            "repeated", item.label, item.dispatch_id, type(error).__name__)
                break
        return True

    async def _compose_summary(self, item: Outgoing) -> Reply | None:
        due = await self._in_thread(functools.partial(
            load_due_summary, self.services, athlete_id=item.athlete_id, kind=item.kind,
            local_date=item.local_date))
        if due is None:
            return None
        # Drawing is a fraction of a second of CPU: off the event loop, without the
        # caller's context variables (no database is touched).
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(
            due_summary_reply, due, draw_week=charts.week_chart, draw_roster=charts.roster_chart))

    async def _retry(self, item: Outgoing, report: DispatchReport,
                     after: timedelta | None = None) -> None:
        delay = after if after is not None else min(self.retry_delay * item.attempts,
                                                    MAX_RETRY_DELAY)
        await self._in_thread(self._settle_retry, item, delay)
        report.retried += 1

    # ------------------------------------------------------------------ settling
    def _settle_sent(self, item: Outgoing) -> bool:
        now = self.services.now()
        with self.services.transaction() as session:
            held = repository.mark_dispatch_sent(session=session, dispatch_id=item.dispatch_id,
                                                 worker=self.worker, now=now)
            if held and item.kind == "checkin":
                repository.record_checkin(session=session, athlete_id=item.athlete_id,
                                          day=item.local_date, status="pending", now=now)
        if not held:
            log.warning("%s %s was sent after this worker's claim expired; another "
                        "worker may have sent it too (possible duplicate)", item.label,
                        item.dispatch_id)
        return held

    def _settle_blocked(self, item: Outgoing) -> None:
        with self.services.transaction() as session:
            with contextlib.suppress(StorageError):  # erased meanwhile
                repository.pause_athlete(session=session, athlete_id=item.athlete_id,
                                         reason=BLOCKED_REASON, now=self.services.now())
            repository.skip_dispatch(session=session, dispatch_id=item.dispatch_id)

    def _settle_skipped(self, item: Outgoing) -> None:
        with self.services.transaction() as session:
            repository.skip_dispatch(session=session, dispatch_id=item.dispatch_id)

    def _settle_retry(self, item: Outgoing, delay: timedelta) -> None:
        with self.services.transaction() as session:
            repository.release_dispatch_claim(
                session=session, dispatch_id=item.dispatch_id, worker=self.worker,
                retry_at=self.services.now() + delay)

    def _release_all(self, items: list[Outgoing]) -> None:
        now = self.services.now()
        with self.services.transaction() as session:
            for item in items:
                repository.release_dispatch_claim(session=session, dispatch_id=item.dispatch_id,
                                                 worker=self.worker, retry_at=now)

    async def _in_thread(self, function: Callable[..., T], *args: Any) -> T:
        # On SQLite, wait (without blocking the loop) until no update holds the write lock.
        # run_in_executor (unlike to_thread) does not copy context variables: the work
        # never joins an update's transaction.
        async with self.services.exclusive():
            return await asyncio.get_running_loop().run_in_executor(None, function, *args)


def checkin_text(
    session: Session, athlete: Athlete, day: date, *, even_if_answered: bool = False
) -> str | None:
    """The check-in text for ``day``, or None: a rest day, a safety hold (no workout
    prompt until the athlete says they were checked and cleared), or (unless
    ``even_if_answered``, as for ``/checkin now``) the athlete already checked in that day."""
    assert athlete.id is not None
    if athlete.hold_since is not None:
        return None
    if not even_if_answered and repository.get_checkin(
        session=session, athlete_id=athlete.id, day=day
    ) is not None:
        return None
    plan = repository.get_weekly_plan(session=session, athlete_id=athlete.id)
    planned = next((item for item in plan if item.weekday == day.weekday()), None)
    run = PlannedRun(planned.weekday, planned.kind, planned.minutes) if planned else None
    for change in repository.list_plan_changes(session=session, athlete_id=athlete.id,
                                               since=day, until=day):
        run = PlannedRun(day.weekday(), change.kind, change.minutes)  # for this week only
    return checkin_prompt(planned=run, name=athlete.name, day=day, has_plan=bool(plan))
