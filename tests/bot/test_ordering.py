"""Updates from one athlete are handled in order, even with concurrent updates on."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select
from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.callback_data import CallbackSigner
from bot.services import Services
from bot.update_processing import READ_AHEAD_BEYOND_SLOTS, AthleteOrderedProcessor
from coach.answers import Answerer
from config.settings import Settings
from storage import repository
from storage.db import Database
from storage.models import Athlete, Substitution
from tests.bot.conftest import BotHarness, Clock, bot_harness, make_services
from tests.bot.updates import DEFAULT_TOKEN, TgUser, command_update, text_update
from tests.pg_server import PostgresServer, fresh_database

ATHLETE = TgUser(id=8301, first_name="Ordered")
OTHERS = [TgUser(id=8310 + number, first_name=f"Other{number}") for number in range(6)]


@dataclass
class Observer:
    """Records when each update's handling starts and ends, per user."""

    events: dict[int, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    in_flight: int = 0
    most_in_flight: int = 0
    users_in_flight: set[int] = field(default_factory=set)
    overlaps_within_a_user: int = 0

    def start(self, user_id: int, sequence: int) -> None:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        if user_id in self.users_in_flight:
            self.overlaps_within_a_user += 1
        self.users_in_flight.add(user_id)
        self.events[user_id].append(("start", sequence))

    def end(self, user_id: int, sequence: int) -> None:
        self.in_flight -= 1
        self.users_in_flight.discard(user_id)
        self.events[user_id].append(("end", sequence))

    def order_of(self, user_id: int) -> list[int]:
        return [sequence for kind, sequence in self.events[user_id] if kind == "start"]


# --------------------------------------------------------------- the processor alone
async def test_the_processor_keeps_each_athletes_60_updates_in_order_while_others_interleave(
) -> None:
    processor = AthleteOrderedProcessor(8)
    observer = Observer()
    rng = random.Random(5)

    async def handle(update: Update) -> None:
        assert update.effective_user is not None and update.message is not None
        sequence = int(update.message.text or "0")
        observer.start(update.effective_user.id, sequence)
        await asyncio.sleep(rng.uniform(0, 0.004))
        observer.end(update.effective_user.id, sequence)

    users = [ATHLETE, *OTHERS[:3]]
    arrivals = [(user, sequence) for sequence in range(60) for user in users]
    rng.shuffle(arrivals)
    per_user_sequence: dict[int, int] = defaultdict(int)
    updates = []
    for user, _ in arrivals:  # each user's texts numbered in arrival order
        updates.append(Update.de_json(text_update(user, str(per_user_sequence[user.id])), None))
        per_user_sequence[user.id] += 1
    async with processor:
        # As python-telegram-bot does: one task per update, started in arrival order.
        await asyncio.gather(*(processor.process_update(update, handle(update))
                               for update in updates))
    for user in users:
        assert observer.order_of(user.id) == list(range(per_user_sequence[user.id]))
    print(f"\n{len(updates)} updates, {len(users)} athletes: out of order 0, overlapping "
          f"within an athlete {observer.overlaps_within_a_user}, at most "
          f"{observer.most_in_flight} at once")
    assert observer.overlaps_within_a_user == 0
    assert observer.most_in_flight > 1  # concurrency really was on
    assert processor.athletes_in_flight == 0  # no lock left behind


async def test_one_athletes_queued_updates_hold_one_slot_and_others_go_on() -> None:
    # Two slots; the athlete sends five updates at once, the first of which hangs. Before
    # the fix the other four waited for the athlete's lock inside both slots, so nobody
    # else was served until the first finished.
    processor = AthleteOrderedProcessor(2)
    release, others_done = asyncio.Event(), asyncio.Event()
    served: list[int] = []

    async def handle(update: Update) -> None:
        assert update.effective_user is not None and update.message is not None
        if update.effective_user.id == ATHLETE.id and update.message.text == "0":
            await release.wait()
        served.append(update.effective_user.id)
        if len(served) == 3:
            others_done.set()

    mine = [Update.de_json(text_update(ATHLETE, str(number)), None) for number in range(5)]
    theirs = [Update.de_json(text_update(user, "hello"), None) for user in OTHERS[:3]]
    async with processor:
        tasks = [asyncio.create_task(processor.process_update(update, handle(update)))
                 for update in [*mine, *theirs]]
        async with asyncio.timeout(5):
            await others_done.wait()
        assert served == [user.id for user in OTHERS[:3]]  # while the athlete's first hangs
        release.set()
        await asyncio.gather(*tasks)
    assert served.count(ATHLETE.id) == 5
    assert processor.athletes_in_flight == 0


async def test_updates_are_prepared_before_their_slot_in_each_athletes_order() -> None:
    # One slot (SQLite), held by an update that hangs: the next athletes' updates are
    # prepared (read ahead) meanwhile, each athlete's one after another, a bounded number.
    processor = AthleteOrderedProcessor(1)
    release, enough = asyncio.Event(), asyncio.Event()
    prepared: list[tuple[int, str]] = []
    preparing: set[int] = set()
    overlaps = 0

    async def prepare(update: object) -> None:
        nonlocal overlaps
        assert isinstance(update, Update) and update.effective_user is not None
        assert update.message is not None and update.message.text is not None
        user = update.effective_user.id
        overlaps += user in preparing
        preparing.add(user)
        await asyncio.sleep(0.001)
        preparing.discard(user)
        prepared.append((user, update.message.text))
        if len(prepared) == 1 + READ_AHEAD_BEYOND_SLOTS:
            enough.set()

    async def handle(update: Update) -> None:
        assert update.message is not None
        if update.message.text == "hang":
            await release.wait()

    processor.prepare = prepare
    first = Update.de_json(text_update(ATHLETE, "hang"), None)
    theirs = [Update.de_json(text_update(user, str(number)), None)
              for number in range(3) for user in OTHERS]
    async with processor:
        tasks = [asyncio.create_task(processor.process_update(update, handle(update)))
                 for update in [first, *theirs]]
        async with asyncio.timeout(5):
            await enough.wait()
        await asyncio.sleep(0.05)
        # The slot's update and the READ_AHEAD_BEYOND_SLOTS waiting for it, no more.
        assert len(prepared) == 1 + READ_AHEAD_BEYOND_SLOTS
        release.set()
        await asyncio.gather(*tasks)
    assert overlaps == 0
    for user in OTHERS:
        assert [text for who, text in prepared if who == user.id] == ["0", "1", "2"]
    assert processor.athletes_in_flight == 0


# --------------------------------------------------------------- the whole bot
@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    if request.param == "sqlite":
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with fresh_database(server) as url:
        yield url


@pytest.fixture
async def running_bot(database_url: str | None, isolated_environment: Path,
                      shared_answerer: Answerer) -> AsyncIterator[BotHarness]:
    """The whole application started (its update queue and processor running)."""
    settings = Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                        telegram_bot_token=DEFAULT_TOKEN, database_url=database_url,
                        telegram_rate_limit=0, concurrent_updates=8)
    clock = Clock()
    async with bot_harness(settings, make_services(settings, shared_answerer, clock), clock,
                           start=True) as running:
        yield running


