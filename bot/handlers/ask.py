"""Questions and free text: /ask, and routing of anything typed outside a conversation."""

from __future__ import annotations

import logging
from datetime import date

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.handlers.checkin import AWAITING_KEY, handle_pain, handle_reason
from bot.handlers.common import (
    Context,
    athlete_key,
    current_athlete,
    reply,
    services,
    typing_while_slow,
)
from bot.handlers.swap import offer_swap
from bot.render import answer_html, escape
from bot.services import Services
from coach.intent import Intent, is_health_related, route, with_previous_question
from storage import repository
from storage.models import Athlete

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000


async def ask_command(update: Update, context: Context) -> None:
    """/ask QUESTION: an answer from the coach's articles, with its source."""
    question = " ".join(context.args or [])
    if not question.strip():
        await reply(
            update,
            context,
            escape(
                "Ask me anything about cross-training, e.g. /ask what can I do instead of running "
                "with a sore knee?"
            ),
        )
        return
    await answer_question(update, context, question)


async def answer_question(update: Update, context: Context, question: str) -> None:
    svc = services(context)
    athlete = current_athlete(update, context)
    with svc.transaction() as session:
        previous = next(
            (
                turn.text
                for turn in reversed(
                    repository.recent_turns(session=session, athlete_id=athlete_key(athlete))
                )
                if turn.role == "athlete"
            ),
            None,
        )
    # A follow-up ("what about swimming?") carries the subject of the question before it,
    # and is remembered with it, so a second follow-up still knows the subject.
    question = with_previous_question(question, previous)
    async with typing_while_slow(update, context):
        answer = await svc.answerer.aanswer(question, athlete=repository.to_context(athlete))
    if athlete.health_consent or not is_health_related(question):
        # A question about their body is a health detail: remembered only with consent
        # (without it, follow-ups to that question lose their subject).
        _remember(svc, athlete, question, answer.text)
    await reply(update, context, answer_html(answer))


def _remember(svc: Services, athlete: Athlete, question: str, answer: str) -> None:
    with svc.transaction() as session:
        repository.add_turn(
            session=session,
            athlete_id=athlete_key(athlete),
            role="athlete",
            text=question[-1000:],
            now=svc.now(),
        )
        repository.add_turn(
            session=session,
            athlete_id=athlete_key(athlete),
            role="bot",
            text=answer[:1000],
            now=svc.now(),
        )


async def on_text(update: Update, context: Context) -> None:
    """Free text: a pending check-in answer, a red flag, a missed run, pain, or a question."""
    message = update.effective_message
    text = (message.text or "").strip() if message else ""
    if not text:
        return
    if len(text) > MAX_MESSAGE_CHARS:
        await reply(
            update,
            context,
            escape(
                "That message is too long for me. Please send it in a few sentences "
                f"(under {MAX_MESSAGE_CHARS} characters)."
            ),
        )
        return
    awaiting = context.user_data.pop(AWAITING_KEY, None) if context.user_data else None
    if isinstance(awaiting, tuple) and len(awaiting) == 2:
        kind, stamp = awaiting
        day = date.fromisoformat(stamp)
        if kind == "reason":
            await handle_reason(update, context, day=day, reason=text)
            return
        if kind == "pain":
            await handle_pain(update, context, day=day, text=text)
            return
    routed = route(text)
    if routed.intent is Intent.RED_FLAG:
        await offer_swap(
            update, context, text="", reason=text, intro="Thanks for telling me. Safety first:"
        )
    elif routed.intent is Intent.MISSED_RUN:
        await offer_swap(update, context, text=text, reason=text)
    elif routed.intent is Intent.PAIN:
        await offer_swap(
            update,
            context,
            text=text,
            reason=text,
            intro=(
                "Sorry it hurts. If the pain rises during a run or turns sharp, stop. "
                "Here's something gentler for today."
            ),
        )
    elif routed.intent is Intent.GREETING:
        athlete = current_athlete(update, context)
        hint = "" if athlete.onboarded else " Send /start so I can get to know you."
        await reply(
            update,
            context,
            escape(
                f"Hi {athlete.name or 'there'}! Ask me a cross-training question or tell me "
                f"about a missed run.{hint}"
            ),
        )
    elif routed.intent is Intent.THANKS:
        await reply(update, context, "You're welcome! Keep it easy, keep it fun. 🏃")
    else:
        await answer_question(update, context, text)


HANDLERS = [
    CommandHandler("ask", ask_command),
    MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
]
