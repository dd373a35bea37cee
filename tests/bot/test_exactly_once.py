"""Each update is processed at most once in effect, and all or nothing.

Through the real Application (``process_update``, and the update processor for the
PostgreSQL run) with the offline Bot API: replayed and concurrent duplicate updates change
nothing and send nothing; an update that fails halfway leaves nothing behind, so its
redelivery is handled afresh.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel, col, select
from telegram import Update

from bot import replies
from bot.handlers.errors import APOLOGY
from bot.services import Services, UpdateUnit, current_unit
from coach.answers import Answerer
from config.settings import Settings
from storage import repository
from storage.models import CheckIn, ConversationTurn, ProcessedUpdate, ReplyOutbox, Substitution
from tests.bot.conftest import BotHarness, Clock, bot_harness, make_services
from tests.bot.updates import (
    DEFAULT_TOKEN,
    TgUser,
    callback_query_update,
    command_update,
    text_update,
)

JSONDict = dict[str, object]
ANNA = TgUser(id=8101, first_name="Anna")


@dataclass(frozen=True)
class RowCounts:
    processed_updates: int
    substitutions: int
    chosen_options: int
    checkins: int
    turns: int


@pytest.fixture
def bot_settings(isolated_environment: Path) -> Settings:
    """The harness's settings without the flood limiter: a thousand updates would take
    a minute at Telegram's 30 messages/s."""
    return Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                    telegram_bot_token=DEFAULT_TOKEN, telegram_rate_limit=0)


def row_counts(services: Services) -> RowCounts:
    with services.transaction() as session:
        def count(model: type[SQLModel], *where: object) -> int:
            query = select(func.count()).select_from(model)
            for condition in where:
                query = query.where(condition)  # type: ignore[arg-type]
            return int(session.exec(query).one())

        return RowCounts(
            processed_updates=count(ProcessedUpdate),
            substitutions=count(Substitution),
            chosen_options=count(Substitution, col(Substitution.chosen_activity).is_not(None)),
            checkins=count(CheckIn),
            turns=count(ConversationTurn),
        )


def first_button(message: JSONDict, *, label: str | None = None) -> str:
    keyboard = message["reply_markup"]["inline_keyboard"]  # type: ignore[index]
    for row in keyboard:
        for button in row:
            if label is None or label.lower() in button["text"].lower():
                return str(button["callback_data"])
    raise LookupError(f"no button {label!r}")


async def athlete_stream(harness: BotHarness, user: TgUser) -> list[JSONDict]:
    """Ten updates that write something (substitutions, choices, check-ins, turns,
    a schedule), processed once; returns them for replaying."""
    sent: list[JSONDict] = []

    async def send(payload: JSONDict) -> None:
        sent.append(payload)
        await harness.process(payload)

    async def press_last(label: str | None = None) -> None:
        message = harness.last_message(user)
        await send(callback_query_update(user, first_button(message, label=label),
                                         message=message))

    await send(command_update(user, "swap", "40 min tempo, no time"))
    await press_last()
    await send(text_update(user, "I missed my 90 min long run, no time today"))
    await press_last("1.")
    await send(command_update(user, "checkin", "07:30"))
    await send(command_update(user, "swap", "30 min easy run, sore calf"))
    await press_last("2.")
    await send(text_update(user, "is swimming good cross-training for runners?"))
    await send(command_update(user, "history"))
    await send(text_update(user, "thanks!"))
    return sent


async def test_1000_updates_replayed_twice_leave_0_duplicate_rows(
    harness: BotHarness,
) -> None:
    users = [TgUser(id=810_000 + number, first_name=f"Runner{number}") for number in range(100)]
    started = time.perf_counter()
    stream: list[JSONDict] = []
    for user in users:
        stream += await athlete_stream(harness, user)
    first_pass = time.perf_counter() - started
    assert len(stream) == 1000
    once = row_counts(harness.services)
    calls_once = len(harness.request.calls)
    # Every update wrote what it should, once: 3 substitutions, 3 choices, 1 check-in
    # (the day's, updated in place) and a question's 2 turns per athlete.
    assert once == RowCounts(processed_updates=1000, substitutions=300, chosen_options=300,
                             checkins=100, turns=200)

    started = time.perf_counter()
    for _ in range(2):
        for payload in stream:
            await harness.process(payload)
    replays = time.perf_counter() - started

    twice = row_counts(harness.services)
    duplicate_rows = sum(after - before for after, before in zip(
        vars(twice).values(), vars(once).values(), strict=True))
    print(f"\n1000 updates in {first_pass:.1f}s; 2000 replays in {replays:.1f}s; "
          f"duplicate rows: {duplicate_rows}; Bot API calls during replays: "
          f"{len(harness.request.calls) - calls_once}")
    assert duplicate_rows == 0
    assert twice == once
    # Nothing ran, so nothing was sent.
    assert len(harness.request.calls) == calls_once


