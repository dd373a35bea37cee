"""/swap and substitution choices: options for a missed run, as buttons, logged when chosen."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import keyboards
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
from bot.render import escape, swap_html
from bot.services import Services
from coach.intent import is_health_related, mentions_session
from coach.substitution import suggest_substitutes
from storage import repository
from storage.models import Athlete
from storage.repository import REST_ACTIVITY, StorageError

log = logging.getLogger(__name__)

DEFAULT_MISSED = {"kind": "easy", "minutes": 40}
STALE_AFTER = timedelta(days=3)


async def offer_swap(
    update: Update,
    context: Context,
    *,
    text: str,
    reason: str | None = None,
    checkin_day: date | None = None,
    intro: str | None = None,
    health_related: bool = False,
) -> None:
    """Suggest substitutes for the run in ``text`` (or today's planned one) and offer buttons.

    ``health_related`` marks a reason that is about the body whatever its words (an answer
    to "where does it hurt?"), so it is not stored without consent.
    """
    svc = services(context)
    user = update.effective_user
    assert user is not None
    athlete = current_athlete(update, context)
    reason_text = reason if reason is not None else text
    health_related = health_related or is_health_related(reason_text)
    with svc.transaction() as session:
        today = repository.local_today(athlete, now=svc.now())
        planned = repository.planned_session_on(
            session=session, athlete_id=athlete_key(athlete), day=checkin_day or today
        )
        if mentions_session(text):
            missed: str | dict[str, object] = text
        elif planned is not None and planned.kind != "rest":
            missed = {"kind": planned.kind, "minutes": planned.minutes}
        else:
            missed = dict(DEFAULT_MISSED)
        result = suggest_substitutes(
            athlete=repository.to_context(athlete), missed=missed, reason=reason_text, today=today
        )
        checkin_id = None
        if checkin_day is not None:
            checkin = repository.get_checkin(
                session=session, athlete_id=athlete_key(athlete), day=checkin_day
            )
            checkin_id = checkin.id if checkin else None
        substitution = repository.record_substitution(
            session=session,
            athlete_id=athlete_key(athlete),
            missed=result.missed.label if result.missed else str(missed),
            reason=reason_text,
            options=[option.to_json() for option in result.options],
            checkin_id=checkin_id,
            health_related=health_related,
            now=svc.now(),
        )
        substitution_id = substitution.id
    assert substitution_id is not None
    markup = (
        keyboards.swap_options(svc.signer, user.id, substitution_id, result.options)
        if result.options
        else None
    )
    if result.missed and not intro:
        intro = f"Missed: {result.missed.label}."
    await reply(update, context, swap_html(result, intro=intro), reply_markup=markup)


async def swap_command(update: Update, context: Context) -> None:
    """/swap [what you missed and why]: options for today's run or the one described."""
    text = " ".join(context.args or [])
    if len(text) > 1000:
        await reply(update, context, "That's long — please describe the run in a sentence.")
        return
    await offer_swap(update, context, text=text, reason=text)


async def on_choice(update: Update, context: Context) -> None:
    """A press on one of the offered options (or Skip): log it, confirm it."""
    svc = services(context)
    user = update.effective_user
    query = update.callback_query
    assert user is not None and query is not None
    try:
        substitution_id, choice = svc.signer.unpack(user.id, query.data).fields
        substitution_key = int(substitution_id)
    except (BadCallbackData, ValueError):
        await answer_callback(update, "Sorry, that button isn't valid.", alert=True)
        return
    chosen = _record_choice(svc, current_athlete(update, context), substitution_key, choice)
    if chosen is None:
        await answer_callback(update, "That choice has expired or was already made.", alert=True)
        return
    await answer_callback(update, "Logged ✅")
    await drop_buttons(update)
    activity, label = chosen
    message = (
        "Logged: rest today. Recovery is training too — see you tomorrow."
        if activity == REST_ACTIVITY
        else f"Logged: {label}. Enjoy it!"
    )
    await reply(update, context, escape(message))


def _record_choice(
    svc: Services, athlete: Athlete, substitution_id: int, choice: str
) -> tuple[str, str] | None:
    """Log the pressed option (or rest); None when the offer is gone, used or stale."""
    athlete_id = athlete_key(athlete)
    with svc.transaction() as session:
        substitution = repository.get_substitution(
            session=session, athlete_id=athlete_id, substitution_id=substitution_id
        )
        if (
            substitution is None
            or substitution.chosen_activity is not None
            or svc.now() - substitution.created_at > STALE_AFTER
        ):
            return None
        if choice == "skip":
            activity, label = REST_ACTIVITY, "a rest day"
        else:
            index = int(choice) - 1 if choice.isdigit() else -1
            if not 0 <= index < len(substitution.options):
                return None
            option = substitution.options[index]
            activity = str(option.get("activity", ""))
            label = f"{option.get('name')}, {option.get('minutes')} min"
        try:
            repository.choose_substitution(
                session=session,
                athlete_id=athlete_id,
                substitution_id=substitution_id,
                activity=activity,
                now=svc.now(),
            )
        except StorageError as problem:
            log.info("choosing a substitution failed: %s", type(problem).__name__)
            return None
        if substitution.checkin_id is None:
            # Offered outside a check-in (/swap, free text): today's check-in records it.
            repository.record_checkin(
                session=session,
                athlete_id=athlete_id,
                day=repository.local_today(athlete, now=svc.now()),
                status="missed" if activity == REST_ACTIVITY else "swapped",
                note=f"chose {activity}",
                now=svc.now(),
            )
    return activity, label


HANDLERS = [
    CommandHandler("swap", swap_command),
    CallbackQueryHandler(on_choice, pattern=r"^swap:"),
]
