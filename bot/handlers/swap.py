"""/swap, the option buttons, "which session?" buttons, Details, and clearing a hold."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callback_data import BadCallbackData
from bot.handlers.common import Context, services
from bot.replies import answer_press
from bot.respond import athlete_id_for, respond
from coach.language import t
from usecases import safety, swaps
from usecases.replies import Reply


def _fields(update: Update, context: Context, count: int) -> tuple[str, ...] | None:
    user, query = update.effective_user, update.callback_query
    if user is None or query is None:
        return None
    try:
        fields = services(context).signer.unpack(user.id, query.data).fields
    except BadCallbackData:
        return None
    return fields if len(fields) == count else None


async def _invalid(update: Update) -> None:
    await answer_press(update, Reply(text="", toast=t("swaps.invalid"), alert=True))


async def swap_command(update: Update, context: Context) -> None:
    """/swap [what you missed and why]: options for that session, sized from the plan."""
    # /swap counts as starting anew (usecases/identity.py).
    athlete_id = await athlete_id_for(update, context, create=True)
    if athlete_id is None:
        return
    reply = swaps.offer_swap(uow=services(context), athlete_id=athlete_id,
                             text=" ".join(context.args or []))
    await respond(update, context, reply)


async def on_choice(update: Update, context: Context) -> None:
    """An offered option (or Skip) pressed: log exactly that one."""
    fields = _fields(update, context, 2)
    if fields is None:
        await _invalid(update)
        return
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    await respond(update, context, swaps.choose_option(
        uow=services(context), athlete_id=athlete_id, substitution_id=fields[0],
        choice=fields[1]))


async def on_details(update: Update, context: Context) -> None:
    """Details: structure, reasons and the article's section of each option."""
    fields = _fields(update, context, 1)
    if fields is None:
        await _invalid(update)
        return
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    await respond(update, context, swaps.swap_details(
        uow=services(context), athlete_id=athlete_id, substitution_id=fields[0]))


async def on_session(update: Update, context: Context) -> None:
    """A plan session pressed in answer to "which session was it?"."""
    fields = _fields(update, context, 2)
    if fields is None:
        await _invalid(update)
        return
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    await respond(update, context, swaps.choose_session(
        uow=services(context), athlete_id=athlete_id, substitution_id=fields[0],
        weekday=fields[1]))


async def cleared_command(update: Update, context: Context) -> None:
    """/cleared: checked and cleared by a professional; suggestions resume."""
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    await respond(update, context, safety.clear_hold(uow=services(context),
                                                   athlete_id=athlete_id))


async def on_cleared(update: Update, context: Context) -> None:
    """The "I've been checked and cleared" button."""
    if _fields(update, context, 1) != (safety.CLEAR,):
        await _invalid(update)
        return
    await cleared_command(update, context)


HANDLERS = [
    CommandHandler("swap", swap_command),
    CommandHandler("cleared", cleared_command),
    CallbackQueryHandler(on_choice, pattern=rf"^{swaps.CHOOSE_ACTION}:"),
    CallbackQueryHandler(on_details, pattern=rf"^{swaps.DETAILS_ACTION}:"),
    CallbackQueryHandler(on_session, pattern=rf"^{swaps.SESSION_ACTION}:"),
    CallbackQueryHandler(on_cleared, pattern=rf"^{safety.HOLD_ACTION}:"),
]
