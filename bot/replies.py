"""Turn use-case reply models into Telegram messages: escaped HTML, signed buttons, files."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.callback_data import CallbackSigner
from bot.render import escape, split_message
from usecases.replies import Reply


def markup_for(
    reply: Reply, signer: CallbackSigner, user_id: int
) -> InlineKeyboardMarkup | None:
    """The reply's buttons, each signed for ``user_id`` alone."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    button.label, callback_data=signer.pack(user_id, button.action, *button.args)
                )
                for button in row
            ]
            for row in reply.buttons
        ]
    )


async def send_replies(
    context: ContextTypes.DEFAULT_TYPE,
    *,
    chat_id: int,
    user_id: int,
    signer: CallbackSigner,
    replies: Reply | Sequence[Reply],
) -> None:
    """Send each reply: text split under Telegram's limit, buttons on the last part."""
    await deliver(context.bot, chat_id=chat_id, user_id=user_id, signer=signer,
                  replies=replies)


async def deliver(
    bot: Bot,
    *,
    chat_id: int,
    user_id: int,
    signer: CallbackSigner,
    replies: Reply | Sequence[Reply],
) -> None:
    """:func:`send_replies` through ``bot`` itself, outside any update (scheduled sends)."""
    for reply in (replies,) if isinstance(replies, Reply) else replies:
        markup = markup_for(reply, signer, user_id)
        if reply.attachment is not None:
            file = io.BytesIO(reply.attachment.data)
            file.name = reply.attachment.filename
            caption = escape(reply.attachment.caption) or None
            if reply.attachment.kind == "photo":
                await bot.send_photo(chat_id=chat_id, photo=file, caption=caption)
            else:
                await bot.send_document(
                    chat_id=chat_id, document=file, filename=reply.attachment.filename,
                    caption=caption,
                )
        if not reply.text:
            continue
        chunks = split_message(escape(reply.text))
        for index, chunk in enumerate(chunks):
            await bot.send_message(
                chat_id=chat_id,
                text=chunk,
                reply_markup=markup if index == len(chunks) - 1 else None,
            )


async def answer_press(update: Update, reply: Reply | None) -> None:
    """Answer a button press (always: the client's spinner stops) and drop its buttons
    when the reply says the press used them up."""
    query = update.callback_query
    if query is None:
        return
    with contextlib.suppress(TelegramError):
        await query.answer(
            text=reply.toast if reply else None, show_alert=bool(reply and reply.alert)
        )
    if reply is not None and reply.remove_buttons and query.message is not None:
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)
