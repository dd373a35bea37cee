"""Daily check-in jobs, rebuilt from the schedules stored in the database.

Each athlete has at most one job, named ``checkin:<athlete id>`` so that rescheduling
replaces it (python-telegram-bot's timerbot habit).
"""

from __future__ import annotations

import logging
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from telegram.error import Forbidden
from telegram.ext import Application, CallbackContext, ContextTypes, Job, JobQueue

from bot import keyboards
from bot.handlers.common import send_html, services
from bot.render import escape
from bot.services import Services
from coach.checkin import checkin_prompt
from coach.planning import PlannedRun
from storage import repository
from storage.models import Athlete

log = logging.getLogger(__name__)


def job_name(athlete_id: int) -> str:
    return f"checkin:{athlete_id}"


def unschedule_checkin(job_queue: JobQueue[Any], athlete_id: int) -> None:
    for job in job_queue.get_jobs_by_name(job_name(athlete_id)):
        job.schedule_removal()


def schedule_checkin(job_queue: JobQueue[Any], athlete: Athlete) -> Job[Any] | None:
    """(Re)schedule the athlete's daily check-in, or remove it when they are off or paused."""
    assert athlete.id is not None
    unschedule_checkin(job_queue, athlete.id)
    if not (athlete.checkin_enabled and athlete.onboarded and not athlete.paused):
        return None
    hour, minute = (int(part) for part in athlete.checkin_time.split(":"))
    at = time(hour, minute, tzinfo=ZoneInfo(athlete.timezone))
    return job_queue.run_daily(
        send_checkin,
        time=at,
        name=job_name(athlete.id),
        data=athlete.id,
        chat_id=athlete.chat_id,
        user_id=athlete.telegram_user_id,
    )


def rebuild_checkin_jobs(application: Application) -> int:
    """One job per active athlete, from the database; returns how many were scheduled."""
    job_queue = application.job_queue
    if job_queue is None:
        return 0
    svc: Services = application.bot_data["services"]
    with svc.transaction() as session:
        athletes = repository.list_scheduled_athletes(session=session)
    scheduled = sum(schedule_checkin(job_queue, athlete) is not None for athlete in athletes)
    log.info("scheduled %d daily check-ins", scheduled)
    return scheduled


async def send_checkin(context: CallbackContext) -> None:
    """Job callback: today's planned session with done/missed/swapped/pain buttons."""
    assert context.job is not None
    athlete_id = context.job.data
    assert isinstance(athlete_id, int)
    await send_checkin_to(context, athlete_id)


async def send_checkin_to(context: ContextTypes.DEFAULT_TYPE, athlete_id: int) -> bool:
    """Send the check-in prompt now; False when nothing was sent (rest day, gone, paused)."""
    svc = services(context)
    with svc.transaction() as session:
        athlete = repository.get_athlete(session=session, athlete_id=athlete_id)
        if athlete is None or athlete.paused:
            return False
        today = repository.local_today(athlete, now=svc.now())
        planned = repository.planned_session_on(session=session, athlete_id=athlete_id, day=today)
        run = PlannedRun(planned.weekday, planned.kind, planned.minutes) if planned else None
        has_plan = planned is not None or bool(
            repository.get_weekly_plan(session=session, athlete_id=athlete_id)
        )
    text = checkin_prompt(planned=run, name=athlete.name, day=today, has_plan=has_plan)
    if text is None:
        return False
    try:
        await send_html(
            context,
            athlete.chat_id,
            escape(text),
            reply_markup=keyboards.checkin(svc.signer, athlete.telegram_user_id, today),
        )
    except Forbidden:
        pause_blocked(context, athlete_id)
        return False
    return True


def pause_blocked(context: ContextTypes.DEFAULT_TYPE, athlete_id: int) -> None:
    """The athlete blocked the bot: pause them and stop their check-ins (no retries)."""
    svc = services(context)
    with svc.transaction() as session:
        repository.pause_athlete(
            session=session, athlete_id=athlete_id, reason="blocked the bot", now=svc.now()
        )
    if context.job_queue is not None:
        unschedule_checkin(context.job_queue, athlete_id)
    log.info("athlete %s blocked the bot; paused", athlete_id)
