"""Questions and free text: /ask, and anything typed outside a command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.handlers.common import Context, services, typing_while_slow
from bot.respond import athlete_id_for, respond
from usecases import messages, questions


async def ask_command(update: Update, context: Context) -> None:
    """/ask QUESTION: an answer from their own plan or the coach's articles."""
    # Asking counts as starting anew (usecases/identity.py).
    athlete_id = await athlete_id_for(update, context, create=True)
    if athlete_id is None:
        return
    async with typing_while_slow(update, context):
        reply = await questions.answer_question(ports=services(context), athlete_id=athlete_id,
                                                text=" ".join(context.args or []))
    await respond(update, context, reply)


async def on_text(update: Update, context: Context) -> None:
    """Free text: a check-in answer, a red flag, a missed run, pain, or a question."""
    message = update.effective_message
    text = (message.text or "") if message else ""
    if not text.strip():
        return
    athlete_id = await athlete_id_for(update, context, create=True)
    if athlete_id is None:
        return
    async with typing_while_slow(update, context):
        reply = await messages.handle_text(ports=services(context), athlete_id=athlete_id,
                                           text=text)
    await respond(update, context, reply)


HANDLERS = [
    CommandHandler("ask", ask_command),
    MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
]
