"""A real PTB Application on the offline request class, driven by ``process_update``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.bot.offline_request import OfflineRequest
from tests.bot.updates import (
    DEFAULT_TOKEN,
    TgUser,
    callback_query_update,
    command_update,
    document_update,
    inline_keyboard,
    location_update,
    photo_update,
    sticker_update,
    voice_update,
)
from tests.e2e.botapi import RateLimits

ANN = TgUser(id=2001, first_name="Ann", username="ann_runs")
BEN = TgUser(id=2002, first_name="Ben")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Skip", callback_data="skip")]])
    await update.effective_message.reply_text("<b>Welcome</b>, runner!", parse_mode="HTML",
                                              reply_markup=keyboard)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"You chose {query.data}")


async def other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_chat is not None
    await context.bot.send_chat_action(update.effective_chat.id, "typing")
    await update.effective_message.reply_text("I understand text messages.")


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    payload = json.dumps({"athlete": update.effective_chat.id}).encode()
    await context.bot.send_document(update.effective_chat.id, payload, filename="export.json")


@pytest.fixture
def request_class() -> OfflineRequest:
    return OfflineRequest()


@pytest.fixture
async def app(request_class: OfflineRequest) -> AsyncIterator[Application]:
    application = (ApplicationBuilder().token(DEFAULT_TOKEN).request(request_class)
                   .get_updates_request(request_class).build())
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("export", export))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_handler(MessageHandler(~filters.COMMAND, other))
    async with application:
        yield application


async def test_command_reply_is_recorded_with_html_and_keyboard(
    app: Application, request_class: OfflineRequest,
) -> None:
    await app.process_update(Update.de_json(command_update(ANN, "start"), app.bot))

    assert request_class.methods()[-1] == "sendMessage"
    [sent] = request_class.sent_messages(ANN.id)
    assert sent["text"] == "<b>Welcome</b>, runner!" and sent["parse_mode"] == "HTML"
    assert sent["reply_markup"] == inline_keyboard([("Skip", "skip")])
    assert request_class.last_text(ANN.id) == "Welcome, runner!"
    assert request_class.texts(BEN.id) == []


async def test_button_press_is_answered_and_edits_the_message(
    app: Application, request_class: OfflineRequest,
) -> None:
    payload = callback_query_update(ANN, "skip", message_text="Welcome",
                                    reply_markup=inline_keyboard([("Skip", "skip")]))
    await app.process_update(Update.de_json(payload, app.bot))

    assert request_class.methods()[-2:] == ["answerCallbackQuery", "editMessageText"]
    assert request_class.last_text(ANN.id) == "You chose skip"
    [answer] = request_class.callback_answers()
    assert answer["callback_query_id"] == payload["callback_query"]["id"]


@pytest.mark.parametrize("factory", [sticker_update, photo_update, location_update,
                                     voice_update, document_update])
async def test_non_text_updates_reach_the_fallback(
    app: Application, request_class: OfflineRequest, factory: object,
) -> None:
    assert callable(factory)
    await app.process_update(Update.de_json(factory(BEN), app.bot))
    assert request_class.methods()[-2:] == ["sendChatAction", "sendMessage"]
    assert request_class.last_text(BEN.id) == "I understand text messages."


async def test_documents_are_recorded_with_bytes(
    app: Application, request_class: OfflineRequest,
) -> None:
    await app.process_update(Update.de_json(command_update(ANN, "export"), app.bot))
    [(name, content)] = request_class.documents(ANN.id)
    assert name == "export.json" and json.loads(content) == {"athlete": ANN.id}


async def test_unexpected_method_fails_the_test(app: Application) -> None:
    with pytest.raises(pytest.fail.Exception, match="unexpected Bot API call getChat"):
        await app.bot.get_chat(ANN.id)


async def test_lenient_mode_answers_unknown_methods_with_404() -> None:
    request = OfflineRequest(strict=False)
    app = ApplicationBuilder().token(DEFAULT_TOKEN).request(request).build()
    async with app:
        with pytest.raises(Exception, match=r"(?i)not found"):
            await app.bot.get_chat(ANN.id)
    assert [call.method for call in request.unexpected] == ["getChat"]


async def test_injected_faults_raise_ptb_errors(
    app: Application, request_class: OfflineRequest,
) -> None:
    request_class.block_chat(ANN.id)
    with pytest.raises(Forbidden):
        await app.bot.send_message(ANN.id, "check-in")
    assert (await app.bot.send_message(BEN.id, "check-in")).chat.id == BEN.id

    request_class.fail_chat(BEN.id, "retry_after", retry_after=7, times=1)
    with pytest.raises(RetryAfter):
        await app.bot.send_message(BEN.id, "x")
    request_class.fail_chat(BEN.id, "timed_out", times=1, after_effect=True)
    with pytest.raises(TimedOut):
        await app.bot.send_message(BEN.id, "maybe sent")
    request_class.fail_chat(BEN.id, "network_error", times=1)
    with pytest.raises(NetworkError):
        await app.bot.send_message(BEN.id, "not sent")

    assert [m["text"] for m in request_class.sent_messages(BEN.id)] == ["check-in",
                                                                         "maybe sent"]
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await app.bot.send_message(BEN.id, "pace < 5:00", parse_mode="HTML")


async def test_random_failures_are_seeded_and_limits_recorded() -> None:
    request = OfflineRequest(limits=RateLimits(global_per_second=10))
    request.fail_randomly(0.5)
    app = ApplicationBuilder().token(DEFAULT_TOKEN).request(request).build()
    outcomes = []
    async with app:
        for chat_id in range(1, 41):
            try:
                await app.bot.send_message(chat_id, "hi")
                outcomes.append("ok")
            except (TimedOut, NetworkError) as exc:
                outcomes.append(type(exc).__name__)
    assert 8 < outcomes.count("ok") < 32
    assert {"TimedOut", "NetworkError"} <= set(outcomes)
    assert request.violations and request.violations[0].kind == "global"
