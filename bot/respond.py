"""From a use case's replies to Telegram: send them, answer the button press, and rebuild
the athlete's check-in wake-up when a reply says their schedule changed.

Handlers call :func:`respond`; it lives outside ``bot/handlers/common.py`` because it
needs ``bot.jobs``, which itself builds on ``common`` (no import cycle).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram import Update

from bot import jobs
from bot.callback_data import BadCallbackData
from bot.handlers.common import Context, private_chat_id, services
from bot.replies import answer_press, send_replies
from coach.language import t
from storage import repository
from usecases import identity
from usecases.identity import ATHLETE_ID_KEY
from usecases.replies import Reply


def reschedule(context: Context, athlete_id: int) -> None:
    """Rebuild the athlete's daily wake-up from the database (removed when they are
    gone, off or paused)."""
    if context.job_queue is None:
        return
    with services(context).transaction() as session:
        athlete = repository.get_athlete(session=session, athlete_id=athlete_id)
    if athlete is None:
        jobs.unschedule_checkin(context.job_queue, athlete_id)
    else:
        jobs.schedule_checkin(context.job_queue, athlete)


async def respond(update: Update, context: Context, replies: Reply | Sequence[Reply]) -> None:
    """Send ``replies`` to the chat of ``update`` (buttons signed for its user alone)."""
    batch = (replies,) if isinstance(replies, Reply) else tuple(replies)
    if update.callback_query is not None:
        pressed = next((r for r in batch if r.toast or r.remove_buttons or r.alert), None)
        await answer_press(update, pressed)
    for reply in batch:
        if reply.schedule_changed and reply.extra.get(ATHLETE_ID_KEY, "").isdigit():
            reschedule(context, int(reply.extra[ATHLETE_ID_KEY]))
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    await send_replies(context, chat_id=chat.id, user_id=user.id,
                       signer=services(context).signer, replies=batch)


async def athlete_id_for(update: Update, context: Context, *, create: bool) -> int | None:
    """The athlete behind ``update`` (``usecases.identity``'s rule says who may be
    created): their id, or None after telling an unknown person to send /start."""
    user = update.effective_user
    if user is None:
        return None
    athlete_id = identity.identify(services(context), telegram_user_id=user.id,
                                   chat_id=private_chat_id(update), name=user.first_name,
                                   create=create)
    if athlete_id is None:
        await respond(update, context, Reply(text=t("account.unknown_athlete")))
    return athlete_id


PressHandler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def press_handler(use_case: Callable[..., Reply], *fields: str,
                  invalid: str) -> PressHandler:
    """The handler of a button whose signed fields are ``use_case``'s keyword arguments
    ``fields``, in order: the press is checked (see :func:`pressed`; a bad one is answered
    with the text ``invalid`` names), the use case called with the services, the athlete
    and those fields, and its reply sent."""

    async def handle(update: Update, context: Context) -> None:
        press = await pressed(update, context, fields=len(fields), invalid=t(invalid))
        if press is not None:
            athlete_id, values = press
            await respond(update, context, use_case(
                uow=services(context), athlete_id=athlete_id,
                **dict(zip(fields, values, strict=True))))

    handle.__doc__ = use_case.__doc__
    return handle


async def pressed(
    update: Update, context: Context, *, fields: int, invalid: str
) -> tuple[int, tuple[str, ...]] | None:
    """The athlete and the ``fields`` signed fields of a button press, or None when the
    press is forged, malformed or foreign (then answered with ``invalid``) or comes from
    someone we do not know (then told to send /start)."""
    user, query = update.effective_user, update.callback_query
    values: tuple[str, ...] | None = None
    if user is not None and query is not None:
        with contextlib.suppress(BadCallbackData):
            values = services(context).signer.unpack(user.id, query.data).fields
    if values is None or len(values) != fields:
        await answer_press(update, Reply(text="", toast=invalid, alert=True))
        return None
    athlete_id = await athlete_id_for(update, context, create=False)
    return None if athlete_id is None else (athlete_id, values)
