"""The athlete's own data and settings: /plan /profile /history /export /forget /settings,
plus /help, /cancel, /coach and a friendly word for anything we don't understand."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import jobs, keyboards
from bot.callback_data import BadCallbackData
from bot.handlers.checkin import AWAITING_KEY
from bot.handlers.common import (
    Context,
    answer_callback,
    athlete_key,
    current_athlete,
    drop_buttons,
    known_athlete,
    reply,
    services,
)
from bot.render import escape
from coach import planning
from storage import repository
from storage.repository import StorageError

COMMANDS: list[tuple[str, str]] = [
    ("start", "Get started or see your welcome"),
    ("ask", "Ask a cross-training question"),
    ("swap", "Options for a missed run"),
    ("checkin", "Check in now, or: on, off, HH:MM"),
    ("plan", "Show or set your weekly plan"),
    ("profile", "What I know about you"),
    ("history", "Your recent check-ins"),
    ("settings", "Timezone, check-in time, consent"),
    ("export", "All your data as a JSON file"),
    ("forget", "Erase everything about you"),
    ("help", "What I can do"),
    ("cancel", "Stop what we're doing"),
]
HISTORY_DAYS = 28

HELP_TEXT = (
    "I'm your cross-training coach. Things you can do:\n\n"
    "• Ask a question — “what can I do instead of running with a sore knee?”\n"
    "• Tell me about a missed run — “no time for my long run, only 45 minutes”\n"
    "• Tell me when something hurts — I'll check it's safe and suggest something gentler\n\n"
    + "\n".join(f"/{name} — {description}" for name, description in COMMANDS)
)


async def help_command(update: Update, context: Context) -> None:
    """/help"""
    await reply(update, context, escape(HELP_TEXT))


async def cancel_command(update: Update, context: Context) -> None:
    """/cancel outside a conversation: forget any pending question."""
    if context.user_data is not None:
        context.user_data.pop(AWAITING_KEY, None)
    await reply(update, context, "Okay, cancelled. Nothing is pending.")


async def plan_command(update: Update, context: Context) -> None:
    """/plan shows the weekly plan; /plan Mon easy 40, Sat long 90 replaces it."""
    svc = services(context)
    athlete = current_athlete(update, context)
    text = " ".join(context.args or [])
    try:
        # Replies are sent after the transaction: never await Telegram with a session open.
        with svc.transaction() as session:
            if text:
                plan = planning.parse_weekly_plan(text)
                repository.set_weekly_plan(
                    session=session,
                    athlete_id=athlete_key(athlete),
                    sessions=[
                        {"weekday": run.weekday, "kind": run.kind, "minutes": run.minutes}
                        for run in plan
                    ],
                )
                heading = "Plan updated:"
            else:
                plan = [
                    planning.PlannedRun(s.weekday, s.kind, s.minutes)
                    for s in repository.get_weekly_plan(
                        session=session, athlete_id=athlete_key(athlete)
                    )
                ]
                heading = "Your weekly plan:"
    except (ValueError, StorageError) as problem:
        await reply(update, context, escape(str(problem)))
        return
    hint = "\n\nChange it with e.g. /plan Mon easy 40, Wed tempo 45, Sat long 90"
    await reply(update, context, escape(f"{heading}\n{planning.format_plan(plan)}{hint}"))


async def profile_command(update: Update, context: Context) -> None:
    """/profile: everything that shapes my suggestions."""
    athlete = current_athlete(update, context)
    health = (
        (", ".join(athlete.injuries) or "none")
        if athlete.health_consent
        else "not stored (no consent)"
    )
    lines = [
        f"Name: {athlete.name or '—'}",
        f"Goal: {athlete.goal_event or '—'}"
        + (f" on {athlete.goal_date.isoformat()}" if athlete.goal_date else ""),
        f"Injuries: {health}",
        f"Equipment: {', '.join(athlete.equipment) or '—'}",
        f"Enjoys: {', '.join(athlete.likes) or '—'}",
        f"Timezone: {athlete.timezone}",
        "Check-ins: "
        + (f"daily at {athlete.checkin_time}" if athlete.checkin_enabled else "off")
        + (" (paused)" if athlete.paused else ""),
    ]
    await reply(
        update,
        context,
        escape(
            "\n".join(lines) + "\n\n/start to redo onboarding answers, /settings to change them."
        ),
    )


async def history_command(update: Update, context: Context) -> None:
    """/history: the last four weeks of check-ins and chosen substitutes."""
    svc = services(context)
    athlete = current_athlete(update, context)
    today = repository.local_today(athlete, now=svc.now())
    with svc.transaction() as session:
        checkins = repository.list_checkins(
            session=session,
            athlete_id=athlete_key(athlete),
            since=today - timedelta(days=HISTORY_DAYS),
        )
        substitutions = repository.list_substitutions(
            session=session, athlete_id=athlete_key(athlete)
        )
    if not checkins and not any(s.chosen_activity for s in substitutions):
        await reply(update, context, "No check-ins in the last four weeks yet.")
        return
    lines = [f"Last {HISTORY_DAYS // 7} weeks:"]
    for checkin in sorted(checkins, key=lambda c: c.day, reverse=True):
        detail = f" — {checkin.reason}" if checkin.reason else ""
        pain = f" (pain {checkin.pain}/10)" if checkin.pain is not None else ""
        note = f" [{checkin.note}]" if checkin.note else ""
        lines.append(f"{checkin.day.isoformat()}: {checkin.status}{pain}{detail}{note}")
    chosen = [s for s in substitutions if s.chosen_activity]
    if chosen:
        lines.append("\nSubstitutes chosen:")
        lines.extend(
            f"{s.created_at.date().isoformat()}: {s.chosen_activity} instead of "
            f"{s.missed.get('text') or 'a run'}"
            for s in chosen[:10]
        )
    await reply(update, context, escape("\n".join(lines)))


async def export_command(update: Update, context: Context) -> None:
    """/export: all your data as a JSON file."""
    svc = services(context)
    athlete = current_athlete(update, context)
    chat = update.effective_chat
    assert chat is not None
    with svc.transaction() as session:
        data = repository.export_athlete(
            session=session, athlete_id=athlete_key(athlete), now=svc.now()
        )
    payload = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()
    await context.bot.send_document(
        chat_id=chat.id,
        document=io.BytesIO(payload),
        filename="crosstrain-export.json",
        caption="Everything I store about you.",
    )


async def forget_command(update: Update, context: Context) -> None:
    """/forget: asks for confirmation, then erases everything about the athlete."""
    user = update.effective_user
    assert user is not None
    if known_athlete(update, context) is None:
        await reply(update, context, "I don't store anything about you.")
        return
    await reply(
        update,
        context,
        escape(
            "This erases everything I know about you: profile, plan, check-ins, substitutes and "
            "our conversation. It can't be undone. Sure?"
        ),
        reply_markup=keyboards.confirm_forget(services(context).signer, user.id),
    )


async def on_forget(update: Update, context: Context) -> None:
    svc = services(context)
    user, query = update.effective_user, update.callback_query
    assert user is not None and query is not None
    try:
        callback = svc.signer.unpack(user.id, query.data)
    except BadCallbackData:
        await answer_callback(update, "Sorry, that button isn't valid.", alert=True)
        return
    await answer_callback(update)
    await drop_buttons(update)
    if callback.fields != ("yes",):
        await reply(update, context, "Kept. Nothing was erased.")
        return
    athlete = known_athlete(update, context)
    if athlete is not None:
        with svc.transaction() as session:
            repository.erase_athlete(session=session, athlete_id=athlete_key(athlete))
        if context.job_queue is not None:
            jobs.unschedule_checkin(context.job_queue, athlete_key(athlete))
    if context.user_data is not None:
        context.user_data.clear()
    await reply(
        update,
        context,
        escape("Done — everything about you is erased. /start if you ever want to begin again."),
    )


async def settings_command(update: Update, context: Context) -> None:
    """/settings [timezone ZONE | checkin HH:MM|on|off | consent on|off]"""
    svc = services(context)
    athlete = current_athlete(update, context)
    args = [a.lower() for a in context.args or []]
    try:
        with svc.transaction() as session:
            if len(args) >= 2 and args[0] == "timezone":
                athlete = repository.set_checkin_schedule(
                    session=session,
                    athlete_id=athlete_key(athlete),
                    timezone=planning.parse_timezone(" ".join((context.args or [])[1:])),
                )
            elif len(args) == 2 and args[0] == "checkin":
                if args[1] in ("on", "off"):
                    athlete = repository.set_checkin_schedule(
                        session=session, athlete_id=athlete_key(athlete), enabled=args[1] == "on"
                    )
                else:
                    athlete = repository.set_checkin_schedule(
                        session=session,
                        athlete_id=athlete_key(athlete),
                        enabled=True,
                        time=planning.parse_clock_time(args[1]),
                    )
            elif len(args) == 2 and args[0] == "consent" and args[1] in ("on", "off"):
                athlete = repository.set_health_consent(
                    session=session,
                    athlete_id=athlete_key(athlete),
                    consent=args[1] == "on",
                    now=svc.now(),
                )
            elif args:
                raise ValueError("I didn't understand that setting.")
    except (ValueError, StorageError) as problem:
        await reply(update, context, escape(str(problem) + "\n\n" + _settings_usage()))
        return
    if args and context.job_queue is not None:
        jobs.schedule_checkin(context.job_queue, athlete)
    checkins = f"on at {athlete.checkin_time}" if athlete.checkin_enabled else "off"
    health = "stored with your consent" if athlete.health_consent else "not stored"
    await reply(
        update,
        context,
        escape(
            f"Timezone: {athlete.timezone}\n"
            f"Check-ins: {checkins}\n"
            f"Health details: {health}"
            f"\n\n{_settings_usage()}"
        ),
    )


def _settings_usage() -> str:
    return (
        "Change with: /settings timezone Europe/Berlin · /settings checkin 07:30 "
        "(or on/off) · /settings consent on (or off: also deletes stored health details)"
    )


async def coach_command(update: Update, context: Context) -> None:
    """/coach: athletes with missed runs or pain this week (coaches only)."""
    svc = services(context)
    user = update.effective_user
    if user is None or not svc.is_coach(user.id):
        await reply(update, context, "Sorry, that command is not available.")
        return
    since = svc.now().date() - timedelta(days=7)
    with svc.transaction() as session:
        items = repository.athletes_needing_attention(session=session, since=since)
    if not items:
        await reply(update, context, "No missed runs or pain reports in the last 7 days. 🎉")
        return
    lines = ["Athletes to look at (last 7 days):"]
    for item in items:
        pain = (
            f", pain reports {item.pain_reports} (max {item.max_pain}/10)"
            if item.pain_reports
            else ""
        )
        lines.append(
            f"• {item.name or 'athlete'} (id {item.telegram_user_id}): "
            f"missed {item.missed}{pain}, last {item.last_day.isoformat()}"
        )
    await reply(update, context, escape("\n".join(lines)))


async def unknown_command(update: Update, context: Context) -> None:
    await reply(update, context, escape("I don't know that command. /help lists what I can do."))


async def non_text(update: Update, context: Context) -> None:
    """Stickers, photos, voice, locations...: say what we understand."""
    await reply(
        update,
        context,
        escape(
            "I can only read text for now. Type a question, tell me about a missed run, or use "
            "/help to see the commands."
        ),
    )


async def stale_button(update: Update, context: Context) -> None:
    """Any button no other handler claimed: old, forged or malformed data."""
    await answer_callback(update, "That button has expired.", alert=True)


HANDLERS = [
    CommandHandler("help", help_command),
    CommandHandler("cancel", cancel_command),
    CommandHandler("plan", plan_command),
    CommandHandler("profile", profile_command),
    CommandHandler("history", history_command),
    CommandHandler("export", export_command),
    CommandHandler("forget", forget_command),
    CallbackQueryHandler(on_forget, pattern=r"^forget:"),
    CommandHandler("settings", settings_command),
    CommandHandler("coach", coach_command),
]
FALLBACK_HANDLERS = [
    MessageHandler(filters.COMMAND, unknown_command),
    MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, non_text),
    CallbackQueryHandler(stale_button),
]