async def test_100_concurrent_duplicates_leave_0_duplicate_rows(harness: BotHarness) -> None:
    swap = command_update(ANNA, "swap", "40 min tempo, no time")
    await asyncio.gather(*(harness.process(swap) for _ in range(100)))
    message = harness.last_message(ANNA)
    choice = callback_query_update(ANNA, first_button(message), message=message)
    question = text_update(ANNA, "what can I do instead of a long run?")
    await asyncio.gather(*(harness.process(payload) for _ in range(100)
                           for payload in (choice, question)))

    counts = row_counts(harness.services)
    print(f"\n300 concurrent copies of 3 updates -> {counts}")
    assert counts == RowCounts(processed_updates=3, substitutions=1, chosen_options=1,
                               checkins=1, turns=2)
    texts = harness.request.texts(ANNA.id)
    assert sum("Tap the one" in text for text in texts) == 1
    assert sum(text.startswith("Logged") for text in texts) == 1


# --------------------------------------------------------------- all or nothing
async def checkin_missed(harness: BotHarness, user: TgUser) -> None:
    """A check-in prompt answered "Missed": the bot now waits for the reason."""
    await harness.process(command_update(user, "checkin", "now"))
    prompt = harness.last_message(user)
    await harness.process(callback_query_update(user, first_button(prompt, label="missed"),
                                                message=prompt))
    assert "What got in the way?" in harness.request.last_text(user.id)


def onboard(harness: BotHarness, user: TgUser) -> int:
    with harness.services.transaction() as session:
        athlete = repository.get_or_create_athlete(session=session, telegram_user_id=user.id,
                                                   chat_id=user.id, name=user.first_name)
        assert athlete.id is not None
        repository.update_profile(session=session, athlete_id=athlete.id, onboarded=True,
                                  checkin_enabled=True, equipment=["pool", "bike"])
        repository.set_weekly_plan(session=session, athlete_id=athlete.id, sessions=[
            {"weekday": day, "kind": "tempo", "minutes": 45} for day in range(7)])
        return athlete.id


def checkin_reason(harness: BotHarness, user: TgUser) -> str | None:
    with harness.services.transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(session=session,
                                                        telegram_user_id=user.id)
        assert athlete is not None and athlete.id is not None
        row = repository.get_checkin(session=session, athlete_id=athlete.id,
                                     day=repository.local_today(athlete,
                                                                now=harness.clock.now))
        assert row is not None
        return row.reason


def is_processed(harness: BotHarness, update_id: int) -> bool:
    with harness.services.transaction() as session:
        return repository.is_update_processed(session=session, update_id=update_id)


async def test_an_update_failing_halfway_leaves_no_partial_rows_and_its_redelivery_works(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch,
) -> None:
    onboard(harness, ANNA)
    await checkin_missed(harness, ANNA)
    before = row_counts(harness.services)
    # The reason is written (check-in), then the substitutes (substitution), then the
    # reply is rendered: make that fail once, after both writes.
    calls = {"n": 0}
    real_split = replies.split_message

    def split_fails_once(text: str) -> list[str]:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("rendering failed")
        return real_split(text)

    monkeypatch.setattr(replies, "split_message", split_fails_once)
    reason = text_update(ANNA, "no time, work ran late")
    await harness.process(reason)

    assert row_counts(harness.services) == before  # no substitution, no processed update
    assert checkin_reason(harness, ANNA) is None  # the reason's write was undone too
    assert not is_processed(harness, reason["update_id"])  # type: ignore[arg-type]
    assert harness.request.last_text(ANNA.id) == APOLOGY
    # Nothing kept for sending either.
    assert [row for row in outbox(harness) if row.update_id == reason["update_id"]] == []

    # Telegram delivers it again: handled afresh, now in full, once.
    await harness.process(reason)
    after = row_counts(harness.services)
    assert after.substitutions == before.substitutions + 1
    assert after.processed_updates == before.processed_updates + 1
    assert checkin_reason(harness, ANNA) == "no time, work ran late"
    assert "Tap the one" in harness.request.last_text(ANNA.id)


