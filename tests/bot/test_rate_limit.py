"""The one send budget (bot/rate_limit.py): Telegram's flood limits for every call, a
``retry_after`` honoured by all of them, and a 429 handed to the caller once."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.rate_limit import SendBudget

JSONDict = dict[str, Any]


class Recorder:
    """A stand-in for the HTTP call: records when each request started."""

    def __init__(self, *, fail_first_with: Exception | None = None) -> None:
        self.starts: list[tuple[float, str, Any]] = []
        self.fail_first_with = fail_first_with

    async def __call__(self, endpoint: str, data: JSONDict) -> bool:
        self.starts.append((time.monotonic(), endpoint, data.get("chat_id")))
        await asyncio.sleep(0.01)  # a round trip
        if self.fail_first_with is not None:
            error, self.fail_first_with = self.fail_first_with, None
            raise error
        return True


async def send(budget: SendBudget, recorder: Recorder, endpoint: str, chat_id: Any) -> Any:
    data = {"chat_id": chat_id, "text": "hi"}
    return await budget.process_request(callback=recorder, args=(endpoint, data), kwargs={},
                                        endpoint=endpoint, data=data, rate_limit_args=None)


async def test_no_window_of_a_second_holds_more_than_the_overall_rate() -> None:
    budget, recorder = SendBudget(10), Recorder()
    await asyncio.gather(*(send(budget, recorder, "sendMessage", chat) for chat in range(15)))
    starts = [at for at, _, _ in recorder.starts]
    # Counted until a second after the answer: the 11th starts a second after the 1st ended.
    for first, eleventh in zip(starts, starts[10:], strict=False):
        assert eleventh - first >= 1.0
    assert all(b - a >= 0.09 for a, b in itertools.pairwise(starts))  # spread evenly


async def test_one_chat_gets_one_message_a_second_and_a_group_its_minute_quota() -> None:
    budget = SendBudget(100, per_chat_interval=0.3, group_per_minute=3, group_window=1.0)
    recorder = Recorder()
    await asyncio.gather(*(send(budget, recorder, "sendMessage", 42) for _ in range(3)))
    private = [at for at, _, chat in recorder.starts if chat == 42]
    assert all(b - a >= 0.3 for a, b in itertools.pairwise(private))
    await asyncio.gather(*(send(budget, recorder, "sendMessage", -100) for _ in range(4)))
    group = [at for at, _, chat in recorder.starts if chat == -100]
    assert group[3] - group[0] >= 1.0  # the 4th waits for the window of the 1st


async def test_a_retry_after_reaches_the_caller_once_and_pauses_every_call() -> None:
    budget = SendBudget(100)
    recorder = Recorder(fail_first_with=RetryAfter(1))
    with pytest.raises(RetryAfter):
        await send(budget, recorder, "sendMessage", 1)
    assert len(recorder.starts) == 1  # not retried behind the caller's back
    refused_at = recorder.starts[0][0]
    await send(budget, recorder, "answerCallbackQuery", None)  # not counted, still paused
    await send(budget, recorder, "sendMessage", 2)
    assert all(at - refused_at >= 0.99 for at, _, _ in recorder.starts[1:])
    assert budget.flood_errors == 1


async def test_calls_that_are_not_messages_are_not_paced() -> None:
    budget, recorder = SendBudget(2), Recorder()
    began = time.monotonic()
    await asyncio.gather(*(send(budget, recorder, "answerCallbackQuery", None)
                           for _ in range(10)))
    assert time.monotonic() - began < 0.5


async def test_a_send_queued_behind_a_429_waits_for_its_window() -> None:
    # The race of several sends at once: the second starts while the first one's 429 is
    # still on its way back, and reaches Telegram inside the window. One at a time, it
    # starts only after the answer, so the window is known first.
    budget = SendBudget(1000, per_chat_interval=0)
    answered: list[float] = []

    async def slow_refusal(endpoint: str, data: JSONDict) -> bool:
        started = time.monotonic()
        if not answered:
            await asyncio.sleep(0.05)  # longer than the rate's spacing (1 ms)
            answered.append(time.monotonic())
            raise RetryAfter(1)
        recorder.starts.append((started, endpoint, data.get("chat_id")))
        return True

    recorder = Recorder()
    first = asyncio.create_task(send(budget, slow_refusal, "sendMessage", 1))  # type: ignore[arg-type]
    await asyncio.sleep(0.005)
    second = send(budget, slow_refusal, "sendMessage", 2)  # type: ignore[arg-type]
    outcomes = await asyncio.gather(first, second, return_exceptions=True)

    assert isinstance(outcomes[0], RetryAfter) and outcomes[1] is True
    assert recorder.starts[0][0] - answered[0] >= 0.99  # after the window, not inside it


async def test_a_send_that_gets_no_answer_holds_the_next_one_only_so_long() -> None:
    from bot.rate_limit import SendPacer

    pacer = SendPacer(1000, per_chat_interval=0, answer_wait=0.2)
    began = time.monotonic()
    async with pacer.slot(1), pacer.slot(2):  # the first is still waiting for its answer
        waited = time.monotonic() - began
    assert 0.19 <= waited < 1.0
