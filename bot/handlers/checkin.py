"""Daily check-ins: /checkin now|on|off|HH:MM and the done/missed/swapped/pain buttons."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import jobs, keyboards
from bot.callback_data import BadCallbackData
from bot.handlers.common import (
    Context,
    answer_callback,
    athlete_key,
    current_athlete,
    drop_buttons,
    reply,
    services,
)
from bot.handlers.swap import offer_swap
from bot.render import escape
from coach.checkin import CHECKIN_STATUSES, MISSED_REASONS, status_reply
from coach.intent import is_health_related
from coach.planning import parse_clock_time
from coach.reasons import parse_reason
from storage import repository
from storage.models import Athlete
from storage.repository import ConsentRequiredError, StorageError

# A check-in button stays valid for the athlete's today and yesterday (a late answer).
VALID_DAYS = timedelta(days=1)
AWAITING_KEY = "awaiting"


async def checkin_command(update: Update, context: Context) -> None:
    """/checkin now | on | off | HH:MM"""
    svc = services(context)
    athlete = current_athlete(update, context)
    arg = context.args[0].lower() if context.args else "now"
    if arg == "now":
        if not await jobs.send_checkin_to(context, athlete_key(athlete)):
            await reply(
                update,
                context,
                escape("Today is a rest day in your plan — enjoy it! Nothing to check in."),
            )
        return
    try:
        # Replies are sent after the transaction: never await Telegram with a session open.
        with svc.transaction() as session:
            if arg == "on":
                athlete = repository.set_checkin_schedule(
                    session=session, athlete_id=athlete_key(athlete), enabled=True
                )
                text = f"Daily check-ins on, at {athlete.checkin_time} ({athlete.timezone})."
            elif arg == "off":
                athlete = repository.set_checkin_schedule(
                    session=session, athlete_id=athlete_key(athlete), enabled=False
                )
                text = "Daily check-ins off. /checkin on brings them back."
            else:
                at = parse_clock_time(arg)
                athlete = repository.set_checkin_schedule(
                    session=session, athlete_id=athlete_key(athlete), enabled=True, time=at
                )
                text = f"Daily check-ins at {athlete.checkin_time} ({athlete.timezone})."
    except (ValueError, StorageError) as problem:
        await reply(
            update,
            context,
            escape(f"{problem} Use /checkin now, /checkin on, /checkin off or /checkin 07:30."),
        )
        return
    if not athlete.onboarded and arg != "off":
        with svc.transaction() as session:
            athlete = repository.update_profile(
                session=session, athlete_id=athlete_key(athlete), onboarded=True
            )
    if context.job_queue is not None:
        jobs.schedule_checkin(context.job_queue, athlete)
    await reply(update, context, escape(text))


def _valid_day(stamp: str, today: date) -> date | None:
    try:
        day = date.fromisoformat(stamp)
    except ValueError:
        return None
    return day if today - VALID_DAYS <= day <= today else None


async def _checkin_press(
    update: Update, context: Context, allowed: Collection[str]
) -> tuple[Athlete, date, str] | None:
    """The athlete, day and choice of a check-in button press, or None when the press is
    forged, malformed or stale (then the press is already answered politely)."""
    svc = services(context)
    user, query = update.effective_user, update.callback_query
    assert user is not None and query is not None
    athlete = current_athlete(update, context)
    try:
        stamp, value = svc.signer.unpack(user.id, query.data).fields
    except (BadCallbackData, ValueError):
        await answer_callback(update, "Sorry, that button isn't valid.", alert=True)
        return None
    day = _valid_day(stamp, repository.local_today(athlete, now=svc.now()))
    if day is None or value not in allowed:
        await answer_callback(update, "That check-in has expired.", alert=True)
        return None
    await answer_callback(update)
    await drop_buttons(update)
    return athlete, day, value


async def on_status(update: Update, context: Context) -> None:
    """done / missed / swapped / pain pressed on a check-in prompt."""
    svc = services(context)
    user = update.effective_user
    assert user is not None
    press = await _checkin_press(update, context, CHECKIN_STATUSES)
    if press is None:
        return
    athlete, day, status = press
    if status == "pain":
        if not athlete.health_consent:
            await reply(
                update,
                context,
                escape(
                    "I can't store pain reports without your consent (see /settings), but I can "
                    "still help: tell me where it hurts and how bad it is, 0-10."
                ),
            )
        else:
            await reply(update, context, escape(status_reply(status)))
        context.user_data[AWAITING_KEY] = ("pain", day.isoformat())  # type: ignore[index]
        return
    with svc.transaction() as session:
        repository.record_checkin(
            session=session, athlete_id=athlete_key(athlete), day=day, status=status, now=svc.now()
        )
    if status == "missed":
        context.user_data[AWAITING_KEY] = ("reason", day.isoformat())  # type: ignore[index]
        await reply(
            update,
            context,
            escape(status_reply(status) + " Tap one or type it."),
            reply_markup=keyboards.missed_reasons(svc.signer, user.id, day),
        )
        return
    await reply(update, context, escape(status_reply(status)))


async def on_reason(update: Update, context: Context) -> None:
    """A quick reason button after "missed": record it, then offer substitutes."""
    press = await _checkin_press(update, context, MISSED_REASONS)
    if press is None:
        return
    _, day, code = press
    context.user_data.pop(AWAITING_KEY, None)  # type: ignore[union-attr]
    await handle_reason(update, context, day=day, reason=MISSED_REASONS[code][1])


async def handle_reason(update: Update, context: Context, *, day: date, reason: str) -> None:
    """The reason for a missed check-in (button or text): log it and suggest substitutes."""
    svc = services(context)
    athlete = current_athlete(update, context)
    with svc.transaction() as session:
        repository.record_checkin(
            session=session,
            athlete_id=athlete_key(athlete),
            day=day,
            status="missed",
            reason=reason,
            health_related=is_health_related(reason),
            now=svc.now(),
        )
    await offer_swap(update, context, text="", reason=reason, checkin_day=day)


async def handle_pain(update: Update, context: Context, *, day: date, text: str) -> None:
    """The pain description after a "pain" check-in: triage, log (with consent), suggest."""
    svc = services(context)
    athlete = current_athlete(update, context)
    pain = parse_reason(text).pain_score
    if athlete.health_consent:
        try:
            with svc.transaction() as session:
                repository.record_checkin(
                    session=session,
                    athlete_id=athlete_key(athlete),
                    day=day,
                    status="pain",
                    reason=text[:500],
                    pain=pain,
                    now=svc.now(),
                )
        except ConsentRequiredError:
            pass
    # The answer to "where does it hurt?" is a health detail even as "left calf, 4".
    await offer_swap(update, context, text="", reason=text, checkin_day=day, health_related=True)


HANDLERS = [
    CommandHandler("checkin", checkin_command),
    CallbackQueryHandler(on_status, pattern=r"^ci:"),
    CallbackQueryHandler(on_reason, pattern=r"^cr:"),
]
