"""One send budget for the whole bot: python-telegram-bot's ``BaseRateLimiter``.

Every Bot API call of the bot (handler replies from the reply outbox, check-ins, the error
handler's apology, callback answers) goes through :class:`SendBudget`, set on the bot by
the composition root (``bot/app.py``), so nothing is limited twice and nothing bypasses
the limit. The limits are Telegram's documented flood limits:

- at most ``rate`` messages per second overall (30 by default): the budget is per worker
  process, so with N workers set ``CROSSTRAIN_TELEGRAM_RATE_LIMIT`` to 30/N;
- one message per second to any one chat;
- at most 20 messages per minute to any one group.

A message is counted from the moment its request starts until one window after its
answer came back (see :class:`SendPacer`), so whatever the network delays no window at
Telegram can hold more than the limit.

A ``RetryAfter`` (HTTP 429) from Telegram pauses every send of this worker for the window
(every call honours it, counted or not) and is then raised to the caller, once: the
limiter never retries out of sight. A message starts only once the one before it was
answered (or has waited :data:`ANSWER_WAIT` for its answer): a 429 is known before the
next message leaves, so no message queued behind it reaches Telegram inside its window.
The caller decides, visibly: the reply outbox and the check-in outbox put the message back
for after the window and log it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import timedelta
from typing import Any, Final

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Calls that put a message in a chat, as Telegram counts them for its flood limits.
COUNTED_METHODS: Final = frozenset({
    "sendMessage", "sendDocument", "sendPhoto", "sendAudio", "sendVoice", "sendVideo",
    "sendAnimation", "sendSticker", "sendLocation", "sendContact", "sendPoll", "sendVenue",
    "sendDice", "sendMediaGroup", "sendVideoNote", "forwardMessage", "copyMessage",
})
GROUP_WINDOW_SECONDS: Final = 60.0
DEFAULT_GROUP_PER_MINUTE: Final = 20
# How long a message waits for the answer to the one before it. One at a time, a 429 is
# known before the next message leaves (several at once, the next could start while the
# 429 is still on its way in); it costs throughput only when a round trip takes longer
# than the spacing the rate allows (1/30 s). A request that takes longer than this is
# most likely stuck (the HTTP timeouts are seconds): the next one does not wait for it.
ANSWER_WAIT: Final = 1.0


def retry_seconds(error: RetryAfter) -> float:
    """The ``retry_after`` of a 429 in seconds (python-telegram-bot gives a timedelta or
    a number, depending on its settings)."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def _chat_key(chat_id: Any) -> int | str | None:
    if chat_id is None:
        return None
    if isinstance(chat_id, int):
        return chat_id
    text = str(chat_id)
    try:
        return int(text)
    except ValueError:
        return text  # "@channelname"


def _is_group(chat: int | str) -> bool:
    # Private chats have positive ids, groups and channels negative ones.
    return isinstance(chat, int) and chat < 0


