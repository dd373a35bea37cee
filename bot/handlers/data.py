"""/export (all the athlete's data as a JSON file) and /forget (erase it, after asking)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callback_data import BadCallbackData
from bot.handlers.common import Context, services
from bot.respond import respond
from coach.language import t
from usecases import account
from usecases.replies import Reply


async def export_command(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await respond(update, context, account.export(services(context), telegram_user_id=user.id))


async def forget_command(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await respond(update, context, account.ask_forget(services(context),
                                                      telegram_user_id=user.id))


async def on_forget(update: Update, context: Context) -> None:
    user, query = update.effective_user, update.callback_query
    assert user is not None and query is not None
    svc = services(context)
    try:
        callback = svc.signer.unpack(user.id, query.data)
    except BadCallbackData:
        await respond(update, context, Reply(text="", toast=t("account.invalid_button"),
                                             alert=True))
        return
    replies = account.confirm_forget(svc, telegram_user_id=user.id,
                                     confirmed=callback.fields == ("yes",))
    if callback.fields == ("yes",) and context.user_data is not None:
        context.user_data.clear()
    await respond(update, context, replies)


HANDLERS = [
    CommandHandler("export", export_command),
    CommandHandler("forget", forget_command),
    CallbackQueryHandler(on_forget, pattern=rf"^{account.FORGET_ACTION}:"),
]
