"""Runs before every handler: an athlete paused because they blocked the bot who writes
to us again has unblocked it, so their check-ins resume."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import TypeHandler

from bot import jobs
from bot.handlers.common import Context, athlete_key, services
from bot.services import BLOCKED_REASON
from storage import repository


async def resume_after_unblock(update: object, context: Context) -> None:
    if not isinstance(update, Update) or update.effective_user is None:
        return
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    with services(context).transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(
            session=session, telegram_user_id=update.effective_user.id
        )
        if athlete is None or not athlete.paused or athlete.paused_reason != BLOCKED_REASON:
            return
        athlete = repository.unpause_athlete(session=session, athlete_id=athlete_key(athlete))
    if context.job_queue is not None:
        jobs.schedule_checkin(context.job_queue, athlete)


# Register in a group of its own, before the others (only one handler per group runs).
HANDLER = TypeHandler(Update, resume_after_unblock)
