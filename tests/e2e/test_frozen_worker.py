"""Two real workers on PostgreSQL; one freezes (SIGSTOP) in the middle of an update, or is
killed (SIGKILL) at random points, while the emulator delivers and redelivers.

Whatever happens: every update is applied once (one substitution per ``/swap``, every
update id recorded), none is lost, and no athlete gets a reply twice (a duplicate is only
allowed where a worker logged a possible duplicate: a send whose outcome it could not
know). Webhook mode and polling mode.

How a worker is caught in the middle of an update: each worker's database connections
carry its name (``application_name``), and PostgreSQL shows which of them holds a
transaction that wrote something (``backend_xid``); the test stops the worker then, and
checks it is still in there.
"""

# Test waits take a plain `timeout` deadline by design (the API the tests read best).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.process import ManagedProcess, python_module_command, wait_until_serving
from tests.e2e.test_webhook import SECRET, free_port

BOT = python_module_command("bot", "run")
USERS = [TgUser(id=7401 + number, first_name=f"Frozen{number}") for number in range(6)]
SWAPS_EACH = 5
# The reply outbox lease (bot.services.OUTBOX_LEASE) plus a sweep: replies a stopped
# worker committed but did not send are sent by the other worker within this.
RECOVERY_SECONDS = 60.0


def with_app_name(url: str, name: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}application_name={name}"


@dataclass
class Stream:
    """What the test sent."""

    swaps: Counter[int] = field(default_factory=Counter)  # Telegram user id -> /swap sent
    update_ids: set[int] = field(default_factory=set)

    async def send(self, client: EmulatorClient, user: TgUser, minutes: int) -> None:
        update = await client.send_command(user, "swap", f"{minutes} min tempo, no time")
        self.update_ids.add(int(update["update_id"]))
        self.swaps[user.id] += 1

    async def send_all(self, client: EmulatorClient, *, pause: float = 0.05) -> None:
        for round_number in range(SWAPS_EACH):
            for user in USERS:
                await self.send(client, user, 30 + round_number)
                await asyncio.sleep(pause)


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1)
                           if pg_url.startswith("postgresql://") else pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def chroma_server(module_chroma_server: int) -> int:
    """One Chroma server for the module: only the first test's first worker indexes the
    articles (what is checked here is the database and the replies, not the index)."""
    return module_chroma_server


def holds_a_write(engine: Engine, app_name: str) -> bool:
    with engine.connect() as connection:
        return bool(connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
            "AND backend_xid IS NOT NULL"), {"name": app_name}).scalar())


