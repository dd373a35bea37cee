"""Athletes' data is only ever shown in their private chat with the bot.

In a group, /profile would post an athlete's injuries for everyone to read, and /coach
the list of athletes. Registered before every other handler, in a group of its own
(``application.add_handler(privacy.HANDLER, group=-3)``: only one handler per group
runs), it answers commands and button presses from a group or channel with a pointer
to the private chat and stops the update there.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.handlers.common import Context, answer_callback, reply
from bot.render import escape

PRIVATE_ONLY = "I only talk in a private chat, to keep your data yours. Message me directly."


async def private_chats_only(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.callback_query is not None:
        await answer_callback(update, PRIVATE_ONLY, alert=True)
    else:
        message = update.effective_message
        # Commands only: a group's chatter (with privacy mode off) gets no answer at all.
        if message is not None and message.text and message.text.startswith("/"):
            await reply(update, context, escape(PRIVATE_ONLY))
    raise ApplicationHandlerStop


# Register before every other handler: application.add_handler(HANDLER, group=-3).
HANDLER = TypeHandler(Update, private_chats_only)
