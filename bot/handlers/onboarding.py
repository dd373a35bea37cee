"""/start, the onboarding answers (typed or tapped), /skip and /cancel.

Which question awaits an answer is in the database (``usecases.onboarding``), so a
restart mid-onboarding resumes where the athlete was. Registered in a group before the
others: a text answer is taken only while a question awaits it; otherwise the update
goes on to the other handlers.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.callback_data import BadCallbackData
from bot.handlers.common import Context, private_chat_id, services
from bot.respond import respond
from coach.language import t
from usecases import onboarding
from usecases.replies import Reply


async def on_start(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    replies = onboarding.start(services(context), telegram_user_id=user.id,
                               chat_id=private_chat_id(update), name=user.first_name)
    await respond(update, context, replies)
    raise ApplicationHandlerStop


async def on_text(update: Update, context: Context) -> None:
    """An answer to the question awaiting one; anything else passes on."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    replies = await onboarding.answer_typed(services(context), telegram_user_id=user.id,
                                            text=message.text)
    if replies is None:
        return
    await respond(update, context, replies)
    raise ApplicationHandlerStop


async def on_skip(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await respond(update, context, onboarding.skip(services(context), telegram_user_id=user.id))
    raise ApplicationHandlerStop


async def on_cancel(update: Update, context: Context) -> None:
    """/cancel stops onboarding; outside onboarding it passes on to the general /cancel."""
    user = update.effective_user
    assert user is not None
    replies = onboarding.cancel(services(context), telegram_user_id=user.id)
    if replies is None:
        return
    await respond(update, context, replies)
    raise ApplicationHandlerStop


async def on_button(update: Update, context: Context) -> None:
    user, query = update.effective_user, update.callback_query
    assert user is not None and query is not None
    try:
        callback = services(context).signer.unpack(user.id, query.data)
    except BadCallbackData:
        await respond(update, context, Reply(text="", toast=t("onboarding.invalid_button"),
                                             alert=True))
        raise ApplicationHandlerStop from None
    if callback.action != onboarding.ACTION or len(callback.fields) != 2:
        await respond(update, context, Reply(text="", toast=t("onboarding.stale_button")))
        raise ApplicationHandlerStop
    step, value = callback.fields
    await respond(update, context, onboarding.choose(
        services(context), telegram_user_id=user.id, step=step, value=value))
    raise ApplicationHandlerStop


# Registered in a group before the other handlers; each stops the update when it was
# onboarding's, and lets it pass on otherwise.
HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("start", on_start),
    CommandHandler("skip", on_skip),
    CommandHandler("cancel", on_cancel),
    CallbackQueryHandler(on_button, pattern=rf"^{onboarding.ACTION}:"),
    MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
]
