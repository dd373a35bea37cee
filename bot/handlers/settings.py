"""/settings [timezone ZONE | checkin HH:MM|on|off | consent on|off]"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.common import Context, services
from bot.respond import respond
from usecases import account


async def settings_command(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await respond(update, context, account.settings(
        services(context), telegram_user_id=user.id, args=" ".join(context.args or [])))


HANDLERS = [CommandHandler("settings", settings_command)]
