"""Run files sent in chat (.fit, .gpx, .tcx): download, log through the use case, reply."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import MessageHandler, filters

from bot.handlers.common import Context, athlete_key, current_athlete, services
from bot.replies import send_replies
from usecases.replies import Reply
from usecases.runfiles import download_failed, log_run_file, refuse_before_download

log = logging.getLogger(__name__)


async def on_document(update: Update, context: Context) -> None:
    """A document from the athlete: an activity file is logged, anything else refused."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.document is None or user is None:
        return
    svc = services(context)
    athlete = current_athlete(update, context)
    document = message.document
    reply: Reply | None = refuse_before_download(
        filename=document.file_name, size=document.file_size, language=athlete.language
    )
    if reply is None:
        try:
            file = await document.get_file()
            data = bytes(await file.download_as_bytearray())
        except TelegramError as error:
            log.info("run file download failed: %s", type(error).__name__)
            reply = download_failed(athlete.language)
        else:
            reply = log_run_file(
                svc, athlete_id=athlete_key(athlete), filename=document.file_name, data=data
            )
    await send_replies(context, chat_id=athlete.chat_id, user_id=user.id, signer=svc.signer,
                       replies=reply)


HANDLERS = [MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document)]
