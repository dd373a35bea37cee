"""Scheduled-send jobs: schedules live in the database, sending goes through it.

Two kinds of job, rebuilt from the database at start by :func:`rebuild_checkin_jobs`:

- ``scheduled-sends``: every ``CROSSTRAIN_CHECKIN_DISPATCH_SECONDS`` a pass of this
  worker's :class:`bot.scheduled_outbox.Dispatcher` plans the coming check-ins, weekly
  summaries and coach digests, claims the due ones and sends them (see
  ``bot/scheduled_outbox.py``); the first pass right after start sends what came due
  while the bot was down.
- ``checkin:<athlete id>``: a wake-up at the athlete's local check-in time, so their
  prompt goes out on the minute rather than at the next tick. It only wakes the
  dispatcher: which worker sends, and that it is sent once, is the database's business.

And ``reply-outbox-sweep``: every few seconds this worker sends replies left in the reply
outbox by a worker that died between its commit and its sends, and replies put back for
later (flood control, network errors); see ``bot/reply_outbox.py``.

Names are deterministic, so rescheduling replaces a job (python-telegram-bot's timerbot
habit).
"""

from __future__ import annotations

import contextvars
import logging
from datetime import time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import Application, CallbackContext, ContextTypes, Job, JobQueue

from bot.handlers.common import SERVICES_KEY, services
from bot.scheduled_outbox import Dispatcher
from bot.services import BLOCKED_REASON, Services
from config.settings import Settings
from storage import repository
from storage.models import Athlete

log = logging.getLogger(__name__)

DISPATCH_JOB = "scheduled-sends"
DISPATCHER_KEY = "scheduled_dispatcher"
JOB_PREFIX = "checkin:"


def job_name(athlete_id: int) -> str:
    return f"{JOB_PREFIX}{athlete_id}"


def dispatcher_of(application: Application) -> Dispatcher | None:
    dispatcher = application.bot_data.get(DISPATCHER_KEY)
    return dispatcher if isinstance(dispatcher, Dispatcher) else None


def ensure_dispatcher(application: Application) -> Dispatcher:
    """This worker's dispatcher, created on first use and kept in ``bot_data``."""
    dispatcher = dispatcher_of(application)
    if dispatcher is None:
        svc: Services = application.bot_data[SERVICES_KEY]
        job_queue = application.job_queue

        def unschedule(athlete_id: int) -> None:
            if job_queue is not None:
                unschedule_checkin(job_queue, athlete_id)

        dispatcher = Dispatcher(
            services=svc,
            bot=application.bot,
            rate=svc.settings.telegram_rate_limit,
            on_blocked=unschedule,
            # A fresh context: a pass never inherits the variables of whatever woke it.
            spawn=lambda coroutine: contextvars.Context().run(
                application.create_task, coroutine, name=DISPATCH_JOB),
            keep_running=lambda: application.running,
        )
        application.bot_data[DISPATCHER_KEY] = dispatcher
    return dispatcher


def unschedule_checkin(job_queue: JobQueue[Any], athlete_id: int) -> None:
    for job in job_queue.get_jobs_by_name(job_name(athlete_id)):
        job.schedule_removal()


def schedule_checkin(job_queue: JobQueue[Any], athlete: Athlete) -> Job[Any] | None:
    """(Re)schedule the athlete's daily wake-up, or remove it when they are off or paused.

    Called after their schedule changed in the database (check-in time, timezone, a
    weekly summary): the next dispatch pass plans again, so a check-in moved to later
    today is still sent today, and a summary set for tonight is sent tonight.
    """
    assert athlete.id is not None
    unschedule_checkin(job_queue, athlete.id)
    dispatcher = dispatcher_of(job_queue.application)
    if dispatcher is not None:
        dispatcher.request_planning()
    return _add_wake_up(job_queue, athlete)


def _add_wake_up(job_queue: JobQueue[Any], athlete: Athlete) -> Job[Any] | None:
    assert athlete.id is not None
    if not (athlete.checkin_enabled and athlete.onboarded and not athlete.paused):
        return None
    hour, minute = (int(part) for part in athlete.checkin_time.split(":"))
    at = time(hour, minute, tzinfo=ZoneInfo(athlete.timezone))
    return job_queue.run_daily(
        checkin_due,
        time=at,
        name=job_name(athlete.id),
        data=athlete.id,
        chat_id=athlete.chat_id,
        user_id=athlete.telegram_user_id,
    )


