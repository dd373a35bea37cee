"""The one error handler: log without personal data, apologise briefly, pause blockers."""

from __future__ import annotations

import contextlib
import logging
import traceback

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot import jobs
from bot.handlers.common import Context, athlete_key, services
from bot.services import BLOCKED_REASON
from storage import repository

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, Forbidden) and isinstance(update, Update) and update.effective_user:
        # The athlete blocked the bot: pause them instead of retrying forever.
        with services(context).transaction() as session:
            athlete = repository.get_athlete_by_telegram_id(
                session=session, telegram_user_id=update.effective_user.id
            )
            if athlete is not None:
                repository.pause_athlete(
                    session=session, athlete_id=athlete_key(athlete), reason=BLOCKED_REASON
                )
        if athlete is not None and context.job_queue is not None:
            jobs.unschedule_checkin(context.job_queue, athlete_key(athlete))
        log.info(
            "a user blocked the bot; paused (update %s)",
            update.update_id if isinstance(update, Update) else "-",
        )
        return
    # Only the error type and the update id: messages and names are personal data.
    update_id = update.update_id if isinstance(update, Update) else None
    where = (
        " <- ".join(
            f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} {frame.name}"
            for frame in reversed(traceback.extract_tb(error.__traceback__)[-4:])
        )
        if error
        else "-"
    )
    log.error("error while handling update %s: %s at %s", update_id, type(error).__name__, where)
    # The full traceback (its message may quote the athlete) only at DEBUG.
    log.debug("traceback", exc_info=(type(error), error, error.__traceback__) if error else None)
    if isinstance(update, Update) and update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            if update.callback_query is not None:
                await update.callback_query.answer()
            await context.bot.send_message(chat_id=update.effective_chat.id, text=APOLOGY)
