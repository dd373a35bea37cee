"""/profile: what I know about the athlete."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.common import Context, services
from bot.respond import respond
from usecases import account


async def profile_command(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await respond(update, context, account.profile(services(context), telegram_user_id=user.id))


HANDLERS = [CommandHandler("profile", profile_command)]
