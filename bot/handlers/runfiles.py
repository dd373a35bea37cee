"""Run files sent in chat (.fit, .gpx, .tcx): download, log through the use case, reply."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import MessageHandler, filters

from bot.handlers.common import Context, services
from bot.respond import athlete_id_for, respond
from usecases.identity import language_of
from usecases.replies import Reply
from usecases.runfiles import download_failed, log_run_file, refuse_before_download

log = logging.getLogger(__name__)


async def on_document(update: Update, context: Context) -> None:
    """A document from the athlete: an activity file is logged, anything else refused."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    svc = services(context)
    athlete_id = await athlete_id_for(update, context, create=False)
    if athlete_id is None:
        return
    language = language_of(svc, athlete_id=athlete_id)
    document = message.document
    reply: Reply | None = refuse_before_download(
        filename=document.file_name, size=document.file_size, language=language
    )
    if reply is None:
        try:
            file = await document.get_file()
            data = bytes(await file.download_as_bytearray())
        except TelegramError as error:
            log.info("run file download failed: %s", type(error).__name__)
            reply = download_failed(language)
        else:
            reply = log_run_file(
                svc, athlete_id=athlete_id, filename=document.file_name, data=data
            )
    await respond(update, context, reply)


HANDLERS = [MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document)]