def rebuild_checkin_jobs(application: Application) -> int:
    """The dispatcher's job and one wake-up per active athlete, from the database;
    returns how many athletes were scheduled."""
    job_queue = application.job_queue
    if job_queue is None:
        return 0
    svc: Services = application.bot_data[SERVICES_KEY]
    settings: Settings = svc.settings
    dispatcher = ensure_dispatcher(application)
    dispatcher.request_planning()
    for job in job_queue.get_jobs_by_name(DISPATCH_JOB):
        job.schedule_removal()
    # The first pass runs right after start: it sends what came due during a downtime.
    job_queue.run_repeating(dispatch_tick, interval=settings.checkin_dispatch_seconds,
                            first=1.0, name=DISPATCH_JOB)
    with svc.transaction() as session:
        athletes = repository.list_scheduled_athletes(session=session)
    # Drop every old wake-up at once: looking each name up is a scan of all jobs, which
    # made a rebuild quadratic (32 s for 10,000 athletes).
    for job in job_queue.jobs():
        if (job.name or "").startswith(JOB_PREFIX):
            job.schedule_removal()
    scheduled = sum(_add_wake_up(job_queue, athlete) is not None for athlete in athletes)
    log.info("scheduled %d daily check-ins; sending scheduled sends as %s every %.0fs",
             scheduled, dispatcher.worker, settings.checkin_dispatch_seconds)
    return scheduled


async def dispatch_tick(context: CallbackContext) -> None:
    """The repeating job: start a dispatch pass unless one is running."""
    dispatcher = dispatcher_of(context.application)
    if dispatcher is not None:
        dispatcher.wake()


async def checkin_due(context: CallbackContext) -> None:
    """An athlete's wake-up: their check-in is due now, so dispatch now."""
    await dispatch_tick(context)


def pause_blocked(context: ContextTypes.DEFAULT_TYPE, athlete_id: int) -> None:
    """The athlete blocked the bot: pause them and stop their check-ins (no retries)."""
    svc = services(context)
    with svc.transaction() as session:
        repository.pause_athlete(
            session=session, athlete_id=athlete_id, reason=BLOCKED_REASON, now=svc.now()
        )
    if context.job_queue is not None:
        unschedule_checkin(context.job_queue, athlete_id)
    log.info("athlete %s blocked the bot; paused", athlete_id)


PRUNE_JOB = "prune-processed-updates"
# Telegram stops redelivering an update after a day; keep the ids a while longer.
KEEP_PROCESSED_UPDATES = timedelta(days=3)
SWEEP_JOB = "reply-outbox-sweep"
SWEEP_SECONDS = 5.0
# Sent outbox rows hold no text; they are kept a day for operators, then deleted.
KEEP_SENT_REPLIES = timedelta(days=1)


def schedule_outbox_sweep(application: Application) -> None:
    """Sweep the reply outbox every few seconds (see the module doc)."""
    job_queue = application.job_queue
    if job_queue is None:
        return
    for job in job_queue.get_jobs_by_name(SWEEP_JOB):
        job.schedule_removal()
    job_queue.run_repeating(sweep_reply_outbox, interval=SWEEP_SECONDS, first=SWEEP_SECONDS,
                            name=SWEEP_JOB)


async def sweep_reply_outbox(context: CallbackContext) -> None:
    from bot.update_processing import UnitOfWorkApplication  # builds on this module

    application = context.application
    if not isinstance(application, UnitOfWorkApplication):
        return
    sender = application.reply_sender(services(context))
    # In a fresh context, as its own task: the job holds the SQLite write gate while it
    # runs, and a sweep awaits Telegram.
    contextvars.Context().run(application.create_task, sender.sweep(), name=SWEEP_JOB)


def schedule_housekeeping(application: Application) -> None:
    """Forget old processed-update ids every few hours, so the table stays small."""
    job_queue = application.job_queue
    if job_queue is None:
        return
    for job in job_queue.get_jobs_by_name(PRUNE_JOB):
        job.schedule_removal()
    job_queue.run_repeating(prune_processed_updates, interval=timedelta(hours=6), first=60,
                            name=PRUNE_JOB)


async def prune_processed_updates(context: CallbackContext) -> None:
    svc = services(context)
    with svc.transaction() as session:
        removed = repository.prune_processed_updates(
            session=session, before=svc.now() - KEEP_PROCESSED_UPDATES)
        replies = repository.prune_outbox(session=session, before=svc.now() - KEEP_SENT_REPLIES)
    log.info("forgot %d processed update ids and %d sent replies", removed, replies)
