"""/swap, the option buttons, "which session?" buttons, Details, and clearing a hold."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.handlers.common import Context, services
from bot.replies import answer_press
from bot.respond import athlete_id_for, press_handler, pressed, respond
from coach.language import t
from usecases import safety, swaps
from usecases.replies import Reply


async def swap_command(update: Update, context: Context) -> None:
    """/swap [what you missed and why]: options for that session, sized from the plan."""
    # /swap counts as starting anew (usecases/identity.py).
    athlete_id = await athlete_id_for(update, context, create=True)
    if athlete_id is None:
        return
    reply = swaps.offer_swap(uow=services(context), athlete_id=athlete_id,
                             text=" ".join(context.args or []))
    await respond(update, context, reply)


# An offered option (or Skip) pressed: log exactly that one.
on_choice = press_handler(swaps.choose_option, "substitution_id", "choice",
                          invalid="swaps.invalid")
# Details: structure, reasons and the article's section of each option.
on_details = press_handler(swaps.swap_details, "substitution_id", invalid="swaps.invalid")
# A plan session pressed in answer to "which session was it?".
on_session = press_handler(swaps.choose_session, "substitution_id", "weekday",
                           invalid="swaps.invalid")


async def cleared_command(update: Update, context: Context) -> None:
    """/cleared: checked and cleared by a professional; suggestions resume."""
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    await respond(update, context, safety.clear_hold(uow=services(context),
                                                   athlete_id=athlete_id))


async def on_cleared(update: Update, context: Context) -> None:
    """The "I've been checked and cleared" button."""
    press = await pressed(update, context, fields=1, invalid=t("swaps.invalid"))
    if press is None:
        return
    athlete_id, (what,) = press
    if what != safety.CLEAR:
        await answer_press(update, Reply(text="", toast=t("swaps.invalid"), alert=True))
        return
    await respond(update, context, safety.clear_hold(uow=services(context),
                                                   athlete_id=athlete_id))


HANDLERS = [
    CommandHandler("swap", swap_command),
    CommandHandler("cleared", cleared_command),
    CallbackQueryHandler(on_choice, pattern=rf"^{swaps.CHOOSE_ACTION}:"),
    CallbackQueryHandler(on_details, pattern=rf"^{swaps.DETAILS_ACTION}:"),
    CallbackQueryHandler(on_session, pattern=rf"^{swaps.SESSION_ACTION}:"),
    CallbackQueryHandler(on_cleared, pattern=rf"^{safety.HOLD_ACTION}:"),
]