def outbox(harness: BotHarness, status: str | None = None) -> list[ReplyOutbox]:
    with harness.services.transaction() as session:
        return repository.list_outbox(session=session, status=status)


async def test_a_reply_that_fails_to_send_stays_in_the_outbox_and_is_sent_once_later(
    harness: BotHarness,
) -> None:
    onboard(harness, ANNA)
    await checkin_missed(harness, ANNA)
    before = row_counts(harness.services)
    sent_before = len(harness.request.texts(ANNA.id))
    # The update's work commits first; the reply leaves after, and its send fails.
    harness.request.fail_chat(ANNA.id, "network_error", times=1, methods=["sendMessage"])
    reason = text_update(ANNA, "no time, work ran late")
    await harness.process(reason)

    after = row_counts(harness.services)
    assert after.substitutions == before.substitutions + 1
    assert is_processed(harness, reason["update_id"])  # type: ignore[arg-type]
    assert len(harness.request.texts(ANNA.id)) == sent_before  # neither reply nor apology
    [kept] = outbox(harness, "due")
    assert kept.method == "sendMessage" and kept.update_id == reason["update_id"]

    # A redelivery is a duplicate: it sends nothing, the kept reply is still the only one.
    await harness.process(reason)
    assert len(harness.request.texts(ANNA.id)) == sent_before

    # The sweeper sends it once it is due, and marks it sent (its text forgotten).
    sender = harness.app.reply_sender(harness.services)  # type: ignore[attr-defined]
    assert await sender.sweep() == 0  # not due yet
    harness.clock.now += timedelta(minutes=1)
    assert await sender.sweep() == 1
    texts = harness.request.texts(ANNA.id)[sent_before:]
    assert len(texts) == 1 and "Tap the one" in texts[0]
    [done] = [row for row in outbox(harness) if row.update_id == reason["update_id"]]
    assert (done.status, done.payload) == ("sent", "")
    assert await sender.sweep() == 0
    assert len(harness.request.texts(ANNA.id)) == sent_before + 1


async def test_a_failed_commit_restores_the_conversation_so_the_redelivery_works(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch,
) -> None:
    onboard(harness, ANNA)
    await checkin_missed(harness, ANNA)
    reason = text_update(ANNA, "no time, work ran late")

    def commit_fails(unit: UpdateUnit) -> None:
        unit.rollback()
        raise OperationalError("COMMIT", {}, Exception("disk full"))

    with monkeypatch.context() as patch:
        patch.setattr(UpdateUnit, "commit", commit_fails)
        await harness.process(reason)
    assert harness.request.last_text(ANNA.id) == APOLOGY
    assert checkin_reason(harness, ANNA) is None

    # The bot still waits for the reason, as the database says: the redelivery is one.
    await harness.process(reason)
    assert checkin_reason(harness, ANNA) == "no time, work ran late"
    assert "Tap the one" in harness.request.last_text(ANNA.id)


async def test_a_choice_failing_between_its_two_writes_changes_nothing(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch,
) -> None:
    await harness.process(command_update(ANNA, "swap", "40 min tempo, no time"))
    message = harness.last_message(ANNA)
    choice = callback_query_update(ANNA, first_button(message), message=message)
    before = row_counts(harness.services)

    def broken_record_checkin(**_: object) -> None:
        # choose_substitution has already written the choice in this update.
        assert current_unit() is not None
        raise RuntimeError("disk on fire")

    with monkeypatch.context() as patch:
        patch.setattr(repository, "record_checkin", broken_record_checkin)
        await harness.process(choice)
    assert row_counts(harness.services) == before  # the choice is not half-logged
    assert harness.request.last_text(ANNA.id) == APOLOGY

    await harness.process(choice)  # redelivered once the fault is gone
    after = row_counts(harness.services)
    assert (after.chosen_options, after.checkins) == (before.chosen_options + 1,
                                                      before.checkins + 1)
    assert harness.request.last_text(ANNA.id).startswith("Logged")