class SendPacer:
    """Keeps one worker's sends under the flood limits, provably.

    At most ``rate`` sends in any window of one second, started at least ``1/rate`` s
    apart; one send per chat every ``per_chat_interval`` seconds; at most
    ``group_per_minute`` sends per group in any minute. A send is counted from its start
    until one window after its answer: Telegram counts a message when it arrives,
    somewhere in between, so whatever the network delays no window at Telegram holds more
    than the limit. The cost is the round trip: throughput is ``rate / (1 + rtt)``.

    A send starts only when no other is waiting for its answer, or the one waiting has
    waited ``answer_wait`` seconds: a ``retry_after`` is known before the next send leaves.

    :meth:`pause_for` stops every send for a ``retry_after`` window. A ``rate`` of 0 means
    no overall limit (the per-chat spacing, group limit, one-at-a-time and pauses still
    apply).
    """

    def __init__(
        self,
        rate: float,
        *,
        per_chat_interval: float = 1.0,
        group_per_minute: int = DEFAULT_GROUP_PER_MINUTE,
        group_window: float = GROUP_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        margin: float = 0.002,
        answer_wait: float = ANSWER_WAIT,
    ) -> None:
        self.capacity = max(1, int(rate)) if rate > 0 else 0
        # A fractional rate (e.g. 0.5/s) becomes one send per 1/rate seconds.
        self.period = (self.capacity / rate if rate > 0 else 1.0) + margin
        # Starts are spread evenly too: a burst of 30 at once queues at the server, and the
        # last answer of the burst would hold its slot that much longer.
        self.spacing = self.period / self.capacity if self.capacity else 0.0
        self.per_chat_interval = per_chat_interval
        self.group_per_minute = group_per_minute
        self.group_window = group_window
        self.clock = clock
        self.answer_wait = answer_wait
        self._last_start = -1e18
        self._finished: deque[float] = deque()
        self._in_flight = 0
        # When each send still waiting for its answer started.
        self._waiting_since: list[float] = []
        self._chat_busy: set[int | str] = set()
        self._chat_done: dict[int | str, float] = {}
        self._group_done: dict[int | str, deque[float]] = {}
        self._paused_until = 0.0
        self._lock = asyncio.Lock()
        self._changed = asyncio.Event()
        self.sends = 0

    def pause_for(self, seconds: float) -> None:
        """No send starts for ``seconds`` (a RetryAfter window)."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)
        self._changed.set()

    async def wait_out_pause(self) -> None:
        """Return once no RetryAfter window is running."""
        while True:
            delay = self._paused_until - self.clock()
            if delay <= 0:
                return
            await asyncio.sleep(delay)  # the window may grow meanwhile: look again

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: int | str | None) -> AsyncIterator[None]:
        """Hold a send slot for one request to ``chat_id``; released when the block ends."""
        if chat_id is not None:
            await self._wait_for_chat(chat_id)
            self._chat_busy.add(chat_id)
        try:
            async with self._lock:  # first come, first served
                await self._wait_for_capacity()
                self._in_flight += 1
                started = self.clock()
                self._waiting_since.append(started)
        except BaseException:
            if chat_id is not None:
                self._chat_busy.discard(chat_id)
            raise
        self.sends += 1
        try:
            yield
        finally:
            end = self.clock()
            self._in_flight -= 1
            self._waiting_since.remove(started)
            self._finished.append(end)
            if chat_id is not None:
                self._chat_busy.discard(chat_id)
                self._chat_done[chat_id] = end
                if _is_group(chat_id):
                    self._group_done.setdefault(chat_id, deque()).append(end)
                self._forget_old(end)
            self._changed.set()

    def _forget_old(self, now: float) -> None:
        if len(self._chat_done) > 4096:
            horizon = now - self.per_chat_interval
            self._chat_done = {chat: at for chat, at in self._chat_done.items() if at > horizon}
        if len(self._group_done) > 1024:
            horizon = now - self.group_window
            self._group_done = {chat: times for chat, times in self._group_done.items()
                                if times and times[-1] > horizon}

    async def _wait_for_chat(self, chat_id: int | str) -> None:
        while True:
            self._changed.clear()
            now = self.clock()
            if chat_id in self._chat_busy:
                await self._wait_changed(1.0)
                continue
            ready_at = max(self._chat_done.get(chat_id, -1e18) + self.per_chat_interval,
                           self._paused_until)
            times = self._group_done.get(chat_id)
            if times is not None:
                while times and now - times[0] >= self.group_window:
                    times.popleft()
                if len(times) >= self.group_per_minute:
                    ready_at = max(ready_at, times[0] + self.group_window)
            if now >= ready_at:
                return
            await asyncio.sleep(ready_at - now)

    async def _wait_for_capacity(self) -> None:
        while True:
            self._changed.clear()
            now = self.clock()
            if now < self._paused_until:
                await asyncio.sleep(self._paused_until - now)
                continue
            unanswered = [at for at in self._waiting_since if now - at < self.answer_wait]
            if unanswered:  # the answer before may be a 429: wait for it
                await self._wait_changed(min(unanswered) + self.answer_wait - now)
                continue
            while self._finished and now - self._finished[0] >= self.period:
                self._finished.popleft()
            if self.capacity == 0:
                return
            if now < self._last_start + self.spacing:
                await asyncio.sleep(self._last_start + self.spacing - now)
                continue
            if self._in_flight + len(self._finished) < self.capacity:
                self._last_start = now
                return
            if self._finished:
                await asyncio.sleep(self._finished[0] + self.period - now)
            else:  # every counted send is still in flight: wait for one to come back
                await self._wait_changed(1.0)

    async def _wait_changed(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._changed.wait()


class SendBudget(BaseRateLimiter[None]):
    """The bot's one rate limiter (see the module doc)."""

    def __init__(
        self,
        rate: float,
        *,
        per_chat_interval: float = 1.0,
        group_per_minute: int = DEFAULT_GROUP_PER_MINUTE,
        group_window: float = GROUP_WINDOW_SECONDS,
    ) -> None:
        self.rate = rate
        self.pacer = SendPacer(rate, per_chat_interval=per_chat_interval,
                               group_per_minute=group_per_minute, group_window=group_window)
        self.flood_errors = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint in COUNTED_METHODS:
            async with self.pacer.slot(_chat_key(data.get("chat_id"))):
                # The pause starts before the slot is free: the next send sees it.
                return await self._paused_on_flood(callback(*args, **kwargs), endpoint)
        await self.pacer.wait_out_pause()
        return await self._paused_on_flood(callback(*args, **kwargs), endpoint)

    async def _paused_on_flood(
        self, call: Coroutine[Any, Any, bool | JSONDict | list[JSONDict]], endpoint: str
    ) -> bool | JSONDict | list[JSONDict]:
        try:
            return await call
        except RetryAfter as flood:
            seconds = retry_seconds(flood)
            self.flood_errors += 1
            self.pacer.pause_for(seconds)
            log.warning("flood control on %s: every send paused %.0fs; the caller decides "
                        "whether to try again", endpoint, seconds)
            raise
