"""Replies sent at once are marked sent together, each row still settled on its own."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.reply_outbox import Kept, ReplySender, encode_call
from bot.services import worker_id
from bot.update_processing import UnitOfWorkApplication
from coach.answers import Answerer
from config.settings import Settings
from storage import repository
from storage.models import ReplyOutbox
from storage.repository import OutboxCall
from tests.bot.conftest import BotHarness, Clock, bot_harness, make_services


@pytest.fixture
async def harness(bot_settings: Settings, shared_answerer: Answerer
                  ) -> AsyncIterator[BotHarness]:
    """Without a send budget: the sends all finish at once, as when the limiter has room."""
    settings = bot_settings.model_copy(update={"telegram_rate_limit": 0})
    clock = Clock()
    async with bot_harness(settings, make_services(settings, shared_answerer, clock),
                           clock) as running:
        yield running


async def test_replies_sent_at_once_are_marked_sent_in_fewer_transactions(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(harness.app, UnitOfWorkApplication)
    sender = harness.app.reply_sender(harness.services)
    chats = range(5001, 5011)
    calls = [OutboxCall(method="sendMessage", chat_id=chat,
                        payload=encode_call({"chat_id": chat, "text": f"hi {chat}"}) or "")
             for chat in chats]
    with harness.services.transaction() as session:
        ids = repository.add_outbox_replies(session=session, update_id=77, calls=calls,
                                            worker=sender.worker, lease=timedelta(minutes=1),
                                            now=harness.services.now())
    batches: list[int] = []
    original = ReplySender._mark_sent_many

    def spy(self: ReplySender, items: Sequence[Kept]) -> list[bool]:
        batches.append(len(items))
        return original(self, items)

    monkeypatch.setattr(ReplySender, "_mark_sent_many", spy)

    await asyncio.gather(*(sender.send_committed([outbox_id], [call])
                           for outbox_id, call in zip(ids, calls, strict=True)))

    with harness.services.transaction() as session:
        statuses = [row.status for row in session.exec(select(ReplyOutbox)).all()]
    assert statuses == ["sent"] * 10
    assert sum(batches) == 10 and len(batches) < 10
    assert sender.report.sent == 10 and sender.report.lost_claims == 0
    assert sorted(harness.request.texts(chat)[0] for chat in chats) == sorted(
        f"hi {chat}" for chat in chats)


async def test_a_row_whose_lease_ran_out_is_reported_while_the_others_are_marked(
    harness: BotHarness
) -> None:
    assert isinstance(harness.app, UnitOfWorkApplication)
    sender = harness.app.reply_sender(harness.services)
    calls = [OutboxCall(method="sendMessage", chat_id=chat,
                        payload=encode_call({"chat_id": chat, "text": "hello"}) or "")
             for chat in (6001, 6002, 6003)]
    with harness.services.transaction() as session:
        ids = repository.add_outbox_replies(session=session, update_id=78, calls=calls,
                                            worker=sender.worker, lease=timedelta(minutes=1),
                                            now=harness.services.now())
        # Another worker took the second row over (this one's lease had run out).
        row = session.get(ReplyOutbox, ids[1])
        assert row is not None
        row.claimed_by = "another:1"
        session.add(row)

    await asyncio.gather(*(sender.send_committed([outbox_id], [call])
                           for outbox_id, call in zip(ids, calls, strict=True)))

    with harness.services.transaction() as session:
        statuses = [session.get(ReplyOutbox, outbox_id).status  # type: ignore[union-attr]
                    for outbox_id in ids]
    assert statuses == ["sent", "claimed", "sent"]
    assert sender.report.lost_claims == 1


async def test_a_dead_local_workers_rows_are_swept_before_their_lease_runs_out(
    harness: BotHarness,
) -> None:
    assert isinstance(harness.app, UnitOfWorkApplication)
    sender = harness.app.reply_sender(harness.services)
    exited = await asyncio.create_subprocess_exec("true")
    await exited.wait()
    dead = worker_id().replace(f":{os.getpid()}:", f":{exited.pid}:")
    alive_elsewhere = f"another-host:{exited.pid}:1"
    rows = {}
    for chat, claimant in ((5101, dead), (5102, alive_elsewhere), (5103, sender.worker)):
        call = OutboxCall(method="sendMessage", chat_id=chat,
                          payload=encode_call({"chat_id": chat, "text": f"hi {chat}"}) or "")
        with harness.services.transaction() as session:
            rows[chat] = repository.add_outbox_replies(
                session=session, update_id=chat, calls=[call], worker=claimant,
                lease=timedelta(minutes=1), now=harness.services.now())[0]

    assert await sender.sweep() == 1

    with harness.services.transaction() as session:
        status = {row.chat_id: row.status for row in session.exec(select(ReplyOutbox)).all()}
    assert status == {5101: "sent", 5102: "claimed", 5103: "claimed"}
    assert harness.request.texts(5101) == ["hi 5101"]
    assert harness.request.texts(5102) == [] and sender.report.recovered == 1
