"""/help, /cancel outside a conversation, and a friendly word for what we don't
understand: unknown commands, stickers and photos, old or forged buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.handlers.common import Context
from bot.respond import respond
from coach.language import t
from usecases import account
from usecases.replies import Reply


async def help_command(update: Update, context: Context) -> None:
    await respond(update, context, account.help_reply())


async def cancel_command(update: Update, context: Context) -> None:
    """/cancel outside onboarding."""
    await respond(update, context, Reply(text=t("account.cancelled")))


async def unknown_command(update: Update, context: Context) -> None:
    await respond(update, context, Reply(text=t("account.unknown_command")))


async def non_text(update: Update, context: Context) -> None:
    await respond(update, context, Reply(text=t("account.non_text")))


async def stale_button(update: Update, context: Context) -> None:
    """Any button no other handler claimed: old, forged or malformed data."""
    await respond(update, context, Reply(text="", toast=t("account.stale_button"), alert=True))


HANDLERS = [
    CommandHandler("help", help_command),
    CommandHandler("cancel", cancel_command),
]
# Registered after every other handler.
FALLBACK_HANDLERS = [
    MessageHandler(filters.COMMAND, unknown_command),
    MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, non_text),
    CallbackQueryHandler(stale_button),
]