def observe(harness: BotHarness, observer: Observer) -> None:
    """A first handler that notes each update (inside its unit of work) and dawdles, so
    that updates overlap when they may."""
    rng = random.Random(7)

    async def note(update: Update, _: Any) -> None:
        user = update.effective_user
        assert user is not None
        observer.start(user.id, update.update_id)
        await asyncio.sleep(rng.uniform(0, 0.003))
        observer.end(user.id, update.update_id)

    harness.app.add_handler(TypeHandler(Update, note, block=True), group=-10)


@pytest.mark.parametrize("database_url", [
    "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
async def test_one_athletes_30_updates_apply_in_order_while_6_others_interleave(
    running_bot: BotHarness, database_url: str | None,
) -> None:
    harness = running_bot
    observer = Observer()
    observe(harness, observer)
    rng = random.Random(11)
    athlete_updates = [command_update(ATHLETE, "swap", f"{20 + minutes} min tempo, no time")
                       for minutes in range(30)]
    queue: list[dict[str, Any]] = []
    for payload in athlete_updates:
        queue.append(payload)
        queue += [text_update(rng.choice(OTHERS), "I missed my run, no time")
                  for _ in range(rng.randint(0, 3))]
    for payload in queue:
        await harness.app.update_queue.put(Update.de_json(payload, harness.app.bot))
    await asyncio.wait_for(harness.app.update_queue.join(), timeout=60)

    # Handled in the order they arrived ...
    expected = [int(payload["update_id"]) for payload in athlete_updates]
    assert observer.order_of(ATHLETE.id) == expected
    assert observer.overlaps_within_a_user == 0
    # ... and applied in that order: the substitutions were written one by one.
    with harness.services.transaction() as session:
        athlete = session.exec(select(Athlete).where(
            col(Athlete.telegram_user_id) == ATHLETE.id)).one()
        written = session.exec(select(Substitution.missed).where(
            col(Substitution.athlete_id) == athlete.id).order_by(col(Substitution.id))).all()
    assert [missed["label"] for missed in written] == [
        f"{20 + minutes} min tempo run" for minutes in range(30)]
    # ... and answered in that order.
    replies = [text.split("\n", 1)[0] for text in harness.request.texts(ATHLETE.id)]
    assert replies == [f"Missed: {20 + minutes} min tempo run (Thu 26 Nov)."
                       for minutes in range(30)]
    print(f"\n{len(queue)} updates on {harness.services.database.dialect}: athlete's 30 in "
          f"order, at most {observer.most_in_flight} updates at once")
    if harness.services.database.dialect == "postgresql":
        assert observer.most_in_flight > 1  # other athletes really ran alongside
    else:
        assert observer.most_in_flight == 1  # SQLite: one writer, one update at a time


# --------------------------------------------------------------- jobs on SQLite
@pytest.fixture
async def sqlite_bot_with_short_busy_timeout(
    isolated_environment: Path, shared_answerer: Answerer,
) -> AsyncIterator[BotHarness]:
    """A started bot on SQLite whose writers give up after 2 s of waiting for the lock
    (the default 30 s would make a regression slow to show)."""
    settings = Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                        telegram_bot_token=DEFAULT_TOKEN, telegram_rate_limit=0)
    database = Database(settings.sqlalchemy_url, busy_timeout_ms=2000)
    database.migrate()
    clock = Clock()
    services = Services(settings=settings, database=database, answerer=shared_answerer,
                        signer=CallbackSigner.from_token(DEFAULT_TOKEN), clock=clock)
    async with bot_harness(settings, services, clock, start=True) as running:
        yield running


async def test_a_job_waits_while_an_update_holds_the_sqlite_write_lock(
    sqlite_bot_with_short_busy_timeout: BotHarness,
) -> None:
    """An update's transaction stays open while it awaits Telegram. A job writing on the
    same event loop meanwhile must wait its turn, not block the loop on the file lock
    (which would stall the update holding it until the busy timeout)."""
    harness = sqlite_bot_with_short_busy_timeout
    services = harness.services
    events: list[str] = []
    update_wrote, job_wrote = asyncio.Event(), asyncio.Event()

    async def slow_update(update: Update, _: Any) -> None:
        with services.transaction() as session:
            repository.get_or_create_athlete(session=session, telegram_user_id=ATHLETE.id,
                                             chat_id=ATHLETE.id, name="Slow")
        events.append("update wrote")
        update_wrote.set()
        await asyncio.sleep(0.5)  # a slow Telegram call, the update's transaction open
        events.append("update done")
        raise ApplicationHandlerStop

    async def job(_: Any) -> None:
        with services.transaction() as session:
            repository.get_or_create_athlete(session=session, telegram_user_id=OTHERS[0].id,
                                             chat_id=OTHERS[0].id, name="Job")
        events.append("job wrote")
        job_wrote.set()

    harness.app.add_handler(TypeHandler(Update, slow_update), group=-10)
    await harness.app.update_queue.put(
        Update.de_json(text_update(ATHLETE, "hello"), harness.app.bot))
    await asyncio.wait_for(update_wrote.wait(), timeout=5)
    assert harness.app.job_queue is not None
    harness.app.job_queue.run_once(job, when=0.05)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(job_wrote.wait(), timeout=5)
    assert events == ["update wrote", "update done", "job wrote"]
    with services.transaction() as session:
        assert repository.get_athlete_by_telegram_id(session=session,
                                                     telegram_user_id=ATHLETE.id) is not None
