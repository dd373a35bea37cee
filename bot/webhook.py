"""Webhook mode: our own small HTTP server in front of the Application.

Telegram posts each update to ``CROSSTRAIN_WEBHOOK_URL``. Unlike python-telegram-bot's
built-in server, which queues an update and answers 200 at once, this server answers only
after the update was handled: if a worker dies halfway, Telegram delivers the update again
(and the processed-update record makes the retry harmless). An update another transaction
holds (``UpdateBusy``: a worker hanging in the middle of it) gets 503 with ``Retry-After``,
never 200, so it is delivered again until a worker really handled it. The listening socket is opened
with ``SO_REUSEPORT``, so several worker processes can serve one address and the kernel
spreads the connections between them (python-telegram-bot's ``customwebhookbot`` example
is the model: ``updater(None)``-style, updates fed to the application directly).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.services import UpdateBusy
from bot.update_processing import send_replies_in_background
from config.settings import Settings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024
BUSY_RETRY_AFTER_SECONDS = 1


def build_webhook_app(application: Application, secret: str, path: str) -> web.Application:
    """The aiohttp app: a health check and the webhook endpoint."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403, text="forbidden")
        try:
            payload: Any = json.loads(await request.read())
            update = Update.de_json(payload, application.bot) if isinstance(payload, dict) else None
        except (ValueError, TypeError, KeyError, AttributeError):
            update = None
        if update is None:
            return web.Response(status=400, text="not an update")
        # Through the update processor, so per-athlete ordering and concurrency apply.
        try:
            await application.update_processor.process_update(
                update, application.process_update(update)
            )
        except UpdateBusy:
            # Another transaction holds this update (a worker handling it, or hanging):
            # not handled, so not acknowledged; Telegram delivers it again.
            return web.Response(status=503, text="busy, retry",
                                headers={"Retry-After": str(BUSY_RETRY_AFTER_SECONDS)})
        return web.Response(text="ok")

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    app.router.add_post(f"/{path.strip('/')}", receive)
    app.router.add_get("/healthz", health)
    return app


async def serve_webhook(application: Application, settings: Settings, stop: asyncio.Event) -> None:
    """Serve the webhook of a running application until ``stop`` is set."""
    assert settings.webhook_url and settings.webhook_secret
    send_replies_in_background(application)
    webhook_app = build_webhook_app(application, settings.webhook_secret, settings.webhook_path)
    runner = web.AppRunner(webhook_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_listen, settings.webhook_port, reuse_port=True)
    await site.start()
    # Every worker sets the same webhook; the call is idempotent.
    await application.bot.set_webhook(
        url=settings.webhook_url,
        secret_token=settings.webhook_secret,
        allowed_updates=Update.ALL_TYPES,
    )
    log.info("webhook server listening on %s:%s", settings.webhook_listen, settings.webhook_port)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
