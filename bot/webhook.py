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

The HTTP/1.1 protocol is h11's (already loaded for httpx, the bot's own client) over
asyncio's streams: a web framework would add ~10 MB resident to every worker for two
routes (bench/memory.py --webhook).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from typing import Any

import h11
from telegram import Update
from telegram.ext import Application

from bot.services import UpdateBusy
from bot.update_processing import send_replies_in_background
from config.settings import Settings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024
BUSY_RETRY_AFTER_SECONDS = 1
# A connection with no request for this long is closed (Telegram opens a new one).
IDLE_SECONDS = 120.0
# How long a stopping worker lets the updates it is handling finish.
STOP_GRACE_SECONDS = 10.0
READ_CHUNK = 65_536


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    text: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class WebhookServer:
    """The two routes (the webhook and a health check) and the connections serving them."""

    application: Application[Any, Any, Any, Any, Any, Any]
    secret: str
    path: str
    _handling: int = field(default=0, init=False)
    _connections: set[asyncio.Task[None]] = field(default_factory=set, init=False)
    _idle: asyncio.Event = field(default_factory=asyncio.Event, init=False)

    def __post_init__(self) -> None:
        self._expected = self.secret.encode()
        self._target = ("/" + self.path.strip("/")).encode()
        self._idle.set()

    async def answer(self, method: bytes, target: bytes, headers: dict[bytes, bytes],
                     body: bytes) -> Answer:
        """What one request gets (see the module doc)."""
        route = target.split(b"?", 1)[0]
        if route == b"/healthz":
            return Answer(200, "ok") if method in (b"GET", b"HEAD") else _not_allowed("GET")
        if route != self._target:
            return Answer(404, "not found")
        if method != b"POST":
            return _not_allowed("POST")
        given = headers.get(SECRET_HEADER.lower().encode(), b"")
        if not hmac.compare_digest(given, self._expected):
            return Answer(403, "forbidden")
        try:
            payload: Any = json.loads(body)
            update = (Update.de_json(payload, self.application.bot)
                      if isinstance(payload, dict) else None)
        except (ValueError, TypeError, KeyError, AttributeError):
            update = None
        if update is None:
            return Answer(400, "not an update")
        # Through the update processor, so per-athlete ordering and concurrency apply.
        self._handling += 1
        self._idle.clear()
        try:
            await self.application.update_processor.process_update(
                update, self.application.process_update(update))
        except UpdateBusy:
            # Another transaction holds this update (a worker handling it, or hanging):
            # not handled, so not acknowledged; Telegram delivers it again.
            return Answer(503, "busy, retry", (("Retry-After", str(BUSY_RETRY_AFTER_SECONDS)),))
        finally:
            self._handling -= 1
            if not self._handling:
                self._idle.set()
        return Answer(200, "ok")

    async def serve_connection(self, reader: asyncio.StreamReader,
                               writer: asyncio.StreamWriter) -> None:
        """Requests of one connection, one after another (HTTP/1.1 keep-alive)."""
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
        connection = h11.Connection(h11.SERVER, max_incomplete_event_size=64 * 1024)
        try:
            while True:
                try:
                    request = await self._read_request(connection, reader)
                except h11.RemoteProtocolError as error:
                    answer = Answer(error.error_status_hint, "bad request")
                    if connection.our_state in (h11.IDLE, h11.SEND_RESPONSE):
                        await self._send(connection, writer, answer, close=True)
                    return
                except _TooLarge:
                    await self._send(connection, writer, Answer(413, "too large"), close=True)
                    return
                if request is None:
                    return
                method, target, headers, body = request
                answer = await self.answer(method, target, headers, body)
                await self._send(connection, writer, answer, head=method == b"HEAD")
                if connection.our_state is not h11.DONE or \
                        connection.their_state is not h11.DONE:
                    return
                connection.start_next_cycle()
        except (ConnectionError, TimeoutError, h11.LocalProtocolError):
            return
        finally:
            if task is not None:
                self._connections.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, asyncio.CancelledError):
                await writer.wait_closed()

    @staticmethod
    async def _read_request(connection: h11.Connection, reader: asyncio.StreamReader
                            ) -> tuple[bytes, bytes, dict[bytes, bytes], bytes] | None:
        """The next request (method, target, headers, body), or None once the client
        closed the connection (or left it idle for IDLE_SECONDS)."""
        request: h11.Request | None = None
        body = bytearray()
        while True:
            event = connection.next_event()
            if event is h11.NEED_DATA:
                try:
                    data = await asyncio.wait_for(reader.read(READ_CHUNK), IDLE_SECONDS)
                except TimeoutError:
                    if request is None:
                        return None
                    raise
                connection.receive_data(data)
            elif isinstance(event, h11.Request):
                request = event
                length = next((value for name, value in event.headers
                               if name == b"content-length"), None)
                if length is not None and int(length) > MAX_UPDATE_BYTES:
                    raise _TooLarge
            elif isinstance(event, h11.Data):
                body += event.data
                if len(body) > MAX_UPDATE_BYTES:
                    raise _TooLarge
            elif isinstance(event, h11.EndOfMessage):
                assert request is not None
                return (request.method, request.target,
                        {name: value for name, value in request.headers}, bytes(body))
            elif isinstance(event, h11.ConnectionClosed) or event is h11.PAUSED:
                return None

    @staticmethod
    async def _send(connection: h11.Connection, writer: asyncio.StreamWriter, answer: Answer,
                    *, close: bool = False, head: bool = False) -> None:
        content = answer.text.encode()
        headers = [("Content-Type", "text/plain; charset=utf-8"),
                   ("Content-Length", str(len(content))), *answer.headers]
        if close:
            headers.append(("Connection", "close"))
        data = connection.send(h11.Response(status_code=answer.status, headers=headers)) or b""
        if not head:
            data += connection.send(h11.Data(data=content)) or b""
        data += connection.send(h11.EndOfMessage()) or b""
        writer.write(data)
        await writer.drain()

    async def stop(self) -> None:
        """Let the updates being handled finish (for a while), then close every
        connection."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), STOP_GRACE_SECONDS)
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)


class _TooLarge(Exception):
    """A request body over MAX_UPDATE_BYTES."""


def _not_allowed(allowed: str) -> Answer:
    return Answer(405, "method not allowed", (("Allow", allowed),))


async def serve_webhook(application: Application[Any, Any, Any, Any, Any, Any],
                        settings: Settings, stop: asyncio.Event) -> None:
    """Serve the webhook of a running application until ``stop`` is set."""
    assert settings.webhook_url and settings.webhook_secret
    send_replies_in_background(application)
    webhook = WebhookServer(application, settings.webhook_secret, settings.webhook_path)
    server = await asyncio.start_server(webhook.serve_connection, settings.webhook_listen,
                                        settings.webhook_port, reuse_port=True)
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
        server.close()  # no new connections
        await webhook.stop()
