"""The Bot API emulator against real python-telegram-bot: a polling echo bot process,
a PTB ``Bot`` in-process, and a PTB webhook server."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, RetryAfter, TimedOut
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.process import EmulatorProcess, python_module_command

ANN = TgUser(id=1001, first_name="Ann", username="ann_runs")
BEN = TgUser(id=1002, first_name="Ben")
ECHO_BOT = python_module_command("bench.echo_bot")


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    """A PTB Bot talking HTTP to the emulator (short timeouts so faults show quickly)."""
    request = HTTPXRequest(read_timeout=2.0, connect_timeout=2.0)
    async with Bot(emulator.token, base_url=emulator.base_url, request=request) as ptb_bot:
        yield ptb_bot


def _retry_seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# ---------------------------------------------------------------- real bot process
async def test_echo_bot_process_answers_users_separately(
    start_bot: StartBot, emulator_client: EmulatorClient,
) -> None:
    await start_bot(ECHO_BOT)
    await emulator_client.send_text(ANN, "Is swimming good cross-training?")
    await emulator_client.send_text(BEN, "Hello & <welcome>")

    [to_ann] = await emulator_client.wait_for_messages(ANN.id, 1)
    [to_ben] = await emulator_client.wait_for_messages(BEN.id, 1)
    assert to_ann.text == "Is swimming good cross-training?"
    assert to_ben.text == "Hello & <welcome>"
    sends = await emulator_client.calls("sendMessage")
    assert {call.chat_id for call in sends} == {ANN.id, BEN.id}


async def test_button_press_reaches_the_bot_as_a_valid_callback_query(
    start_bot: StartBot, emulator_client: EmulatorClient,
) -> None:
    await start_bot(ECHO_BOT)
    await emulator_client.send_command(ANN, "buttons")
    [menu] = await emulator_client.wait_for_messages(ANN.id, 1)
    assert menu.button_texts == ["Yes", "No"]

    query_id = await emulator_client.press_button(ANN, menu, text="No")

    report = await emulator_client.wait_for_text(ANN.id, "pressed")
    assert report.text is not None
    assert report.text.startswith(f"pressed no on {menu.message_id} instance ")
    assert report.text.split()[-1].isdigit()  # chat_instance reached the bot
    answer = await emulator_client.wait_for_callback_answer(query_id)
    assert answer["text"] == "got no"
    assert answer["user_id"] == ANN.id


async def test_document_upload_is_stored_with_bytes_and_name(
    start_bot: StartBot, emulator_client: EmulatorClient,
) -> None:
    await start_bot(ECHO_BOT)
    await emulator_client.send_command(BEN, "document")
    [message] = await emulator_client.wait_for_messages(BEN.id, 1)

    [document] = await emulator_client.documents(BEN.id)
    assert document.file_name == "echo.json"
    assert json.loads(document.text()) == {"chat_id": BEN.id, "echo": True}
    assert document.message_id == message.message_id
    assert message.document is not None and message.document["file_name"] == "echo.json"
    assert message.text == "your data"


async def test_bot_process_stops_on_sigterm_and_marks_updates_read(
    start_bot: StartBot, emulator_client: EmulatorClient,
) -> None:
    process = await start_bot(ECHO_BOT)
    await emulator_client.send_text(ANN, "one")
    await emulator_client.wait_for_messages(ANN.id, 1)

    assert await process.stop() == 0
    state = await emulator_client.state()
    assert state["pending_updates"] == 0


# ---------------------------------------------------------------- Bot API behaviour
async def test_get_me_and_send_message_follow_the_bot_api(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    assert bot.username == "crosstrain_test_bot"
    await emulator_client.send_text(ANN, "hi")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data="done:1")]])

    sent = await bot.send_message(ANN.id, "<b>Easy</b> 30 min &amp; drills",
                                  parse_mode="HTML", reply_markup=keyboard)

    assert sent.text == "Easy 30 min & drills"
    assert sent.chat.id == ANN.id and sent.chat.first_name == "Ann"
    assert sent.from_user is not None and sent.from_user.is_bot
    assert abs(sent.date.timestamp() - time.time()) < 5  # seconds, not milliseconds
    [stored] = await emulator_client.messages(ANN.id)
    assert stored.source_text == "<b>Easy</b> 30 min &amp; drills"
    assert stored.parse_mode == "HTML"
    assert stored.button("Done").callback_data == "done:1"


async def test_unescaped_html_and_oversized_button_data_are_refused_like_telegram(
    bot: Bot,
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(ANN.id, "3 < 5 hills", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)unsupported start tag"):
        await bot.send_message(ANN.id, "line<br>next", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(ANN.id, "x" * 4097)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(ANN.id, "choose", reply_markup=too_long)


async def test_edits_return_the_message_and_unchanged_edits_are_refused(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data="done")]])
    sent = await bot.send_message(ANN.id, "Today: easy run", reply_markup=keyboard)
    [before] = await emulator_client.messages(ANN.id)

    edited = await bot.edit_message_text("Today: swim instead", ANN.id, sent.message_id)

    assert not isinstance(edited, bool) and edited.text == "Today: swim instead"
    assert edited.reply_markup is None  # editing without reply_markup drops the keyboard
    changed = await emulator_client.wait_for_change(before, timeout=2)
    assert changed.edit_count == 1 and changed.text == "Today: swim instead"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Today: swim instead", ANN.id, sent.message_id)
    assert await bot.edit_message_reply_markup(ANN.id, sent.message_id,
                                               reply_markup=keyboard)
    assert await bot.edit_message_text("inline", inline_message_id="abc") is True
    assert await bot.delete_message(ANN.id, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("gone", ANN.id, sent.message_id)


async def test_commands_chat_action_and_callback_answers(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    assert await bot.set_my_commands([("swap", "Swap today's run"), ("help", "What I do")])
    assert [c.command for c in await bot.get_my_commands()] == ["swap", "help"]
    assert [c["command"] for c in await emulator_client.default_commands()] == ["swap", "help"]
    assert await bot.send_chat_action(ANN.id, "typing")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query("no-such-query")


async def test_blocked_chat_raises_forbidden_only_for_that_chat(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    await emulator_client.block_chat(ANN.id)

    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(ANN.id, "Time for your check-in")
    assert (await bot.send_message(BEN.id, "Time for your check-in")).chat.id == BEN.id

    await emulator_client.unblock_chat(ANN.id)
    assert (await bot.send_message(ANN.id, "Welcome back")).chat.id == ANN.id


async def test_flood_wait_raises_retry_after_once(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    await emulator_client.flood_wait(retry_after=3, chat_id=ANN.id)

    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ANN.id, "check-in")
    assert _retry_seconds(caught.value) == 3
    assert (await bot.send_message(ANN.id, "check-in")).text == "check-in"
    # That second send came inside the 3 s window: recorded for the fault tests.
    assert [v["kind"] for v in await emulator_client.violations()] == []
    await emulator_client.set_limits()
    await emulator_client.flood_wait(retry_after=3, chat_id=BEN.id)
    with pytest.raises(RetryAfter):
        await bot.send_message(BEN.id, "a")
    await bot.send_message(BEN.id, "b")
    assert "inside_retry_after" in [v["kind"] for v in await emulator_client.violations()]


async def test_flood_limits_are_recorded_or_enforced(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    await emulator_client.set_limits(global_per_second=3)
    for chat_id in (1, 2, 3, 4):
        await bot.send_message(chat_id, "hi")
    await bot.send_message(1, "again")
    kinds = [v["kind"] for v in await emulator_client.violations()]
    assert "global" in kinds and "per_chat" in kinds

    await emulator_client.set_limits(enforce=True)
    await bot.send_message(7, "first")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(7, "second, too soon")
    assert _retry_seconds(caught.value) >= 1


async def test_timeout_after_effect_is_ambiguous_for_the_bot(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    await emulator_client.add_fault("timeout", methods=["sendMessage"], delay=3.0)

    with pytest.raises(TimedOut):
        await bot.send_message(ANN.id, "did this arrive?")
    [stored] = await emulator_client.messages(ANN.id)  # it did
    assert stored.text == "did this arrive?"

    await emulator_client.add_fault("server_error", status=502, methods=["sendMessage"])
    with pytest.raises(Exception, match="Bad Gateway"):
        await bot.send_message(ANN.id, "lost")


async def test_long_polling_waits_and_offsets_confirm(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=dtm.timedelta(seconds=0.5)) == ()
    assert time.monotonic() - started >= 0.45

    async def later() -> None:
        await asyncio.sleep(0.3)
        await emulator_client.send_text(ANN, "/start")

    task = asyncio.create_task(later())
    started = time.monotonic()
    [update] = await bot.get_updates(timeout=dtm.timedelta(seconds=1.5), read_timeout=5)
    await task
    assert time.monotonic() - started < 1.2
    assert update.message is not None and update.message.text == "/start"
    assert update.message.entities[0].type == "bot_command"

    await emulator_client.press_button(ANN, 999, data="forged:" + "x" * 70)
    await emulator_client.replay_update(update.update_id)
    updates = await bot.get_updates(offset=update.update_id + 1, timeout=0)
    assert len(updates) == 2
    query = updates[0].callback_query
    assert query is not None and query.data is not None and len(query.data) > 64
    assert query.message is not None and query.message.date.timestamp() == 0  # inaccessible
    assert updates[1].update_id == update.update_id  # the duplicate delivery
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


async def test_non_text_messages_arrive_as_telegram_sends_them(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    await emulator_client.send_sticker(ANN)
    await emulator_client.send_photo(ANN, caption="my bike")
    await emulator_client.send_location(ANN, 48.1, 11.6)
    await emulator_client.send_voice(ANN, 4)
    updates = await bot.get_updates(timeout=0)
    messages = [u.message for u in updates if u.message is not None]
    kinds = [(bool(m.sticker), bool(m.photo), bool(m.location), bool(m.voice))
             for m in messages]
    assert kinds == [(True, False, False, False), (False, True, False, False),
                     (False, False, True, False), (False, False, False, True)]
    assert messages[1].caption == "my bike"


async def test_wrong_token_and_unknown_method_answer_bot_api_errors(
    emulator: BotApiEmulator,
) -> None:
    async with httpx.AsyncClient() as http:
        wrong = await http.post(f"{emulator.base_url}1:wrong/getMe")
        unknown = await http.post(f"{emulator.base_url}{emulator.token}/sendTelepathy",
                                  json={"chat_id": 1})
        form = await http.post(f"{emulator.base_url}{emulator.token}/sendMessage",
                               data={"chat_id": "5", "text": "form encoded"})
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404,
                              "description": "Not Found: method not found"}
    assert form.json()["result"]["chat"]["id"] == 5


@pytest.mark.parametrize(("path", "body"), [
    ("/send_message", "not json"),
    ("/send_message", {"text": "no user"}),
    ("/send_message", {"user": {"id": -5}, "text": "negative id"}),
    ("/send_message", {"user": {"id": 1}, "text": ""}),
    ("/send_message", ["a", "list"]),
    ("/send_command", {"user": {"id": 1}, "command": "has space"}),
    ("/press_button", {"user": {"id": 1}, "data": "x"}),
    ("/press_button", {"user": {"id": 1}, "data": "x", "message": {"no": "chat"}}),
    ("/updates", {"update": {"update_id": "seven", "message": {}}}),
    ("/updates", {"update": {}}),
    ("/faults", {"kind": "meteor"}),
    ("/limits", {"global_per_second": 0}),
    ("/replay", {"update_id": 424242}),
    ("/send_document", {"user": {"id": 1}, "content_base64": "%%%"}),
])
async def test_malformed_control_requests_get_400_and_the_server_survives(
    emulator: BotApiEmulator, path: str, body: Any,
) -> None:
    async with httpx.AsyncClient(base_url=emulator.control_url) as http:
        if isinstance(body, str):
            response = await http.post(path, content=body)
        else:
            response = await http.post(path, json=body)
        assert response.status_code in (400, 404), response.text
        assert response.json()["ok"] is False and response.json()["error"]
        bad_query = await http.get("/messages", params={"chat_id": "abc"})
        assert bad_query.status_code == 400
        assert (await http.get("/health")).status_code == 200


# ---------------------------------------------------------------- webhook delivery
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_delivery_carries_the_secret_token(
    emulator: BotApiEmulator, emulator_client: EmulatorClient,
) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"hook: {update.effective_message.text}")

    app: Application = (
        ApplicationBuilder().token(emulator.token).base_url(emulator.base_url).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    port = _free_port()
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook", secret_token="s3cret-Token_1")
        try:
            await emulator_client.send_text(ANN, "via webhook")
            await emulator_client.send_text(ANN, "second")
            replies = await emulator_client.wait_for_messages(ANN.id, 2)
            assert [m.text for m in replies] == ["hook: via webhook", "hook: second"]
            deliveries = await emulator_client.webhook_deliveries()
            assert [d["status"] for d in deliveries] == [200, 200]

            status, _ = await emulator_client.post_to_webhook(
                {"update_id": 1, "message": {}}, secret_token="wrong")
            assert status == 403
            state = await emulator_client.state()
            assert state["webhook"]["secret_token"] == "s3cret-Token_1"
        finally:
            await app.updater.stop()
            await app.stop()


async def test_emulator_runs_as_a_process() -> None:
    server = await asyncio.to_thread(EmulatorProcess.start)
    try:
        async with EmulatorClient(server.url) as client:
            await client.send_text(ANN, "hello")
            assert (await client.state())["pending_updates"] == 1
        async with Bot(server.token, base_url=server.base_url) as ptb_bot:
            [update] = await ptb_bot.get_updates(timeout=0)
            assert update.message is not None and update.message.text == "hello"
    finally:
        await asyncio.to_thread(server.stop)


async def test_second_poller_and_polling_during_webhook_get_409(
    bot: Bot, emulator: BotApiEmulator, emulator_client: EmulatorClient,
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=dtm.timedelta(seconds=3),
                                                read_timeout=5))
    await asyncio.sleep(0.2)
    async with Bot(emulator.token, base_url=emulator.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
        await first

    port = _free_port()  # nothing listens there: deliveries fail and are retried
    assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="abc")
    with pytest.raises(Conflict, match=r"(?i)webhook is active"):
        await bot.get_updates(timeout=0)
    await emulator_client.send_text(ANN, "queued while the bot is down")
    await asyncio.sleep(0.3)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 1
    assert info.last_error_message is not None
    assert await bot.delete_webhook()
    [update] = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.text == "queued while the bot is down"
