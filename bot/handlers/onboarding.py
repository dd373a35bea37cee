"""/start: a short, skippable onboarding conversation that saves as it goes."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

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
from bot.render import escape
from bot.services import Services
from coach import planning
from storage import repository
from storage.repository import StorageError

log = logging.getLogger(__name__)

NAME, GOAL, GOAL_DATE, PLAN, CONSENT, INJURIES, EQUIPMENT, LIKES, TIMEZONE, CHECKIN_TIME = range(10)
STATE_KEY = "onboarding_state"


@dataclass(frozen=True, slots=True)
class Step:
    state: int
    question: str
    save: Callable[[Services, int, str], str]
    choices: tuple[tuple[str, str], ...] = ()


def _save_name(svc: Services, athlete_id: int, text: str) -> str:
    name = " ".join(text.split())[:60]
    _update(svc, athlete_id, name=name)
    return f"Nice to meet you, {name}!"


def _save_goal(svc: Services, athlete_id: int, text: str) -> str:
    _update(svc, athlete_id, goal_event=" ".join(text.split())[:120])
    return "Great goal."


def _save_goal_date(svc: Services, athlete_id: int, text: str) -> str:
    goal_date = planning.parse_date(text, today=svc.now().date())
    _update(svc, athlete_id, goal_date=goal_date)
    return f"Noted: {goal_date.isoformat()}."


def _save_plan(svc: Services, athlete_id: int, text: str) -> str:
    plan = planning.parse_weekly_plan(text)
    with svc.transaction() as session:
        repository.set_weekly_plan(
            session=session,
            athlete_id=athlete_id,
            sessions=[
                {"weekday": run.weekday, "kind": run.kind, "minutes": run.minutes} for run in plan
            ],
        )
    return "Your week:\n" + planning.format_plan(plan)


def _save_consent(svc: Services, athlete_id: int, text: str) -> str:
    answer = text.strip().lower()
    if answer not in {"yes", "y", "ok", "sure", "no", "n", "nope"}:
        raise ValueError("Please answer yes or no (or tap a button).")
    consent = answer in {"yes", "y", "ok", "sure"}
    with svc.transaction() as session:
        repository.set_health_consent(
            session=session, athlete_id=athlete_id, consent=consent, now=svc.now()
        )
    return (
        "Thanks — I'll keep health details private to you and your coach."
        if consent
        else "Understood — I won't store injuries or pain reports."
    )


def _save_injuries(svc: Services, athlete_id: int, text: str) -> str:
    nothing = text.strip().lower() in {"none", "no", "nothing"}
    injuries = [] if nothing else planning.split_list(text)
    _update(svc, athlete_id, injuries=injuries)
    return "Noted: " + ", ".join(injuries) + "." if injuries else "No injuries — great."


def _save_equipment(svc: Services, athlete_id: int, text: str) -> str:
    equipment = planning.parse_equipment(text)
    if not equipment:
        raise ValueError(
            "I didn't recognise any of that. Words I know: "
            + ", ".join(planning.EQUIPMENT_WORDS)
            + "."
        )
    _update(svc, athlete_id, equipment=equipment)
    return "You have: " + ", ".join(equipment) + "."


def _save_likes(svc: Services, athlete_id: int, text: str) -> str:
    likes = planning.split_list(text)
    _update(svc, athlete_id, likes=likes)
    return "I'll favour " + ", ".join(likes) + " when it fits." if likes else "Okay."


def _save_timezone(svc: Services, athlete_id: int, text: str) -> str:
    zone = planning.parse_timezone(text)
    with svc.transaction() as session:
        repository.set_checkin_schedule(session=session, athlete_id=athlete_id, timezone=zone)
    return f"Timezone: {zone}."


def _save_checkin_time(svc: Services, athlete_id: int, text: str) -> str:
    with svc.transaction() as session:
        if text.strip().lower() in {"off", "no", "none", "never"}:
            repository.set_checkin_schedule(session=session, athlete_id=athlete_id, enabled=False)
            return "No daily check-ins. Turn them on any time with /checkin on."
        at = planning.parse_clock_time(text)
        repository.set_checkin_schedule(
            session=session, athlete_id=athlete_id, enabled=True, time=at
        )
    return f"I'll check in daily at {at.strftime('%H:%M')}."


def _update(svc: Services, athlete_id: int, **fields: Any) -> None:
    with svc.transaction() as session:
        repository.update_profile(session=session, athlete_id=athlete_id, **fields)


STEPS: dict[int, Step] = {
    step.state: step
    for step in (
        Step(NAME, "What should I call you?", _save_name),
        Step(
            GOAL,
            "What are you training for? (e.g. “marathon PR”, “100K ultra with lots of "
            "climbing”, “29029 Everest challenge”)",
            _save_goal,
        ),
        Step(GOAL_DATE, "When is it? (e.g. 2027-04-20)", _save_goal_date),
        Step(
            PLAN,
            "Your usual running week, day by day — e.g. “Mon easy 40, Wed tempo 45, "
            "Thu intervals 50, Sat long 100”.",
            _save_plan,
        ),
        Step(
            CONSENT,
            "May I store health details you tell me (injuries, pain scores)? They help "
            "me keep suggestions safe. You can erase everything with /forget.",
            _save_consent,
            (("Yes, store them", "yes"), ("No, don't", "no")),
        ),
        Step(
            INJURIES,
            "Any injuries or niggles I should plan around? (e.g. “left knee, achilles”, or “none”)",
            _save_injuries,
        ),
        Step(
            EQUIPMENT,
            "What do you have access to? Any of: home, stairs, step, gym, treadmill, "
            "elliptical, versaclimber, stair climber, rower, bike, indoor bike, "
            "mountain bike, trails, pool, open water.",
            _save_equipment,
        ),
        Step(
            LIKES, "Which activities do you enjoy? (e.g. “swimming, mountain biking”)", _save_likes
        ),
        Step(
            TIMEZONE,
            "Your timezone? (e.g. Europe/Berlin, America/Los_Angeles)",
            _save_timezone,
            (
                ("UTC", "UTC"),
                ("Europe/London", "Europe/London"),
                ("America/New_York", "America/New_York"),
                ("America/Los_Angeles", "America/Los_Angeles"),
            ),
        ),
        Step(
            CHECKIN_TIME,
            "What time should I check in each day? (e.g. 07:30, or “off”)",
            _save_checkin_time,
            (("07:00", "07.00"), ("19:00", "19.00"), ("No check-ins", "off")),
        ),
    )
}
ORDER = sorted(STEPS)


async def start(update: Update, context: Context) -> int:
    """Greet a returning athlete, or begin onboarding a new one."""
    athlete = current_athlete(update, context)
    if athlete.onboarded:
        await reply(
            update,
            context,
            escape(
                f"Welcome back, {athlete.name or 'runner'}! Ask me anything about cross-training, "
                "tell me when you miss a run, or try /swap. /help lists everything."
            ),
        )
        return ConversationHandler.END
    await reply(
        update,
        context,
        escape(
            "Hi! I'm Crosstrain Coach. I answer cross-training questions from your coach's "
            "articles, check in on your runs and suggest a substitute when you miss one.\n\n"
            "A few quick questions first — skip any with the button or /skip, stop with /cancel."
        ),
    )
    return await _ask(update, context, ORDER[0])


async def _ask(update: Update, context: Context, state: int) -> int:
    step = STEPS[state]
    user = update.effective_user
    assert user is not None
    context.user_data[STATE_KEY] = state  # type: ignore[index]
    await reply(
        update,
        context,
        escape(step.question),
        reply_markup=keyboards.onboarding(services(context).signer, user.id, step.choices),
    )
    return state


async def _advance(update: Update, context: Context, state: int, consent: bool | None) -> int:
    position = ORDER.index(state) + 1
    if position < len(ORDER) and ORDER[position] == INJURIES and consent is not True:
        position += 1  # never ask for health details without consent
    if position < len(ORDER):
        return await _ask(update, context, ORDER[position])
    return await _finish(update, context)


async def _finish(update: Update, context: Context) -> int:
    svc = services(context)
    athlete = current_athlete(update, context)
    with svc.transaction() as session:
        athlete = repository.update_profile(
            session=session, athlete_id=athlete_key(athlete), onboarded=True
        )
    if context.job_queue is not None:
        jobs.schedule_checkin(context.job_queue, athlete)
    context.user_data.pop(STATE_KEY, None)  # type: ignore[union-attr]
    await reply(
        update,
        context,
        escape(
            "All set! Tell me when you miss a run (“no time for my long run today”), ask a "
            "question, or use /swap. /profile shows what I know; /help lists everything."
        ),
    )
    return ConversationHandler.END


def _current_state(context: Context) -> int:
    state = (context.user_data or {}).get(STATE_KEY, ORDER[0])
    return state if state in STEPS else ORDER[0]


async def _save_and_advance(update: Update, context: Context, text: str) -> int:
    state = _current_state(context)
    svc = services(context)
    athlete = current_athlete(update, context)
    try:
        confirmation = STEPS[state].save(svc, athlete_key(athlete), text)
    except (ValueError, StorageError) as problem:
        await reply(update, context, escape(str(problem)))
        return await _ask(update, context, state)
    await reply(update, context, escape(confirmation))
    consent = current_athlete(update, context).health_consent
    return await _advance(update, context, state, consent)


async def on_text(update: Update, context: Context) -> int:
    """An answer to the current onboarding question."""
    message = update.effective_message
    text = (message.text or "").strip() if message else ""
    if not text:
        return _current_state(context)
    if len(text) > 500:
        await reply(update, context, "That's a lot! Please keep it under 500 characters.")
        return await _ask(update, context, _current_state(context))
    return await _save_and_advance(update, context, text)


async def on_skip(update: Update, context: Context) -> int:
    """/skip: move on without answering."""
    state = _current_state(context)
    consent = current_athlete(update, context).health_consent
    return await _advance(update, context, state, consent)


async def on_button(update: Update, context: Context) -> int:
    """A choice or Skip button of the current step."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    try:
        callback = services(context).signer.unpack(user.id, query.data)
    except BadCallbackData:
        await answer_callback(update, "That button isn't valid any more.")
        return _current_state(context)
    await answer_callback(update)
    await drop_buttons(update)
    if callback.action != "onb" or not callback.fields:
        return _current_state(context)
    value = callback.fields[0]
    if value == "skip":
        return await on_skip(update, context)
    return await _save_and_advance(update, context, value)


async def cancel(update: Update, context: Context) -> int:
    """/cancel: stop onboarding; what was answered so far is kept."""
    context.user_data.pop(STATE_KEY, None)  # type: ignore[union-attr]
    await reply(
        update,
        context,
        escape(
            "Stopped. What you told me so far is saved; /start picks it up again, /profile shows "
            "it."
        ),
    )
    return ConversationHandler.END


def build_handler() -> ConversationHandler[Context]:
    # Steps mix typed answers and buttons, so the conversation is per chat and user, not
    # per message; PTB warns about exactly that combination.
    warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
    step_handlers: list[BaseHandler[Update, Context, object]] = [
        CommandHandler("skip", on_skip),
        CallbackQueryHandler(on_button, pattern=r"^onb:"),
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
    ]
    return ConversationHandler(
        entry_points=[CommandHandler("start", start)],
        states={state: list(step_handlers) for state in STEPS},
        fallbacks=[CommandHandler("cancel", cancel)],
        name="onboarding",
        allow_reentry=True,
        per_message=False,
    )