async def freeze_mid_update(worker: ManagedProcess, engine: Engine, app_name: str, *,
                            timeout: float = 60.0) -> None:
    """SIGSTOP ``worker`` while it holds an update's open transaction (retrying until the
    stop lands inside one)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await asyncio.to_thread(holds_a_write, engine, app_name):
            worker.send_signal(signal.SIGSTOP)
            await asyncio.sleep(0.3)
            if await asyncio.to_thread(holds_a_write, engine, app_name):
                return
            worker.send_signal(signal.SIGCONT)
        await asyncio.sleep(0.002)
    raise TimeoutError(f"{app_name} was never caught inside an update")


def database_state(engine: Engine) -> tuple[set[int], Counter[int]]:
    with engine.connect() as connection:
        processed = {int(row[0]) for row in connection.execute(
            text("SELECT update_id FROM processed_update"))}
        swaps = Counter({int(row[0]): int(row[1]) for row in connection.execute(text(
            "SELECT a.telegram_user_id, count(*) FROM substitution s "
            "JOIN athlete a ON a.id = s.athlete_id GROUP BY a.telegram_user_id"))})
    return processed, swaps


async def replies_per_user(client: EmulatorClient) -> Counter[int]:
    counts: Counter[int] = Counter()
    for user in USERS:
        counts[user.id] = len(await client.messages(user.id))
    return counts


async def settle(client: EmulatorClient, engine: Engine, stream: Stream, *,
                 timeout: float = RECOVERY_SECONDS) -> tuple[set[int], Counter[int],
                                                             Counter[int]]:
    """Wait until every update was applied and every reply arrived (or time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        processed, swaps = await asyncio.to_thread(database_state, engine)
        replies = await replies_per_user(client)
        complete = stream.update_ids <= processed and all(
            replies[user.id] >= stream.swaps[user.id] for user in USERS)
        if complete or time.monotonic() > deadline:
            await asyncio.sleep(1.0)  # anything sent twice would show up now
            return processed, swaps, await replies_per_user(client)
        await asyncio.sleep(0.25)


def possible_duplicates(*workers: ManagedProcess) -> int:
    return sum(worker.output().count("possible duplicate") for worker in workers)


def assert_exactly_once(stream: Stream, processed: set[int], swaps: Counter[int],
                        replies: Counter[int], *workers: ManagedProcess) -> None:
    lost = stream.update_ids - processed
    assert not lost, f"{len(lost)} updates never applied"
    assert swaps == stream.swaps, "a /swap was applied twice or not at all"
    missing = {user: stream.swaps[user] - count for user, count in replies.items()
               if count < stream.swaps[user]}
    assert not missing, f"replies missing: {missing}"
    extra = sum(count - stream.swaps[user] for user, count in replies.items())
    assert extra <= possible_duplicates(*workers), f"{extra} replies sent twice"
    for worker in workers:
        assert "Sorry, something went wrong" not in worker.output()


def worker_env(pg_url: str, name: str, chroma_port: int, data_dir: Path,
               **extra: str) -> dict[str, str]:
    data_dir.mkdir(parents=True, exist_ok=True)
    return {"DATABASE_URL": with_app_name(pg_url, name), "CROSSTRAIN_DATA_DIR": str(data_dir),
            "CROSSTRAIN_CHROMA_HOST": "127.0.0.1", "CROSSTRAIN_CHROMA_PORT": str(chroma_port),
            "CROSSTRAIN_TELEGRAM_RATE_LIMIT": "0", **extra}


def webhook_env(port: int) -> dict[str, str]:
    return {"CROSSTRAIN_MODE": "webhook",
            "CROSSTRAIN_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "CROSSTRAIN_WEBHOOK_SECRET": SECRET, "CROSSTRAIN_WEBHOOK_LISTEN": "127.0.0.1",
            "CROSSTRAIN_WEBHOOK_PORT": str(port)}


async def test_a_webhook_worker_frozen_mid_update_then_killed_loses_nothing(
    start_bot: StartBot, emulator: BotApiEmulator, emulator_client: EmulatorClient,
    pg_url: str, pg_engine: Engine, chroma_server: int, tmp_path: Path,
) -> None:
    emulator.webhook_timeout = 2.0  # Telegram gives up on a hanging worker, then redelivers
    port = free_port()
    common = webhook_env(port)
    frozen = await start_bot(BOT, timeout=90, name="worker-a", env=worker_env(
        pg_url, "worker-a", chroma_server, tmp_path / "a", **common))
    healthy = await start_bot(BOT, timeout=90, name="worker-b", env=worker_env(
        pg_url, "worker-b", chroma_server, tmp_path / "b", **common))
    stream = Stream()
    sending = asyncio.create_task(stream.send_all(emulator_client))
    await freeze_mid_update(frozen, pg_engine, "worker-a")
    await sending
    # Redeliveries that reach the healthy worker meet the frozen worker's locks: 503, not
    # 200 (the kernel may hand some to the frozen worker first; those time out).
    busy: list[dict[str, object]] = []
    deadline = time.monotonic() + 30
    while not busy and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        busy = [d for d in await emulator_client.webhook_deliveries() if d["status"] == 503]
    frozen.kill()
    await frozen.wait_exit()
    processed, swaps, replies = await settle(emulator_client, pg_engine, stream)
    print(f"\nwebhook, frozen then killed: {len(stream.update_ids)} updates, "
          f"{len(busy)} answered 503 while frozen, replies {sum(replies.values())}, "
          f"possible duplicates logged {possible_duplicates(healthy)}")
    assert_exactly_once(stream, processed, swaps, replies, healthy)
    assert busy, "the healthy worker never met the frozen worker's update"
    assert healthy.is_running()


async def test_webhook_workers_killed_at_random_points_lose_nothing(
    start_bot: StartBot, emulator: BotApiEmulator, emulator_client: EmulatorClient,
    pg_url: str, pg_engine: Engine, chroma_server: int, tmp_path: Path,
) -> None:
    emulator.webhook_timeout = 2.0
    port = free_port()
    common = webhook_env(port)
    survivor = await start_bot(BOT, timeout=90, name="worker-b", env=worker_env(
        pg_url, "worker-b", chroma_server, tmp_path / "b", **common))
    rng = random.Random(int(os.environ.get("CROSSTRAIN_TEST_SEED", "12")))
    stream = Stream()
    victims: list[ManagedProcess] = []
    for round_number in range(3):
        # Not start_bot's wait: the survivor's webhook is set already, so it would return
        # at once and the victim would die still importing, before it served anything.
        victim = await start_bot(BOT, wait=False, name=f"worker-a{round_number}",
                                 env=worker_env(pg_url, f"worker-a{round_number}",
                                                chroma_server, tmp_path / "a", **common))
        await wait_until_serving(victim)
        victims.append(victim)
        sending = asyncio.create_task(stream.send_all(emulator_client, pause=0.01))
        await asyncio.sleep(rng.uniform(0.1, 1.2))
        victim.kill()
        await victim.wait_exit()
        await sending
    processed, swaps, replies = await settle(emulator_client, pg_engine, stream)
    print(f"\nwebhook, 3 random kills: {len(stream.update_ids)} updates, replies "
          f"{sum(replies.values())}, possible duplicates logged "
          f"{possible_duplicates(survivor, *victims)}")
    assert_exactly_once(stream, processed, swaps, replies, survivor, *victims)


async def test_a_polling_worker_frozen_mid_update_then_killed_loses_nothing(
    start_bot: StartBot, emulator_client: EmulatorClient,
    pg_url: str, pg_engine: Engine, chroma_server: int, tmp_path: Path,
) -> None:
    frozen = await start_bot(BOT, timeout=90, name="poller-a", env=worker_env(
        pg_url, "poller-a", chroma_server, tmp_path / "a"))
    stream = Stream()
    sending = asyncio.create_task(stream.send_all(emulator_client))
    await freeze_mid_update(frozen, pg_engine, "poller-a")
    await sending
    # A second poller (its own data directory, the same database) takes over while the
    # first hangs with an update's transaction open: it must neither apply that update nor
    # confirm it, and must handle the others.
    taker = await start_bot(BOT, timeout=90, wait=False, name="poller-b", env=worker_env(
        pg_url, "poller-b", chroma_server, tmp_path / "b"))
    extra = asyncio.create_task(stream.send_all(emulator_client))
    await extra
    # Wait for the taker to meet the held update (not a fixed sleep: on a loaded machine
    # the second poller takes longer to start); the assertion below says if it never did.
    for _ in range(360):  # at most 90 s
        if "held elsewhere" in taker.output():
            break
        await asyncio.sleep(0.25)
    frozen.kill()
    await frozen.wait_exit()
    processed, swaps, replies = await settle(emulator_client, pg_engine, stream)
    print(f"\npolling, frozen then killed: {len(stream.update_ids)} updates, replies "
          f"{sum(replies.values())}, 'held elsewhere' "
          f"{taker.output().count('held elsewhere')}, possible duplicates logged "
          f"{possible_duplicates(taker)}")
    assert "held elsewhere" in taker.output()
    assert_exactly_once(stream, processed, swaps, replies, taker)