async def test_writes_outside_an_update_commit_on_their_own(harness: BotHarness) -> None:
    """Jobs and the CLI: no update, so a transaction block is its own unit of work."""
    assert current_unit() is None
    athlete_id = onboard(harness, ANNA)
    with pytest.raises(RuntimeError), harness.services.transaction() as session:
        repository.set_checkin_schedule(session=session, athlete_id=athlete_id,
                                        enabled=False)
        raise RuntimeError("undo this block only")
    async with harness.services.atransaction() as session:
        athlete = repository.get_athlete(session=session, athlete_id=athlete_id)
    assert athlete is not None and athlete.checkin_enabled


# --------------------------------------------------------------- PostgreSQL
@pytest.fixture
async def pg_harness(pg_database: str, isolated_environment: Path,
                     shared_answerer: Answerer) -> AsyncIterator[BotHarness]:
    settings = Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                        telegram_bot_token=DEFAULT_TOKEN, database_url=pg_database,
                        telegram_rate_limit=0)
    assert settings.update_concurrency == 8
    clock = Clock()
    async with bot_harness(settings, make_services(settings, shared_answerer, clock),
                           clock) as running:
        yield running


@pytest.mark.postgres
async def test_100_concurrent_duplicates_on_postgresql_through_the_processor(
    pg_harness: BotHarness,
) -> None:
    """Concurrency on (8): the copies run through the update processor, as in webhook
    and polling mode, and still apply once."""
    app = pg_harness.app
    users = [TgUser(id=820_000 + number) for number in range(10)]
    swaps = [command_update(user, "swap", "40 min tempo, no time") for user in users]

    async def deliver(payload: JSONDict) -> None:
        update = Update.de_json(payload, app.bot)
        await app.update_processor.process_update(update, app.process_update(update))

    await asyncio.gather(*(deliver(payload) for _ in range(10) for payload in swaps))
    counts = row_counts(pg_harness.services)
    print(f"\n100 concurrent copies of 10 updates on PostgreSQL -> {counts}")
    assert (counts.processed_updates, counts.substitutions) == (10, 10)
    for user in users:
        assert sum("Tap the one" in text for text in pg_harness.request.texts(user.id)) == 1


async def test_a_database_failure_recording_an_update_is_answered_and_processing_goes_on(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch,
) -> None:
    swap = command_update(ANNA, "swap", "40 min tempo, no time")
    with monkeypatch.context() as patch:
        def database_down(**_: object) -> bool:
            raise OperationalError("INSERT", {}, Exception("database is down"))

        patch.setattr(repository, "mark_update_processed", database_down)
        await harness.process(swap)  # must not raise: it would stop the update fetcher
    assert harness.request.last_text(ANNA.id) == APOLOGY
    assert row_counts(harness.services).processed_updates == 0
    await harness.process(swap)  # redelivered once the database is back
    assert "Tap the one" in harness.request.last_text(ANNA.id)
    assert row_counts(harness.services).substitutions == 1


@pytest.mark.postgres
async def test_an_update_another_transaction_holds_is_not_applied_answered_or_acknowledged(
    pg_harness: BotHarness,
) -> None:
    """A worker frozen in the middle of an update holds its processed-update row: the
    redelivery elsewhere must neither apply it, nor apologise, nor answer 200."""
    import httpx

    from bot.services import UpdateBusy
    from bot.webhook import SECRET_HEADER, WebhookServer

    swap = command_update(ANNA, "swap", "40 min tempo, no time")
    update_id = int(swap["update_id"])  # type: ignore[call-overload]
    frozen = pg_harness.services.database.session()
    repository.mark_update_processed(session=frozen, update_id=update_id)  # not committed
    webhook = WebhookServer(pg_harness.app, "s3cret", "telegram")
    server = await asyncio.start_server(webhook.serve_connection, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}")
    try:
        with pytest.raises(UpdateBusy):
            await pg_harness.process(swap)
        response = await client.post("/telegram", json=swap, headers={SECRET_HEADER: "s3cret"})
        assert response.status_code == 503 and response.headers["Retry-After"] == "1"
        assert pg_harness.request.texts(ANNA.id) == []  # no reply, no apology
        assert row_counts(pg_harness.services).substitutions == 0

        frozen.rollback()  # the frozen worker is killed: its transaction goes
        response = await client.post("/telegram", json=swap, headers={SECRET_HEADER: "s3cret"})
        assert response.status_code == 200
        [reply] = pg_harness.request.texts(ANNA.id)
        assert "Tap the one" in reply
        assert row_counts(pg_harness.services).substitutions == 1
    finally:
        frozen.close()
        await client.aclose()
        server.close()
        await webhook.stop()
