"""What every handler needs: the services, the chat, and replies that fit Telegram.

Who the athlete is: ``bot.respond.athlete_id_for`` (over ``usecases.identity``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.render import split_message
from bot.services import Services
from storage.models import Athlete

log = logging.getLogger(__name__)

SERVICES_KEY = "services"
Context = ContextTypes.DEFAULT_TYPE




def services(context: Context) -> Services:
    service = context.bot_data.get(SERVICES_KEY)
    if not isinstance(service, Services):
        raise RuntimeError("services are created in post_init; the application is not started")
    return service


def private_chat_id(update: Update) -> int:
    """The athlete's chat: their private chat with the bot (its id is their user id); a
    message in a group must never send their check-ins to that group from then on."""
    user, chat = update.effective_user, update.effective_chat
    if user is None:
        raise ValueError("update without a user")
    return chat.id if chat is not None and chat.type == ChatType.PRIVATE else user.id


def athlete_key(athlete: Athlete) -> int:
    """The database id of a stored athlete (always set once the row exists)."""
    if athlete.id is None:
        raise RuntimeError("athlete is not stored yet")
    return athlete.id


async def send_html(
    context: Context,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send ``text`` (already HTML-escaped) in as many messages as needed; buttons go last."""
    chunks = split_message(text)
    sent: Message | None = None
    for index, chunk in enumerate(chunks):
        markup = reply_markup if index == len(chunks) - 1 else None
        sent = await context.bot.send_message(chat_id=chat_id, text=chunk, reply_markup=markup)
    return sent


async def reply(update: Update, context: Context, text: str, **kwargs: Any) -> Message | None:
    chat = update.effective_chat
    if chat is None:
        return None
    return await send_html(context, chat.id, text, **kwargs)


TYPING_AFTER_SECONDS = 0.3
TYPING_REFRESH_SECONDS = 4.5  # Telegram shows the indicator for about five seconds


@contextlib.asynccontextmanager
async def typing_while_slow(update: Update, context: Context) -> AsyncIterator[None]:
    """Show "typing…" when the work inside takes longer than a moment.

    Most answers take milliseconds; an extra API call for each would double the bot's
    requests against Telegram's flood limits for nothing. A slow answer (an LLM) gets the
    indicator, refreshed until the reply is ready.
    """
    chat = update.effective_chat

    async def keep_typing(chat_id: int) -> None:
        await asyncio.sleep(TYPING_AFTER_SECONDS)
        while True:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)
            await asyncio.sleep(TYPING_REFRESH_SECONDS)

    task = asyncio.create_task(keep_typing(chat.id)) if chat is not None else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def answer_callback(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Always answer a button press so the client stops its spinner."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.answer(text=text, show_alert=alert)
    except TelegramError:
        log.debug("answering a callback query failed", exc_info=True)


async def drop_buttons(update: Update) -> None:
    """Remove the buttons of the message a press came from, so it cannot be pressed twice."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(reply_markup=None)
