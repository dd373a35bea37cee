"""/plan shows the weekly plan; /plan Mon easy 40, Sat long 90 replaces it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.common import Context, services
from bot.respond import respond
from usecases import account


async def plan_command(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    text = " ".join(context.args or [])
    svc = services(context)
    replies = (account.replace_plan(svc, telegram_user_id=user.id, text=text) if text
               else account.show_plan(svc, telegram_user_id=user.id))
    await respond(update, context, replies)


HANDLERS = [CommandHandler("plan", plan_command)]
