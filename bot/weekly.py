"""Opt-in weekly summaries, sent through the database like check-ins.

Every worker runs :func:`send_due_summaries` each minute: it plans each subscription's
next summary (one ``weekly_dispatch`` row per person, kind and local day), claims the due
ones with a lease, draws and sends them, and marks each sent. A worker that dies holding
a claim loses nothing (another sends it after the lease); a blocked chat is skipped; a
network error gives the claim back for a retry a minute later; a summary whose local day
is over is skipped, not sent late.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from datetime import timedelta

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, CallbackContext

from bot import charts
from bot.handlers import runfiles, week
from bot.handlers.common import services
from bot.replies import send_replies
from storage import repository
from usecases.week import due_summary_reply, load_due_summary

log = logging.getLogger(__name__)

WEEKLY_JOB = "weekly-summaries"
INTERVAL = timedelta(minutes=1)
RETRY_AFTER = timedelta(minutes=1)
WORKER = f"{socket.gethostname()}:{os.getpid()}:weekly"


def register(application: Application) -> None:
    """The week's handlers (ahead of the others: ``/coach week`` before ``/coach``, files
    before the catch-all) and, in a bot that sends check-ins, the weekly-summary job."""
    application.add_handlers([*week.HANDLERS, *runfiles.HANDLERS])
    job_queue = application.job_queue
    if job_queue is None or not application.bot_data.get("sends_checkins", True):
        return
    for job in job_queue.get_jobs_by_name(WEEKLY_JOB):
        job.schedule_removal()
    job_queue.run_repeating(send_due_summaries, interval=INTERVAL, first=5.0, name=WEEKLY_JOB)


async def send_due_summaries(context: CallbackContext) -> int:
    """Plan, claim, draw and send the weekly summaries due now; returns how many were sent."""
    svc = services(context)
    now = svc.now()
    with svc.transaction() as session:
        repository.plan_weekly_dispatches(session=session, now=now)
        claimed = [(d.id, d.athlete_id, d.kind, d.local_date) for d in
                   repository.claim_due_weekly(session=session, now=now, worker=WORKER)]
    sent = 0
    for dispatch_id, athlete_id, kind, local_date in claimed:
        assert dispatch_id is not None
        due = load_due_summary(svc, athlete_id=athlete_id, kind=kind, local_date=local_date)
        status, retry_at = "skipped", None
        if due is not None:
            reply = await asyncio.to_thread(due_summary_reply, due, draw_week=charts.week_chart,
                                            draw_roster=charts.roster_chart)
            try:
                await send_replies(context, chat_id=due.chat_id, user_id=due.telegram_user_id,
                                   signer=svc.signer, replies=reply)
            except Forbidden:
                log.info("weekly summary %s skipped: the chat blocked the bot", dispatch_id)
            except TelegramError as error:
                log.warning("weekly summary %s not sent (%s); retrying", dispatch_id,
                            type(error).__name__)
                status, retry_at = "due", svc.now() + RETRY_AFTER
            else:
                status = "sent"
                sent += 1
        with svc.transaction() as session:
            repository.finish_weekly_dispatch(session=session, dispatch_id=dispatch_id,
                                              worker=WORKER, status=status, now=svc.now(),
                                              retry_at=retry_at)
    return sent
