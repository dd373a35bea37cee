"""No athlete's words in the logs at INFO and above, on the happy paths and the error paths.

The log handler of the shared run captures every record at INFO and above from the
moment the bot is built (onboarding, questions through the LLM, check-ins, the coach
report, the injection and forged-button tests); this module adds the failures and then
checks the whole capture, tracebacks included.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.handlers.errors import APOLOGY
from storage import repository
from tests.security.conftest import CANARY, World

pytestmark = pytest.mark.asyncio(loop_scope="package")

QUESTION = "what can I do instead of running with a sore knee?"


async def test_a_failing_chat_model_is_logged_without_the_prompt(world: World) -> None:
    case = world.cases[30]
    world.model.fail_with_prompt = True
    try:
        step = await world.send(case.user, f"{case.canary('failq')} {QUESTION}", "llm fails")
    finally:
        world.model.fail_with_prompt = False
    assert step.prompts, "the chat model was called"
    assert any("Source" in text for text in step.texts()), "the extractive answer instead"
    assert any(record.name == "coach.answers" and "chat model failed" in record.getMessage()
               for record in world.logs.records)


async def test_a_crashing_handler_is_logged_without_the_message(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = world.cases[31]

    def broken_add_turns(**kwargs: Any) -> None:
        # An exception whose message quotes the athlete, as many real ones do.
        raise RuntimeError(f"cannot store {kwargs.get('turns')!r}")

    monkeypatch.setattr(repository, "add_turns", broken_add_turns)
    errors_before = _errors(world)
    step = await world.send(case.user, f"{case.canary('crash')} {QUESTION}", "crash")
    assert APOLOGY in step.texts()
    assert _errors(world) == errors_before + 1


@pytest.mark.parametrize("kind", ["bad_request", "timed_out", "network_error"])
async def test_telegram_failures_are_logged_without_the_text(world: World, kind: str) -> None:
    case = world.cases[32]
    world.request.fail_chat(case.id, kind, times=1, methods=["sendMessage"],  # type: ignore[arg-type]
                            description=f"can't parse entities near {case.canary(kind)}")
    errors_before = _errors(world)
    step = await world.send(case.user, "/profile", f"telegram {kind}")
    if kind == "bad_request":
        # Refused for good (after the update committed): an error in the reply outbox's
        # log, the apology for the athlete.
        assert _errors(world) == errors_before
        assert any(record.name == "bot.reply_outbox" and record.levelname == "ERROR"
                   for record in world.logs.records)
        assert APOLOGY in step.texts()
    else:
        # The update committed; its reply waits in the reply outbox for a retry, logged.
        assert any(record.name == "bot.reply_outbox" and "outbox row" in record.getMessage()
                   for record in world.logs.records)


async def test_a_blocked_bot_is_logged_without_names(world: World) -> None:
    for case, command in ((world.cases[33], "/profile"), (world.cases[34], "/checkin now")):
        world.request.block_chat(case.id)
        try:
            await world.send(case.user, command, f"blocked {command}")
        finally:
            world.request.block_chat(case.id, blocked=False)
        with world.harness.services.transaction() as session:
            athlete = repository.get_athlete_by_telegram_id(session=session,
                                                            telegram_user_id=case.id)
            assert athlete is not None and athlete.paused
    assert any("blocked the bot" in record.getMessage() for record in world.logs.records)


async def test_bad_input_is_answered_without_logging_it(world: World) -> None:
    case = world.cases[35]
    for text in (f"/plan Funday {case.canary('plan')} 40", f"/settings timezone "
                 f"{case.canary('tz')}", f"/checkin {case.canary('ci')}",
                 f"/settings checkin {case.canary('at')}", "x" * 4001 + case.canary("long")):
        step = await world.send(case.user, text, "bad input")
        assert step.texts() and APOLOGY not in step.texts(), (text, step.texts())


async def test_no_canary_in_any_log_line_at_info_or_above(world: World) -> None:
    lines = world.logs.lines
    # The capture saw the whole run: start-up, the error handler, the LLM fallback.
    assert len(lines) > 50
    # The error handler (a crashing handler) and the reply outbox (a refused reply).
    assert _errors(world) >= 1
    assert any(record.name == "bot.reply_outbox" and record.levelname == "ERROR"
               for record in world.logs.records)
    leaked = [line for line in lines if CANARY.search(line)]
    assert not leaked, f"{len(leaked)} log lines with athlete data, first: {leaked[:3]}"


def _errors(world: World) -> int:
    return sum(1 for record in world.logs.records
               if record.name == "bot.handlers.errors" and record.levelname == "ERROR")
