"""One send budget: 300 check-ins and 300 replies at once, through an emulator that
enforces Telegram's flood limits (30/s overall, 1/s per chat; a violating send gets 429)
and injects 429s of its own.

The real ``crosstrain run`` process: its check-in outbox and its reply outbox send through
the one rate limiter. Nothing may exceed a limit (the emulator records every violation,
sends inside an announced ``retry_after`` window included), nothing may be lost, every
athlete gets one check-in and one reply, and every 429 is visible: each one is followed by
exactly one log line of the bot saying what it does about it (nothing retried out of
sight).
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from storage.db import Database
from storage.models import Athlete, Dispatch
from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.process import python_module_command

BOT = python_module_command("bot", "run")
COUNT = 300
FIRST_USER = 7_600_000
USERS = [TgUser(id=FIRST_USER + number, first_name=f"Budget{number}") for number in range(COUNT)]


def seed_due_checkins(data_dir: Path) -> None:
    """300 onboarded athletes whose check-in for today is due now (planned rows)."""
    database = Database(f"sqlite:///{data_dir / 'crosstrain.db'}")
    database.migrate()
    now = datetime.now(UTC)
    today = now.date()
    with Session(database.engine) as session:
        athletes = [Athlete(telegram_user_id=user.id, chat_id=user.id, name=user.first_name,
                            timezone="UTC", checkin_time="23:59", onboarded=True,
                            checkin_enabled=True,
                            created_at=now, updated_at=now) for user in USERS]
        session.add_all(athletes)
        session.flush()
        session.add_all([Dispatch(athlete_id=athlete.id or 0, local_date=today,
                                         due_at=now - timedelta(minutes=1), status="due",
                                         created_at=now) for athlete in athletes])
        session.commit()
    database.close()


def sent_counts(emulator: BotApiEmulator) -> tuple[int, int]:
    """Check-ins and /help replies the bot has sent so far, over all the users."""
    texts = [str(stored.message.get("text", "")) for user in USERS
             for stored in emulator.messages.get(user.id, {}).values() if stored.sender == "bot"]
    return (sum("Daily check-in" in text for text in texts),
            sum("/swap" in text for text in texts))


# A restart, not a first start (test_bot_flow has that): the index is not embedded again.
@pytest.mark.usefixtures("prepared_data_dir")
async def test_300_checkins_and_300_replies_at_once_stay_within_telegrams_limits(
    start_bot: StartBot, emulator: BotApiEmulator, emulator_client: EmulatorClient,
    isolated_environment: Path,
) -> None:
    if datetime.now(UTC).time() >= datetime.strptime("23:58", "%H:%M").time():
        await asyncio.sleep(180)  # today's check-ins must not end before they are sent
    seed_due_checkins(isolated_environment)
    await emulator_client.set_limits(enforce=True)
    # Four 429s of the emulator's own (any chat, 1 s), on top of those the limits answer.
    await emulator_client.add_fault("retry_after", methods=["sendMessage"], times=4,
                                    probability=0.01, retry_after=1)
    started = time.monotonic()
    bot = await start_bot(BOT, timeout=90)
    await emulator_client.send_texts([(user, "/help") for user in USERS])

    deadline = time.monotonic() + 120
    # Read in the (in-process) emulator's memory: asking over HTTP chat by chat took 300
    # requests a look, so each look came seconds after the last send.
    while True:
        checkins, replies = sent_counts(emulator)
        if (checkins >= COUNT and replies >= COUNT) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.1)
    elapsed = time.monotonic() - started
    await asyncio.sleep(1.5)  # a late duplicate would show now

    per_user = {user.id: [m.text or "" for m in await emulator_client.messages(user.id)]
                for user in USERS}
    violations = await emulator_client.violations()
    state = await emulator_client.state()
    calls = await emulator_client.calls("sendMessage")
    refused = [call for call in calls if getattr(call, "status", None) == 429]
    output = bot.output()
    span = max(c.time for c in calls) - min(c.time for c in calls)
    handled_429s = (output.count("hit flood control")
                    + output.count("flood control: sends paused"))
    print(f"\n{COUNT} check-ins + {COUNT} replies: done in {elapsed:.1f}s (sends over "
          f"{span:.1f}s), "
          f"{state['sends_counted']} sends counted, {len(violations)} violations, "
          f"{len(refused)} answered 429, {handled_429s} 429s handled visibly")
    assert violations == []
    for user in USERS:
        texts = per_user[user.id]
        assert sum("Daily check-in" in text for text in texts) == 1, texts
        assert sum("/swap" in text for text in texts) == 1, texts
    # Every 429 reached a caller, which said so once; no send was repeated unseen.
    assert len(refused) == handled_429s
    assert len(calls) == 2 * COUNT + len(refused)
