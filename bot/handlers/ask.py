"""Questions and free text: /ask, and anything typed outside a command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.handlers.common import Context, athlete_key, current_athlete, services, typing_while_slow
from bot.replies import send_replies
from usecases import messages, questions
from usecases.replies import Reply


async def _send(update: Update, context: Context, reply: Reply) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    await send_replies(context, chat_id=chat.id, user_id=user.id,
                       signer=services(context).signer, replies=reply)


async def ask_command(update: Update, context: Context) -> None:
    """/ask QUESTION: an answer from their own plan or the coach's articles."""
    athlete_id = athlete_key(current_athlete(update, context))
    async with typing_while_slow(update, context):
        reply = await questions.answer_question(ports=services(context), athlete_id=athlete_id,
                                                text=" ".join(context.args or []))
    await _send(update, context, reply)


async def on_text(update: Update, context: Context) -> None:
    """Free text: a check-in answer, a red flag, a missed run, pain, or a question."""
    message = update.effective_message
    text = (message.text or "") if message else ""
    if not text.strip():
        return
    athlete_id = athlete_key(current_athlete(update, context))
    async with typing_while_slow(update, context):
        reply = await messages.handle_text(ports=services(context), athlete_id=athlete_id,
                                           text=text)
    await _send(update, context, reply)


HANDLERS = [
    CommandHandler("ask", ask_command),
    MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
]
