"""Daily check-ins: /checkin now|on|off|HH:MM and the done/missed/swapped/pain buttons."""

from __future__ import annotations

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import jobs
from bot.handlers.common import Context, services
from bot.respond import athlete_id_for, pressed, respond
from coach.language import t
from usecases import checkins


async def checkin_command(update: Update, context: Context) -> None:
    """/checkin now | on | off | HH:MM"""
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    argument = context.args[0] if context.args else "now"
    if argument.lower() == "now":
        reply = checkins.checkin_now(uow=services(context), athlete_id=athlete_id)
        try:
            await respond(update, context, reply)
        except Forbidden:
            jobs.pause_blocked(context, athlete_id)
        return
    await respond(update, context, checkins.set_checkins(uow=services(context),
                                                         athlete_id=athlete_id,
                                                         argument=argument))


async def on_status(update: Update, context: Context) -> None:
    """done / missed / swapped / pain pressed on a check-in prompt."""
    press = await pressed(update, context, fields=2, invalid=t("checkins.invalid"))
    if press is None:
        return
    athlete_id, (stamp, value) = press
    await respond(update, context, checkins.record_status(
        uow=services(context), athlete_id=athlete_id, stamp=stamp, status=value))


async def on_reason(update: Update, context: Context) -> None:
    """A quick reason pressed after "missed": options for the missed session."""
    press = await pressed(update, context, fields=2, invalid=t("checkins.invalid"))
    if press is None:
        return
    athlete_id, (stamp, value) = press
    await respond(update, context, checkins.record_reason(
        uow=services(context), athlete_id=athlete_id, stamp=stamp, code=value))


HANDLERS = [
    CommandHandler("checkin", checkin_command),
    CallbackQueryHandler(on_status, pattern=rf"^{checkins.STATUS_ACTION}:"),
    CallbackQueryHandler(on_reason, pattern=rf"^{checkins.REASON_ACTION}:"),
]
