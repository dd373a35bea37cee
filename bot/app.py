"""The composition root: builds the Application, its handlers and its services."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults, ExtBot
from telegram.ext._utils.types import BD, BT, CCT, CD, JQ, UD
from telegram.request import BaseRequest

from bot import jobs
from bot.handlers import (
    ask,
    checkin,
    data,
    fallback,
    history,
    onboarding,
    plan,
    privacy,
    profile,
    runfiles,
    swap,
    unblock,
    week,
)
from bot.handlers import coach as coach_handlers
from bot.handlers import settings as settings_handlers
from bot.handlers.common import SERVICES_KEY
from bot.handlers.errors import on_error
from bot.rate_limit import SendBudget
from bot.reply_outbox import OutboxBot
from bot.services import Services, build_services
from bot.update_processing import GatedJobQueue, UnitOfWorkApplication, update_processor
from config.settings import Settings
from usecases import account

log = logging.getLogger(__name__)

OWNS_SERVICES_KEY = "owns_services"
SETTINGS_KEY = "settings"
SENDS_CHECKINS_KEY = "sends_checkins"
# Placeholder token for the terminal chat, which never talks to Telegram.
TERMINAL_TOKEN = "0:terminal-chat"


async def _post_init(application: Application) -> None:
    settings: Settings = application.bot_data[SETTINGS_KEY]
    if SERVICES_KEY not in application.bot_data:
        # Migrations and a stale-index refresh can take a moment; keep the loop free.
        application.bot_data[SERVICES_KEY] = await asyncio.to_thread(build_services, settings)
        application.bot_data[OWNS_SERVICES_KEY] = True
    with contextlib.suppress(TelegramError):
        await application.bot.set_my_commands(
            [BotCommand(name, description) for name, description in account.commands()]
        )
    if application.bot_data.get(SENDS_CHECKINS_KEY, True):
        jobs.rebuild_checkin_jobs(application)
    jobs.schedule_housekeeping(application)
    jobs.schedule_outbox_sweep(application)


@contextlib.asynccontextmanager
async def running(application: Application) -> AsyncIterator[Application]:
    """The application started as ``run_polling`` would start it, stopped on exit.

    Our own loops (webhook server, polling that acknowledges only handled updates, the
    terminal chat) run inside it.
    """
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            yield application
        finally:
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


async def _post_shutdown(application: Application) -> None:
    if application.bot_data.pop(OWNS_SERVICES_KEY, False):
        service: Services = application.bot_data.pop(SERVICES_KEY)
        service.close()


class _OutboxBotBuilder(ApplicationBuilder[BT, CCT, UD, CD, BD, JQ]):
    """python-telegram-bot's builder, building an :class:`OutboxBot` (replies kept until
    their update commits) instead of a plain ``ExtBot``."""

    def _build_ext_bot(self) -> ExtBot[Any]:
        plain = super()._build_ext_bot()
        return OutboxBot(
            token=plain.token,
            base_url=plain.base_url.removesuffix(plain.token),
            base_file_url=plain.base_file_url.removesuffix(plain.token),
            defaults=plain.defaults,
            request=plain._request[1],
            get_updates_request=plain._request[0],
            rate_limiter=plain.rate_limiter,
        )


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    services_override: Services | None = None,
    token: str | None = None,
    sends_checkins: bool = True,
) -> Application:
    """The bot, wired: handlers, error handler, rate limiter, HTML defaults, lifecycle.

    Each update is one transaction recorded with its id (a replay changes nothing), and
    updates run ``settings.update_concurrency`` at a time, each athlete's in order (see
    ``bot.update_processing``).
    """
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        _OutboxBotBuilder()
        .application_class(UnitOfWorkApplication)
        .concurrent_updates(update_processor(settings))
        .job_queue(GatedJobQueue())
        .token(token or settings.telegram_bot_token or TERMINAL_TOKEN)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_url.replace("/bot", "/file/bot"))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            )
        )
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_rate_limit > 0:
        # The one send budget of this worker (bot/rate_limit.py): replies, check-ins and
        # everything else; a RetryAfter pauses every send and reaches the caller once.
        builder = builder.rate_limiter(SendBudget(settings.telegram_rate_limit))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    application.bot_data[SETTINGS_KEY] = settings
    # The terminal chat must not dispatch everybody's daily check-ins into one terminal.
    application.bot_data[SENDS_CHECKINS_KEY] = sends_checkins
    if services_override is not None:
        application.bot_data[SERVICES_KEY] = services_override
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:
    # First of all: groups get a pointer to the private chat and nothing else. Then an
    # athlete who had blocked the bot is resumed; then an answer to an onboarding
    # question (the question awaiting one is in the database) is taken before the rest.
    application.add_handler(privacy.HANDLER, group=-3)
    application.add_handler(unblock.HANDLER, group=-2)
    application.add_handlers(onboarding.HANDLERS, group=-1)
    # Run files, /week and /coach week come before the other handlers (``/coach week``
    # before ``/coach``, files before the catch-all).
    application.add_handlers([*week.HANDLERS, *runfiles.HANDLERS])
    application.add_handlers(
        [
            *swap.HANDLERS,
            *checkin.HANDLERS,
            *profile.HANDLERS,
            *plan.HANDLERS,
            *history.HANDLERS,
            *data.HANDLERS,
            *settings_handlers.HANDLERS,
            *coach_handlers.HANDLERS,
            *fallback.HANDLERS,
            *ask.HANDLERS,
            *fallback.FALLBACK_HANDLERS,
        ]
    )
    application.add_error_handler(on_error)
