"""The daily check-in, sent by the dispatcher for everyone at once, reaches each athlete
alone: their own chat, their own name, buttons only they can press."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot import jobs
from bot.callback_data import BadCallbackData
from tests.security.conftest import World, call_text, canary_owners

pytestmark = pytest.mark.asyncio(loop_scope="package")


async def test_daily_checkins_reach_each_athlete_alone(world: World) -> None:
    dispatcher = jobs.ensure_dispatcher(world.harness.app)
    signer = world.harness.services.signer
    # Plan the next day's 07:30 check-ins, then be there when they are due: the day
    # after the world's last, so no athlete has it logged yet.
    next_day = world.clock.now.date() + timedelta(days=1)
    world.clock.now = datetime.combine(next_day, time(7, 0), tzinfo=UTC)
    await dispatcher.run_pass()
    world.clock.now = datetime.combine(next_day, time(7, 31), tzinfo=UTC)
    before = len(world.request.calls)
    await dispatcher.run_pass()
    sends = [call for call in world.request.calls[before:] if call.method == "sendMessage"]
    by_chat: dict[int, list[str]] = {}
    for call in sends:
        by_chat.setdefault(int(call.chat_id), []).append(call_text(call))
    athletes = {case.id: case for case in world.cases}
    assert set(by_chat) <= set(athletes), "a check-in went to a chat of no athlete"
    assert len(by_chat) >= len(world.cases) - 5, "(nearly) everyone got their check-in"
    for chat_id, texts in by_chat.items():
        case = athletes[chat_id]
        assert len(texts) == 1
        assert case.canary("name") in texts[0]
        assert canary_owners(texts[0]) == {case.index}
    for call in sends:
        buttons = [button["callback_data"] for row in call.params["reply_markup"]
                   ["inline_keyboard"] for button in row]
        assert buttons
        for data in buttons:
            signer.unpack(int(call.chat_id), data)  # signed for the recipient ...
            with pytest.raises(BadCallbackData):
                signer.unpack(int(call.chat_id) + 1, data)  # ... and for nobody else
