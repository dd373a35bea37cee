"""/week (the athlete's week as a picture) and /coach week (the coach's roster)."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot import charts
from bot.handlers.common import Context, services
from bot.respond import athlete_id_for, respond
from usecases.replies import Reply
from usecases.week import (
    Which,
    load_roster,
    load_week,
    roster_reply,
    set_weekly_summary,
    week_reply,
)

COACH_WEEK = r"^/coach(@\w+)?\s+week\b"


def _which(args: list[str] | None) -> Which:
    return "last" if args and args[0].lower() in ("last", "previous") else "this"


async def week_command(update: Update, context: Context) -> None:
    """/week [last]: the week as a picture, with a one-line summary and its alt text;
    /week on [day] [HH:MM] | off: the weekly summary."""
    svc = services(context)
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    if context.args and context.args[0].lower() in ("on", "off"):
        await respond(update, context, set_weekly_summary(svc, athlete_id=athlete_id,
                                                          args=context.args))
        return
    week, language = load_week(svc, athlete_id=athlete_id, which=_which(context.args))
    # Drawing is a fraction of a second of CPU: in a worker thread, off the event loop.
    reply = await asyncio.to_thread(week_reply, week, draw=charts.week_chart, language=language)
    await respond(update, context, reply)


async def coach_week_command(update: Update, context: Context) -> None:
    """/coach week [last]: the roster picture and text; /coach week on [HH:MM] | off: the
    Monday-morning summary (coach ids only)."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return
    svc = services(context)
    words = (message.text or "").split()[2:]
    if words and words[0].lower() in ("on", "off") and svc.is_coach(user.id):
        athlete_id = await athlete_id_for(update, context, create=False)
        if athlete_id is not None:
            await respond(update, context, set_weekly_summary(
                svc, athlete_id=athlete_id, args=words, coach=True))
        return
    roster = load_roster(svc, telegram_user_id=user.id, which=_which(words))
    reply: Reply = roster if isinstance(roster, Reply) else await asyncio.to_thread(
        roster_reply, roster, draw=charts.roster_chart)
    await respond(update, context, reply)


HANDLERS = [
    MessageHandler(filters.Regex(COACH_WEEK) & filters.ChatType.PRIVATE, coach_week_command),
    CommandHandler("week", week_command, filters=filters.ChatType.PRIVATE),
]
