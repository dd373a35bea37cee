"""Daily check-ins: /checkin now|on|off|HH:MM and the done/missed/swapped/pain buttons."""

from __future__ import annotations

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import jobs
from bot.callback_data import BadCallbackData
from bot.handlers.common import Context, services
from bot.replies import answer_press
from bot.respond import athlete_id_for, respond
from coach.language import t
from usecases import checkins
from usecases.replies import Reply

# /cancel (bot/handlers/account.py) still clears this old in-memory key; the awaited
# answer itself now lives in the database (usecases/checkins.py).
AWAITING_KEY = "awaiting"


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


def _fields(update: Update, context: Context) -> tuple[str, str] | None:
    user, query = update.effective_user, update.callback_query
    if user is None or query is None:
        return None
    try:
        fields = services(context).signer.unpack(user.id, query.data).fields
    except BadCallbackData:
        return None
    return (fields[0], fields[1]) if len(fields) == 2 else None


async def on_status(update: Update, context: Context) -> None:
    """done / missed / swapped / pain pressed on a check-in prompt."""
    fields = _fields(update, context)
    if fields is None:
        await answer_press(update, Reply(text="", toast=t("checkins.invalid"), alert=True))
        return
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    await respond(update, context, checkins.record_status(
        uow=services(context), athlete_id=athlete_id, stamp=fields[0], status=fields[1]))


async def on_reason(update: Update, context: Context) -> None:
    """A quick reason pressed after "missed": options for the missed session."""
    fields = _fields(update, context)
    if fields is None:
        await answer_press(update, Reply(text="", toast=t("checkins.invalid"), alert=True))
        return
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    await respond(update, context, checkins.record_reason(
        uow=services(context), athlete_id=athlete_id, stamp=fields[0], code=fields[1]))


HANDLERS = [
    CommandHandler("checkin", checkin_command),
    CallbackQueryHandler(on_status, pattern=rf"^{checkins.STATUS_ACTION}:"),
    CallbackQueryHandler(on_reason, pattern=rf"^{checkins.REASON_ACTION}:"),
]
