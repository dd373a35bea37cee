"""Daily check-ins: /checkin now|on|off|HH:MM and the done/missed/swapped/pain buttons."""

from __future__ import annotations

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import jobs
from bot.handlers.common import Context, services
from bot.respond import athlete_id_for, press_handler, respond
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


# done / missed / swapped / pain pressed on a check-in prompt.
on_status = press_handler(checkins.record_status, "stamp", "status",
                          invalid="checkins.invalid")
# A quick reason pressed after "missed": options for the missed session.
on_reason = press_handler(checkins.record_reason, "stamp", "code", invalid="checkins.invalid")


HANDLERS = [
    CommandHandler("checkin", checkin_command),
    CallbackQueryHandler(on_status, pattern=rf"^{checkins.STATUS_ACTION}:"),
    CallbackQueryHandler(on_reason, pattern=rf"^{checkins.REASON_ACTION}:"),
]
