"""A small Telegram Bot API emulator for end-to-end tests (aiohttp, loopback only).

The real bot process talks to it over HTTP with ``base_url=http://127.0.0.1:<port>/bot``;
tests act as users through the control API under ``/_emu/`` (see ``tests/e2e/client.py``).
It follows the Bot API documentation for the methods a python-telegram-bot bot uses:
long polling with offsets, webhook delivery with the secret token header, messages with
dates in seconds, HTML parse mode checked, edits, callback answers, commands, uploads.

Faults the tests can inject: chats that blocked the bot (403), flood control (429 with
``retry_after``), Telegram's flood limits recorded or enforced, server errors and
timeouts (optionally after the call took effect, the ambiguous case).

Run as a process::

    .venv/bin/python -m tests.e2e.emulator --host 127.0.0.1 --port 0

It prints one line ``EMULATOR READY url=http://127.0.0.1:PORT base_url=... token=...``.
In-process: ``async with BotApiEmulator() as emulator: ...``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import copy
import json
import logging
import random
import re
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from http import HTTPStatus
from typing import Any, Literal

import aiohttp
from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tests.bot import updates as factories
from tests.bot.updates import (
    DEFAULT_BOT_NAME,
    DEFAULT_BOT_USERNAME,
    DEFAULT_TOKEN,
    TgUser,
    chat_instance_for,
    group_chat_dict,
    private_chat_dict,
)
from tests.e2e.botapi import (
    CHAT_ACTIONS,
    SEND_METHODS,
    BotApiError,
    JSONDict,
    RateLimits,
    RateLimitTracker,
    bad_request,
    check_commands,
    check_message_text,
    check_reply_markup,
    decode_param,
    forbidden_blocked,
    too_many_requests,
)

log = logging.getLogger("tests.e2e.emulator")

# Update types delivered when the bot never set allowed_updates (Bot API default).
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Plumbing methods that faults without an explicit method list leave alone.
_FAULT_EXEMPT = frozenset({
    "getme", "getupdates", "setwebhook", "deletewebhook", "getwebhookinfo", "close",
    "logout", "setmycommands", "getmycommands", "deletemycommands",
})
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_MEDIA_KINDS = {
    "sendDocument": "document", "sendPhoto": "photo", "sendAudio": "audio",
    "sendVoice": "voice", "sendVideo": "video", "sendAnimation": "animation",
    "sendSticker": "sticker",
}
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile's limit for bots
FaultKind = Literal["retry_after", "server_error", "timeout", "forbidden", "bad_request"]
MethodHandler = Callable[[JSONDict, dict[str, "UploadedPart"]], Awaitable[Any]]


@dataclass
class UploadedPart:
    """A file part of a multipart request."""

    filename: str
    content: bytes
    content_type: str


@dataclass
class BotCall:
    """One request the bot made."""

    seq: int
    method: str
    params: JSONDict
    time: float  # time.monotonic() of this (emulator) process
    wall_time: float
    chat_id: int | str | None
    status: int = 200
    description: str | None = None

    def to_dict(self) -> JSONDict:
        return asdict(self)


@dataclass
class StoredMessage:
    """A message in a chat: the Bot API ``Message`` plus what tests want to check."""

    chat_id: int
    message_id: int
    sender: Literal["bot", "user"]
    method: str
    message: JSONDict
    source_text: str | None = None  # text as the bot sent it (HTML), before parsing
    parse_mode: str | None = None
    reply_markup: JSONDict | None = None
    sent_seq: int = 0
    seq: int = 0  # seq of the last change (send, edit, delete)
    edit_count: int = 0
    deleted: bool = False

    def to_dict(self) -> JSONDict:
        message = self.message
        return {
            "chat_id": self.chat_id, "message_id": self.message_id, "sender": self.sender,
            "method": self.method, "text": message.get("text", message.get("caption")),
            "source_text": self.source_text, "parse_mode": self.parse_mode,
            "reply_markup": self.reply_markup, "sent_seq": self.sent_seq, "seq": self.seq,
            "edit_count": self.edit_count, "deleted": self.deleted, "message": message,
        }


@dataclass
class StoredFile:
    """A file the bot uploaded (sendDocument and friends)."""

    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    content: bytes
    chat_id: int | None
    message_id: int | None
    method: str

    def to_dict(self, *, with_content: bool = True) -> JSONDict:
        data: JSONDict = {
            "file_id": self.file_id, "file_unique_id": self.file_unique_id,
            "file_name": self.file_name, "mime_type": self.mime_type,
            "file_size": len(self.content), "chat_id": self.chat_id,
            "message_id": self.message_id, "method": self.method,
        }
        if with_content:
            data["content_base64"] = base64.b64encode(self.content).decode("ascii")
        return data


@dataclass
class FaultRule:
    """Makes matching bot calls fail. ``methods``/``chat_id`` None match any (but plumbing)."""

    kind: FaultKind
    methods: frozenset[str] | None = None  # lower-case method names
    chat_id: int | str | None = None
    times: int | None = 1  # None: for ever
    probability: float = 1.0
    retry_after: int = 1
    delay: float = 0.0  # timeout: how long to hang before answering
    status: int = 500  # server_error: the HTTP status
    description: str | None = None
    effect: bool = True  # timeout: the call takes effect before the hang (ambiguous)
    hits: int = 0
    id: int = 0

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.methods is None:
            if method in _FAULT_EXEMPT:
                return False
        elif method not in self.methods:
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def to_dict(self) -> JSONDict:
        data = asdict(self)
        data["methods"] = sorted(self.methods) if self.methods is not None else None
        return data


@dataclass
class PendingUpdate:
    update: JSONDict
    replay: bool = False
    delivered: int = 0
    in_flight: bool = False
    not_before: float = 0.0

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])

    @property
    def kind(self) -> str:
        return next((key for key in self.update if key != "update_id"), "")

    @property
    def chat_key(self) -> str:
        """Updates with the same key are delivered to a webhook one at a time, in order."""
        payload = self.update.get(self.kind)
        if isinstance(payload, dict):
            message = payload.get("message") if self.kind == "callback_query" else payload
            if isinstance(message, dict) and isinstance(message.get("chat"), dict):
                return f"chat:{message['chat'].get('id')}"
            if isinstance(payload.get("from"), dict):
                return f"user:{payload['from'].get('id')}"
        return f"update:{self.update_id}"


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


# ---------------------------------------------------------------- control API input
class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UserIn(_Model):
    id: int = Field(gt=0, lt=2**52)
    first_name: str = Field(default="Test", min_length=1, max_length=64)
    username: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_]{3,32}$")
    last_name: str | None = Field(default=None, max_length=64)
    language_code: str | None = Field(default="en", max_length=35)

    def to_user(self) -> TgUser:
        return TgUser(id=self.id, first_name=self.first_name, username=self.username,
                      last_name=self.last_name, language_code=self.language_code)


class ChatIn(_Model):
    id: int = Field(lt=2**52, gt=-(2**52))
    type: Literal["private", "group", "supergroup"] = "group"
    title: str = Field(default="Test group", min_length=1, max_length=128)


class UserMessageIn(_Model):
    user: UserIn
    chat: ChatIn | None = None
    reply_to_message_id: int | None = Field(default=None, gt=0)


class TextIn(UserMessageIn):
    text: str = Field(min_length=1, max_length=4096)


class BulkTextIn(_Model):
    messages: list[TextIn] = Field(min_length=1, max_length=20_000)


class CommandIn(UserMessageIn):
    command: str = Field(pattern=r"^/?[A-Za-z0-9_]{1,32}$")
    args: str = Field(default="", max_length=4000)
    mention_bot: bool = False


class EditTextIn(UserMessageIn):
    message_id: int = Field(gt=0)
    text: str = Field(min_length=1, max_length=4096)


class StickerIn(UserMessageIn):
    emoji: str = Field(default="👍", min_length=1, max_length=16)


class PhotoIn(UserMessageIn):
    caption: str | None = Field(default=None, max_length=1024)


class LocationIn(UserMessageIn):
    latitude: float = Field(default=52.52, ge=-90, le=90)
    longitude: float = Field(default=13.405, ge=-180, le=180)


class VoiceIn(UserMessageIn):
    duration: int = Field(default=3, ge=1, le=3600)


class DocumentIn(UserMessageIn):
    file_name: str = Field(default="notes.txt", min_length=1, max_length=255)
    mime_type: str = Field(default="text/plain", min_length=1, max_length=255)
    content_base64: str = Field(default="", max_length=70_000_000)
    caption: str | None = Field(default=None, max_length=1024)


class ButtonPressIn(_Model):
    user: UserIn
    data: str = Field(max_length=4096)  # forged data may exceed Telegram's 64 bytes
    message_id: int | None = Field(default=None, gt=0)
    chat_id: int | None = None
    inline_message_id: str | None = Field(default=None, min_length=1, max_length=256)
    message: dict[str, Any] | None = None  # forge the whole message


class RawUpdateIn(_Model):
    update: dict[str, Any]


class ReplayIn(_Model):
    update_id: int


class BlockIn(_Model):
    chat_id: int
    blocked: bool = True


class FaultIn(_Model):
    kind: FaultKind
    methods: list[str] | None = Field(default=None, min_length=1)
    chat_id: int | None = None
    times: int | None = Field(default=1, ge=1)
    probability: float = Field(default=1.0, gt=0.0, le=1.0)
    retry_after: int = Field(default=1, ge=1, le=3600)
    delay: float = Field(default=0.0, ge=0.0, le=120.0)
    status: int = Field(default=500, ge=400, le=599)
    description: str | None = Field(default=None, max_length=500)
    effect: bool = True


class LimitsIn(_Model):
    enabled: bool = True
    enforce: bool = False
    global_per_second: int = Field(default=30, ge=1, le=10_000)
    per_chat_interval: float = Field(default=1.0, ge=0.0, le=60.0)
    group_per_minute: int = Field(default=20, ge=1, le=10_000)


class WebhookPostIn(_Model):
    update: dict[str, Any]
    secret_token: str | None = None
    url: str | None = None


class ControlError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Server Error"


def _query_int(request: web.Request, name: str, default: int | None = None) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ControlError(f"query parameter {name!r} must be an integer") from exc


def _query_float(request: web.Request, name: str, default: float) -> float:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ControlError(f"query parameter {name!r} must be a number") from exc
    if not 0 <= value <= 120:
        raise ControlError(f"query parameter {name!r} must be between 0 and 120")
    return value


class BotApiEmulator:
    """The emulator: one bot (one token), any number of users and chats."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = DEFAULT_BOT_USERNAME,
        bot_first_name: str = DEFAULT_BOT_NAME,
        host: str = "127.0.0.1",
        port: int = 0,
        strict_chats: bool = False,
        webhook_retry_delay: float = 0.2,
        webhook_timeout: float = 10.0,
        seed: int = 0,
    ) -> None:
        prefix = token.split(":", 1)[0]
        self.token = token
        self.bot_id = int(prefix) if prefix.isdigit() else factories.DEFAULT_BOT_ID
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.host = host
        self.port = port
        # strict_chats: sending to a chat no user ever wrote from is 400 "chat not found"
        self.strict_chats = strict_chats
        self.webhook_retry_delay = webhook_retry_delay
        # How long a webhook POST may take before Telegram gives up and delivers it again.
        self.webhook_timeout = webhook_timeout
        self._random = random.Random(seed)
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._closing = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self._updates_event = asyncio.Event()
        self._change_event = asyncio.Event()
        self._webhook_event = asyncio.Event()
        self._chat_events: dict[int, asyncio.Event] = {}
        self._methods: dict[str, MethodHandler] = self._method_table()
        # Counters survive reset() so a running bot's getUpdates offset stays valid.
        self._next_update_id = 1
        self._next_message_id = 1
        self._next_callback_id = 1
        self._next_file = 1
        self._next_fault_id = 1
        self._seq = 0
        self._poll_generation = 0
        self._reset_state()

    # ------------------------------------------------------------ state
    def _reset_state(self) -> None:
        self.users: dict[int, TgUser] = {}
        self.chats: dict[int, JSONDict] = {}
        self.messages: dict[int, dict[int, StoredMessage]] = {}
        self.pending: list[PendingUpdate] = []
        self.update_history: dict[int, JSONDict] = {}
        self.calls: list[BotCall] = []
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, JSONDict] = {}
        self.callback_answers: list[JSONDict] = []
        self.inline_edits: list[JSONDict] = []
        self.commands: dict[str, list[JSONDict]] = {}
        self.bot_settings: dict[str, JSONDict] = {}
        self.blocked_chats: set[int | str] = set()
        self.faults: list[FaultRule] = []
        self.limits: RateLimits | None = None
        self.rate_tracker = RateLimitTracker()
        self.allowed_updates: list[str] | None = None
        self.webhook: WebhookConfig | None = None
        self.webhook_deliveries: list[JSONDict] = []
        self.get_updates_calls = 0
        self.pollers_waiting = 0
        self.updates_delivered = 0

    def reset(self) -> None:
        """Forget everything the tests did (counters keep increasing)."""
        self._reset_state()
        self._poll_generation += 1
        self._notify_updates()
        self._wake_all_chats()

    # ------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What python-telegram-bot takes as ``base_url`` (the token is appended)."""
        return f"{self.url}/bot"

    @property
    def control_url(self) -> str:
        return f"{self.url}/_emu"

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._bot_endpoint)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file_endpoint)
        control: list[tuple[str, str, Callable[[web.Request], Awaitable[JSONDict]]]] = [
            ("GET", "/health", self._c_health),
            ("GET", "/state", self._c_state),
            ("POST", "/reset", self._c_reset),
            ("POST", "/send_message", self._c_send_message),
            ("POST", "/send_messages", self._c_send_messages),
            ("POST", "/send_command", self._c_send_command),
            ("POST", "/edit_message", self._c_edit_message),
            ("POST", "/send_sticker", self._c_send_sticker),
            ("POST", "/send_photo", self._c_send_photo),
            ("POST", "/send_location", self._c_send_location),
            ("POST", "/send_voice", self._c_send_voice),
            ("POST", "/send_document", self._c_send_document),
            ("POST", "/press_button", self._c_press_button),
            ("POST", "/updates", self._c_raw_update),
            ("POST", "/replay", self._c_replay),
            ("GET", "/messages", self._c_messages),
            ("GET", "/calls", self._c_calls),
            ("GET", "/documents", self._c_documents),
            ("GET", "/callback_answers", self._c_callback_answers),
            ("GET", "/commands", self._c_commands),
            ("GET", "/webhook_deliveries", self._c_webhook_deliveries),
            ("POST", "/webhook/post", self._c_webhook_post),
            ("POST", "/block", self._c_block),
            ("GET", "/faults", self._c_faults),
            ("POST", "/faults", self._c_add_fault),
            ("DELETE", "/faults", self._c_clear_faults),
            ("POST", "/limits", self._c_limits),
            ("GET", "/violations", self._c_violations),
        ]
        for verb, path, handler in control:
            app.router.add_route(verb, "/_emu" + path, self._control(handler))
        return app

    async def start(self) -> None:
        self._closing = False
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, shutdown_timeout=0.5)
        await site.start()
        server = site._server
        if self.port == 0 and server is not None:
            sockets = getattr(server, "sockets", None) or []
            self.port = int(sockets[0].getsockname()[1])
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._spawn(self._webhook_loop())

    async def stop(self) -> None:
        self._closing = True
        self._notify_updates()
        self._wake_all_chats()
        self._webhook_event.set()
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task: asyncio.Task[Any] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ------------------------------------------------------------ notifications
    def _notify_updates(self) -> None:
        self._updates_event.set()
        self._updates_event = asyncio.Event()
        self._webhook_event.set()

    def _notify_change(self, chat_id: int | None = None) -> None:
        """Wake waiters on any change; with ``chat_id`` also that chat's message waiters."""
        self._change_event.set()
        self._change_event = asyncio.Event()
        if chat_id is not None:
            event = self._chat_events.pop(chat_id, None)
            if event is not None:
                event.set()

    def _wake_all_chats(self) -> None:
        self._notify_change()
        for chat_id in list(self._chat_events):
            self._notify_change(chat_id)

    def _chat_event(self, chat_id: int) -> asyncio.Event:
        return self._chat_events.setdefault(chat_id, asyncio.Event())

    @staticmethod
    async def _wait(event: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    def _bump(self) -> int:
        self._seq += 1
        return self._seq

    # ------------------------------------------------------------ helpers
    def bot_user(self) -> JSONDict:
        return factories.bot_user_dict(bot_id=self.bot_id, username=self.bot_username,
                                       first_name=self.bot_first_name)

    def _resolve_chat(self, chat_id: Any) -> JSONDict:
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if isinstance(chat_id, str):
            wanted = chat_id.lstrip("@").lower()
            for chat in self.chats.values():
                if str(chat.get("username", "")).lower() == wanted:
                    return chat
            raise bad_request("chat not found")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int):
            raise bad_request("chat not found")
        known = self.chats.get(chat_id)
        if known is not None:
            return known
        if self.strict_chats or chat_id == 0:
            raise bad_request("chat not found")
        chat = (private_chat_dict(TgUser(id=chat_id, first_name=f"User{chat_id}"))
                if chat_id > 0 else group_chat_dict(chat_id, f"Group {chat_id}"))
        self.chats[chat_id] = chat
        return chat

    def _stored(self, chat_id: Any, message_id: Any, *, action: str) -> StoredMessage:
        if not isinstance(message_id, int):
            raise bad_request(f"message to {action} not found")
        chat = self._resolve_chat(chat_id)
        stored = self.messages.get(int(chat["id"]), {}).get(message_id)
        if stored is None or stored.deleted:
            raise bad_request(f"message to {action} not found")
        return stored

    def _store_message(
        self, chat: JSONDict, message: JSONDict, *, sender: Literal["bot", "user"],
        method: str, source_text: str | None = None, parse_mode: str | None = None,
        reply_markup: JSONDict | None = None,
    ) -> StoredMessage:
        seq = self._bump()
        stored = StoredMessage(
            chat_id=int(chat["id"]), message_id=int(message["message_id"]), sender=sender,
            method=method, message=message, source_text=source_text, parse_mode=parse_mode,
            reply_markup=reply_markup, sent_seq=seq, seq=seq,
        )
        self.messages.setdefault(stored.chat_id, {})[stored.message_id] = stored
        self._notify_change(stored.chat_id)
        return stored

    def _new_message_id(self) -> int:
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def _new_file_ids(self, kind: str) -> tuple[str, str]:
        number = self._next_file
        self._next_file += 1
        return f"{kind}-{number:06d}-emulated", f"{kind}-u{number:06d}"

    def _reply_target(self, chat: JSONDict, params: JSONDict) -> JSONDict | None:
        reply_parameters = params.get("reply_parameters")
        reply_id = params.get("reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply_parameters, dict):
            reply_id = reply_parameters.get("message_id", reply_id)
            allow_missing = allow_missing or bool(
                reply_parameters.get("allow_sending_without_reply"))
        if reply_id is None:
            return None
        stored = self.messages.get(int(chat["id"]), {}).get(reply_id)
        if stored is None or stored.deleted:
            if allow_missing:
                return None
            raise bad_request("message to be replied not found")
        return copy.deepcopy(stored.message)

    def _bot_message(self, chat: JSONDict, params: JSONDict, **content: Any) -> JSONDict:
        message: JSONDict = {
            "message_id": self._new_message_id(), "from": self.bot_user(), "chat": chat,
            "date": int(time.time()),
        }
        reply_to = self._reply_target(chat, params)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update({key: value for key, value in content.items() if value is not None})
        markup = content.get("reply_markup")
        if markup is not None and "inline_keyboard" not in markup:
            del message["reply_markup"]  # only inline keyboards belong to a Message
        return message

    # ------------------------------------------------------------ bot side
    def _method_table(self) -> dict[str, MethodHandler]:
        table: dict[str, MethodHandler] = {
            "getme": self._m_get_me,
            "getupdates": self._m_get_updates,
            "sendmessage": self._m_send_message,
            "editmessagetext": self._m_edit_message_text,
            "editmessagereplymarkup": self._m_edit_message_reply_markup,
            "editmessagecaption": self._m_edit_message_caption,
            "deletemessage": self._m_delete_message,
            "deletemessages": self._m_delete_messages,
            "answercallbackquery": self._m_answer_callback_query,
            "sendchataction": self._m_send_chat_action,
            "setmycommands": self._m_set_my_commands,
            "getmycommands": self._m_get_my_commands,
            "deletemycommands": self._m_delete_my_commands,
            "sendlocation": self._m_send_location,
            "setwebhook": self._m_set_webhook,
            "deletewebhook": self._m_delete_webhook,
            "getwebhookinfo": self._m_get_webhook_info,
            "getfile": self._m_get_file,
            "close": self._m_true,
            "logout": self._m_true,
            "setmydescription": self._m_store_setting,
            "setmyshortdescription": self._m_store_setting,
            "setmyname": self._m_store_setting,
            "setchatmenubutton": self._m_store_setting,
            "getmydescription": self._m_get_my_description,
            "getmyshortdescription": self._m_get_my_short_description,
            "getchatmenubutton": self._m_get_chat_menu_button,
        }
        for method, kind in _MEDIA_KINDS.items():
            table[method.lower()] = self._media_sender(method, kind)
        return table

    @staticmethod
    def _error_response(error: BotApiError) -> web.Response:
        return web.json_response(error.to_json(), status=error.status)

    async def _bot_endpoint(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._error_response(BotApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        lower = method.lower()
        try:
            params, files = await self._read_params(request)
        except BotApiError as error:
            return self._error_response(error)
        except Exception as exc:  # a broken body must not take the emulator down
            return self._error_response(bad_request(f"can't parse request: {exc}"))
        chat_id = params.get("chat_id")
        now = time.monotonic()
        logged = {key: value for key, value in params.items()}
        for name, part in files.items():
            logged[name] = {"file_name": part.filename, "size": len(part.content)}
        call = BotCall(seq=self._bump(), method=method, params=logged, time=now,
                       wall_time=time.time(), chat_id=chat_id if isinstance(chat_id,
                       int | str) else None)
        self.calls.append(call)
        self._notify_change()
        handler = self._methods.get(lower)
        try:
            if handler is None:
                raise BotApiError(404, "Not Found: method not found")
            result = await self._run(lower, handler, params, files, now)
        except BotApiError as error:
            call.status, call.description = error.status, error.description
            return self._error_response(error)
        except Exception as exc:
            log.exception("emulator failed on %s", method)
            call.status, call.description = 500, f"Internal Server Error: {exc!r}"
            return self._error_response(BotApiError(500, "Internal Server Error"))
        return web.json_response({"ok": True, "result": result})

    async def _read_params(
        self, request: web.Request,
    ) -> tuple[JSONDict, dict[str, UploadedPart]]:
        raw: JSONDict = dict(request.query)
        files: dict[str, UploadedPart] = {}
        if request.method == "POST" and request.can_read_body:
            content_type = request.content_type
            if content_type == "application/json":
                body = await request.json()
                if not isinstance(body, dict):
                    raise bad_request("request body must be a JSON object")
                raw.update(body)
            elif content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
                form = await request.post()
                for name, value in form.items():
                    if isinstance(value, web.FileField):
                        files[name] = UploadedPart(
                            filename=value.filename or name, content=value.file.read(),
                            content_type=value.content_type or "application/octet-stream")
                    else:
                        raw[name] = value if isinstance(value, str) else bytes(value).decode()
        return {name: decode_param(name, value) for name, value in raw.items()}, files

    async def _run(self, method: str, handler: MethodHandler, params: JSONDict,
                   files: dict[str, UploadedPart], now: float) -> Any:
        chat_id = params.get("chat_id")
        if method not in _FAULT_EXEMPT and chat_id is not None and chat_id in self.blocked_chats:
            raise forbidden_blocked()
        fault = self._matching_fault(method, chat_id)
        if fault is not None:
            return await self._apply_fault(fault, method, handler, params, files, now)
        counted = method in SEND_METHODS and self.limits is not None
        if counted:
            retry_after = self.rate_tracker.check(method=method, chat_id=chat_id, now=now)
            if retry_after is not None:
                raise too_many_requests(retry_after)
        result = await handler(params, files)
        if counted:
            self.rate_tracker.record_send(chat_id=chat_id, now=now)
        return result

    def _matching_fault(self, method: str, chat_id: Any) -> FaultRule | None:
        for fault in self.faults:
            if fault.matches(method, chat_id) and (
                    fault.probability >= 1.0 or self._random.random() < fault.probability):
                fault.hits += 1
                return fault
        return None

    async def _apply_fault(self, fault: FaultRule, method: str, handler: MethodHandler,
                           params: JSONDict, files: dict[str, UploadedPart],
                           now: float) -> Any:
        if fault.kind == "retry_after":
            scope = fault.chat_id if fault.chat_id is not None else None
            self.rate_tracker.note_retry_window(chat_id=scope, until=now + fault.retry_after)
            raise too_many_requests(fault.retry_after)
        if fault.kind == "forbidden":
            raise BotApiError(403, fault.description or "Forbidden: bot was blocked by the user")
        if fault.kind == "bad_request":
            raise bad_request(fault.description or "injected failure")
        if fault.kind == "server_error":
            raise BotApiError(fault.status, fault.description or _status_phrase(fault.status))
        # timeout: answer late; with effect the call already happened (ambiguous for the bot)
        result = await handler(params, files) if fault.effect else None
        if fault.effect and method in SEND_METHODS and self.limits is not None:
            self.rate_tracker.record_send(chat_id=params.get("chat_id"), now=now)
        await asyncio.sleep(fault.delay)
        if not fault.effect:
            raise BotApiError(502, fault.description or "Bad Gateway")
        return result

    # --- methods
    async def _m_true(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        return True

    async def _m_get_me(self, params: JSONDict, files: dict[str, UploadedPart]) -> JSONDict:
        me = self.bot_user()
        me.update({"can_join_groups": True, "can_read_all_group_messages": False,
                   "supports_inline_queries": False, "can_connect_to_business": False,
                   "has_main_web_app": False})
        return me

    async def _m_get_updates(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> list[JSONDict]:
        if self.webhook is not None:
            raise BotApiError(409, "Conflict: can't use getUpdates method while webhook is "
                                   "active; use deleteWebhook to delete the webhook first")
        offset, limit, timeout = params.get("offset"), params.get("limit", 100), \
            params.get("timeout", 0)
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise bad_request("limit must be an integer")
        if not isinstance(timeout, int | float) or timeout < 0:
            raise bad_request("timeout must be a non-negative number")
        limit = min(max(limit, 1), 100)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise bad_request("can't parse allowed updates")
            self.allowed_updates = [str(kind) for kind in allowed] or None
        self.get_updates_calls += 1
        self._confirm(offset)
        # A newer getUpdates terminates an older waiting one, as on Telegram.
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify_updates()
        deadline = time.monotonic() + min(float(timeout), 50.0)
        self.pollers_waiting += 1
        self._notify_change()
        try:
            while True:
                if generation != self._poll_generation:
                    raise BotApiError(409, "Conflict: terminated by other getUpdates "
                                           "request; make sure that only one bot instance "
                                           "is running")
                batch = self._take_batch(limit)
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0 or self._closing:
                    self.updates_delivered += len(batch)
                    return batch
                await self._wait(self._updates_event, remaining)
        finally:
            self.pollers_waiting -= 1

    def _allowed(self, kind: str, allowed: list[str] | None) -> bool:
        return kind not in _NOT_DEFAULT_UPDATES if allowed is None else kind in allowed

    def _confirm(self, offset: Any) -> None:
        if offset is None:
            return
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise bad_request("offset must be an integer")
        if offset < 0:
            self.pending = self.pending[offset:] if -offset < len(self.pending) else self.pending
            return
        # A replayed (duplicate) update is kept until it was handed out at least once.
        self.pending = [item for item in self.pending
                        if item.update_id >= offset or (item.replay and item.delivered == 0)]

    def _take_batch(self, limit: int) -> list[JSONDict]:
        batch: list[JSONDict] = []
        kept: list[PendingUpdate] = []
        for item in self.pending:
            if not self._allowed(item.kind, self.allowed_updates):
                continue  # dropped, as Telegram does for update types not asked for
            kept.append(item)
            if len(batch) < limit:
                item.delivered += 1
                batch.append(item.update)
        self.pending = kept
        return batch

    async def _m_send_message(self, params: JSONDict, files: dict[str, UploadedPart]) -> JSONDict:
        chat = self._resolve_chat(params.get("chat_id"))
        text, parse_mode = params.get("text"), params.get("parse_mode")
        plain = check_message_text(text, parse_mode)
        markup = check_reply_markup(params.get("reply_markup"))
        message = self._bot_message(chat, params, text=plain, reply_markup=markup)
        self._store_message(chat, message, sender="bot", method="sendMessage",
                            source_text=text, parse_mode=parse_mode, reply_markup=markup)
        return copy.deepcopy(message)

    async def _m_send_location(self, params: JSONDict, files: dict[str, UploadedPart]) -> JSONDict:
        chat = self._resolve_chat(params.get("chat_id"))
        latitude, longitude = params.get("latitude"), params.get("longitude")
        if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
            raise bad_request("latitude and longitude must be numbers")
        markup = check_reply_markup(params.get("reply_markup"))
        message = self._bot_message(chat, params, reply_markup=markup,
                                    location={"latitude": latitude, "longitude": longitude})
        self._store_message(chat, message, sender="bot", method="sendLocation",
                            reply_markup=markup)
        return copy.deepcopy(message)

    def _media_sender(self, method: str, kind: str) -> MethodHandler:
        async def send(params: JSONDict, files: dict[str, UploadedPart]) -> JSONDict:
            chat = self._resolve_chat(params.get("chat_id"))
            media, uploaded = self._media_object(kind, params.get(kind), files, chat, method)
            caption, parse_mode = params.get("caption"), params.get("parse_mode")
            plain = check_message_text(caption, parse_mode, caption=True) if caption else None
            markup = check_reply_markup(params.get("reply_markup"))
            message = self._bot_message(chat, params, caption=plain, reply_markup=markup,
                                        **{kind: media})
            stored = self._store_message(chat, message, sender="bot", method=method,
                                         source_text=caption, parse_mode=parse_mode,
                                         reply_markup=markup)
            if uploaded is not None:
                uploaded.message_id = stored.message_id
            return copy.deepcopy(message)

        return send

    def _media_object(self, kind: str, value: Any, files: dict[str, UploadedPart],
                      chat: JSONDict, method: str) -> tuple[Any, StoredFile | None]:
        part: UploadedPart | None = files.get(kind)
        uploaded: StoredFile | None = None
        if isinstance(value, str) and value.startswith("attach://"):
            part = files.get(value[len("attach://"):])
        if part is None:
            if isinstance(value, str) and value and not value.startswith("attach://"):
                existing = self.files.get(value)  # re-sent by file_id, or a URL
                file_id = value
                name = existing.file_name if existing else value.rsplit("/", 1)[-1]
                size = len(existing.content) if existing else 0
                mime = existing.mime_type if existing else "application/octet-stream"
                unique = existing.file_unique_id if existing else f"u-{len(value)}-{value[-8:]}"
            else:
                raise bad_request(f"there is no {kind} in the request")
        else:
            file_id, unique = self._new_file_ids(kind)
            name, size, mime = part.filename, len(part.content), part.content_type
            uploaded = StoredFile(
                file_id=file_id, file_unique_id=unique, file_name=name, mime_type=mime,
                content=part.content, chat_id=int(chat["id"]), message_id=None, method=method)
            self.files[file_id] = uploaded
        if kind == "photo":
            return [{"file_id": file_id, "file_unique_id": unique, "width": 800,
                     "height": 600, "file_size": size}], uploaded
        media: JSONDict = {"file_id": file_id, "file_unique_id": unique, "file_size": size}
        if kind in {"document", "audio", "video", "animation"}:
            media["file_name"] = name
            media["mime_type"] = mime
        if kind in {"audio", "voice", "video", "animation"}:
            media["duration"] = 1
        if kind in {"video", "animation", "sticker"}:
            media.update({"width": 512, "height": 512})
        if kind == "sticker":
            media.update({"type": "regular", "is_animated": False, "is_video": False})
        return media, uploaded

    async def _edit(self, params: JSONDict, *, what: Literal["text", "markup", "caption"],
                    method: str) -> JSONDict | bool:
        markup = check_reply_markup(params.get("reply_markup"))
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        parse_mode = params.get("parse_mode")
        if params.get("inline_message_id") is not None:
            if what == "text":
                check_message_text(params.get("text"), parse_mode)
            self.inline_edits.append({"method": method, **params})
            self._notify_change()
            return True
        stored = self._stored(params.get("chat_id"), params.get("message_id"), action="edit")
        if stored.sender != "bot":
            raise bad_request("message can't be edited")
        message = stored.message
        new_fields: JSONDict = {}
        source = stored.source_text
        if what == "text":
            if "text" not in message:
                raise bad_request("there is no text in the message to edit")
            source = params.get("text")
            new_fields["text"] = check_message_text(source, parse_mode)
        elif what == "caption":
            if "text" in message:
                raise bad_request("there is no caption in the message to edit")
            source = params.get("caption")
            new_fields["caption"] = (check_message_text(source, parse_mode, caption=True)
                                     if source else None)
        same_content = all(message.get(key) == value for key, value in new_fields.items())
        if same_content and source == stored.source_text and markup == stored.reply_markup:
            raise bad_request("message is not modified: specified new message content and "
                              "reply markup are exactly the same as a current content and "
                              "reply markup of the message")
        for key, value in new_fields.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        # Editing without reply_markup removes the inline keyboard, as on Telegram.
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        if what != "markup":
            stored.source_text, stored.parse_mode = source, parse_mode
        stored.reply_markup = markup
        stored.edit_count += 1
        stored.seq = self._bump()
        self._notify_change(stored.chat_id)
        return copy.deepcopy(message)

    async def _m_edit_message_text(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> JSONDict | bool:
        return await self._edit(params, what="text", method="editMessageText")

    async def _m_edit_message_reply_markup(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> JSONDict | bool:
        return await self._edit(params, what="markup", method="editMessageReplyMarkup")

    async def _m_edit_message_caption(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> JSONDict | bool:
        return await self._edit(params, what="caption", method="editMessageCaption")

    async def _m_delete_message(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        stored = self._stored(params.get("chat_id"), params.get("message_id"), action="delete")
        stored.deleted = True
        stored.seq = self._bump()
        self._notify_change(stored.chat_id)
        return True

    async def _m_delete_messages(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must be a list of 1-100 identifiers")
        chat = self._resolve_chat(params.get("chat_id"))
        for message_id in ids:
            stored = self.messages.get(int(chat["id"]), {}).get(message_id)
            if stored is not None and not stored.deleted:
                stored.deleted = True
                stored.seq = self._bump()
        self._notify_change(int(chat["id"]))
        return True

    async def _m_answer_callback_query(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> bool:
        query_id = params.get("callback_query_id")
        query = self.callback_queries.get(str(query_id))
        answered = any(answer["callback_query_id"] == str(query_id)
                       for answer in self.callback_answers)
        if query is None or answered:
            raise bad_request("query is too old and response timeout expired or query ID is "
                              "invalid")
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        self.callback_answers.append({
            "callback_query_id": str(query_id), "text": text,
            "show_alert": bool(params.get("show_alert", False)), "url": params.get("url"),
            "user_id": query["from"]["id"], "data": query.get("data"),
            "time": time.monotonic(),
        })
        self._notify_change()
        return True

    async def _m_send_chat_action(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        self._resolve_chat(params.get("chat_id"))
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    @staticmethod
    def _commands_key(params: JSONDict) -> str:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise bad_request("can't parse BotCommandScope JSON object")
        return json.dumps(scope, sort_keys=True) + "|" + str(params.get("language_code") or "")

    async def _m_set_my_commands(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        self.commands[self._commands_key(params)] = check_commands(params.get("commands"))
        self._notify_change()
        return True

    async def _m_get_my_commands(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> list[JSONDict]:
        return list(self.commands.get(self._commands_key(params), []))

    async def _m_delete_my_commands(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _m_store_setting(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        # setMyDescription, setMyShortDescription, setMyName, setChatMenuButton
        self.bot_settings[json.dumps(sorted(params))] = params
        self.bot_settings.setdefault("_all", {}).update(params)
        return True

    async def _m_get_my_description(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> JSONDict:
        return {"description": self.bot_settings.get("_all", {}).get("description", "")}

    async def _m_get_my_short_description(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> JSONDict:
        return {"short_description":
                self.bot_settings.get("_all", {}).get("short_description", "")}

    async def _m_get_chat_menu_button(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> JSONDict:
        button = self.bot_settings.get("_all", {}).get("menu_button")
        return button if isinstance(button, dict) else {"type": "default"}

    async def _m_get_file(self, params: JSONDict, files: dict[str, UploadedPart]) -> JSONDict:
        stored = self.files.get(str(params.get("file_id")))
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.content) > MAX_DOWNLOAD_BYTES:
            # The Bot API lets bots download files of up to 20 MB.
            raise bad_request("file is too big")
        return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.content), "file_path": f"files/{stored.file_id}"}

    async def _file_endpoint(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._error_response(BotApiError(401, "Unauthorized"))
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        stored = self.files.get(file_id)
        if stored is None:
            return self._error_response(BotApiError(404, "Not Found"))
        return web.Response(body=stored.content, content_type=stored.mime_type)

    async def _m_set_webhook(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        url = params.get("url") or ""
        if not isinstance(url, str):
            raise bad_request("bad webhook: url must be a string")
        if not url:
            self.webhook = None
            return True
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_RE.match(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        max_connections = params.get("max_connections", 40)
        if not isinstance(max_connections, int) or not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        allowed = params.get("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise bad_request("can't parse allowed updates")
            self.allowed_updates = [str(kind) for kind in allowed] or None
        if params.get("drop_pending_updates"):
            self.pending = []
        self.webhook = WebhookConfig(url=url, secret_token=secret,
                                     max_connections=max_connections,
                                     allowed_updates=self.allowed_updates)
        self._poll_generation += 1  # a waiting getUpdates ends with 409
        self._notify_updates()
        self._notify_change()
        return True

    async def _m_delete_webhook(self, params: JSONDict, files: dict[str, UploadedPart]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self.pending = []
        self._notify_change()
        return True

    async def _m_get_webhook_info(
        self, params: JSONDict, files: dict[str, UploadedPart],
    ) -> JSONDict:
        info: JSONDict = {"url": "", "has_custom_certificate": False,
                          "pending_update_count": len(self.pending)}
        if self.webhook is not None:
            info.update({"url": self.webhook.url, "max_connections":
                         self.webhook.max_connections})
            if self.webhook.allowed_updates is not None:
                info["allowed_updates"] = self.webhook.allowed_updates
            if self.webhook.last_error_date is not None:
                info["last_error_date"] = self.webhook.last_error_date
                info["last_error_message"] = self.webhook.last_error_message
        return info

    # ------------------------------------------------------------ webhook delivery
    async def _webhook_loop(self) -> None:
        while not self._closing:
            self._webhook_event.clear()
            next_try = self._dispatch_webhook()
            wait = 1.0 if next_try is None else max(0.0, next_try - time.monotonic())
            await self._wait(self._webhook_event, wait)

    def _dispatch_webhook(self) -> float | None:
        """Start deliveries that may go now; return when a waiting retry is due."""
        webhook = self.webhook
        if webhook is None or self._session is None:
            return None
        now = time.monotonic()
        in_flight = sum(1 for item in self.pending if item.in_flight)
        seen: set[str] = set()
        next_try: float | None = None
        for item in list(self.pending):
            if not self._allowed(item.kind, webhook.allowed_updates):
                self.pending.remove(item)
                continue
            key = item.chat_key
            if key in seen:
                continue  # one update per chat at a time keeps a chat's updates in order
            seen.add(key)
            if item.in_flight:
                continue
            if item.not_before > now:
                next_try = item.not_before if next_try is None else min(next_try,
                                                                        item.not_before)
                continue
            if in_flight >= webhook.max_connections:
                break
            item.in_flight = True
            in_flight += 1
            self._spawn(self._deliver(item, webhook))
        return next_try

    async def _deliver(self, item: PendingUpdate, webhook: WebhookConfig) -> None:
        assert self._session is not None
        headers = {"Content-Type": "application/json"}
        if webhook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
        record: JSONDict = {"update_id": item.update_id, "url": webhook.url,
                            "time": time.monotonic(), "status": None, "error": None}
        try:
            async with self._session.post(
                    webhook.url, data=json.dumps(item.update), headers=headers,
                    timeout=aiohttp.ClientTimeout(total=self.webhook_timeout)) as response:
                await response.read()
                record["status"] = response.status
                if not 200 <= response.status < 300:
                    record["error"] = f"Wrong response from the webhook: {response.status} " \
                                      f"{response.reason}"
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            record["error"] = f"Connection failed: {exc!r}"
        finally:
            item.in_flight = False
        self.webhook_deliveries.append(record)
        item.delivered += 1
        if record["error"] is None:
            if item in self.pending:
                self.pending.remove(item)
            self.updates_delivered += 1
        else:
            webhook.last_error_date = int(time.time())
            webhook.last_error_message = record["error"]
            item.not_before = time.monotonic() + self.webhook_retry_delay
        self._notify_change()
        self._webhook_event.set()

    # ------------------------------------------------------------ user side (Python API)
    def _register(self, user: TgUser, chat: JSONDict | None) -> JSONDict:
        self.users[user.id] = user
        resolved = chat if chat is not None else private_chat_dict(user)
        self.chats[int(resolved["id"])] = resolved
        return resolved

    def enqueue_update(self, update: JSONDict, *, replay: bool = False) -> JSONDict:
        """Queue an update for getUpdates or the webhook; assigns update_id if missing."""
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        update_id = update["update_id"]
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            raise ControlError("update_id must be an integer")
        self._next_update_id = max(self._next_update_id, update_id + 1)
        query = update.get("callback_query")
        if isinstance(query, dict) and "id" in query:
            self.callback_queries[str(query["id"])] = query
        self.update_history[update_id] = update
        self.pending.append(PendingUpdate(update=update, replay=replay))
        self._notify_updates()
        return update

    def _user_message(self, user: TgUser, chat_in: JSONDict | None, *,
                      reply_to_message_id: int | None = None, kind: str = "message",
                      **content: Any) -> JSONDict:
        chat = self._register(user, chat_in)
        reply_to = None
        if reply_to_message_id is not None:
            target = self.messages.get(int(chat["id"]), {}).get(reply_to_message_id)
            if target is None:
                raise ControlError(f"message {reply_to_message_id} not found in chat "
                                   f"{chat['id']}", 404)
            reply_to = copy.deepcopy(target.message)
        message = factories.message_payload(user, chat=chat,
                                            message_id=self._new_message_id(),
                                            reply_to_message=reply_to, **content)
        self._store_message(chat, message, sender="user", method=kind,
                            source_text=content.get("text"))
        return self.enqueue_update({kind: message})

    def user_sends_text(self, user: TgUser, text: str, *, chat: JSONDict | None = None,
                        reply_to_message_id: int | None = None) -> JSONDict:
        """A user writes ``text``; '/'-commands carry their ``bot_command`` entities."""
        entities = factories.bot_command_entities(text)
        return self._user_message(user, chat, reply_to_message_id=reply_to_message_id,
                                  text=text, entities=entities or None)

    def user_edits_text(self, user: TgUser, message_id: int, text: str, *,
                        chat: JSONDict | None = None) -> JSONDict:
        resolved = self._register(user, chat)
        stored = self.messages.get(int(resolved["id"]), {}).get(message_id)
        if stored is None or stored.sender != "user":
            raise ControlError(f"user message {message_id} not found", 404)
        stored.message["text"] = text
        stored.message["edit_date"] = int(time.time())
        stored.edit_count += 1
        stored.seq = self._bump()
        self._notify_change(stored.chat_id)
        return self.enqueue_update({"edited_message": copy.deepcopy(stored.message)})

    def user_presses_button(
        self, user: TgUser, data: str, *, message_id: int | None = None,
        chat_id: int | None = None, inline_message_id: str | None = None,
        message: JSONDict | None = None,
    ) -> JSONDict:
        """A callback query. A message id the emulator does not know gives an
        ``InaccessibleMessage`` (date 0), as Telegram sends for old messages."""
        self.users[user.id] = user
        query_id = str(5_000_000_000_000 + self._next_callback_id)
        self._next_callback_id += 1
        query: JSONDict = {"id": query_id, "from": user.to_dict(), "data": data}
        if inline_message_id is not None:
            query["inline_message_id"] = inline_message_id
            query["chat_instance"] = chat_instance_for(user.id)
        else:
            if message is None:
                if message_id is None:
                    raise ControlError("give message_id, message or inline_message_id")
                chat = self.chats.get(chat_id if chat_id is not None else user.id)
                if chat is None:
                    chat = self._register(user, None) if chat_id in (None, user.id) \
                        else self._resolve_chat(chat_id)
                stored = self.messages.get(int(chat["id"]), {}).get(message_id)
                message = (copy.deepcopy(stored.message) if stored is not None
                           else {"chat": chat, "message_id": message_id, "date": 0})
            if not isinstance(message.get("chat"), dict) or "id" not in message["chat"]:
                raise ControlError("message must contain a chat with an id")
            query["message"] = message
            query["chat_instance"] = chat_instance_for(int(message["chat"]["id"]))
        return self.enqueue_update({"callback_query": query})

    def replay(self, update_id: int) -> JSONDict:
        """Deliver an already queued/delivered update again (Telegram's duplicate delivery)."""
        update = self.update_history.get(update_id)
        if update is None:
            raise ControlError(f"unknown update_id {update_id}", 404)
        self.pending.append(PendingUpdate(update=update, replay=True))
        self._notify_updates()
        return update

    def bot_messages(self, chat_id: int, *, sent_after: int = 0,
                     include_deleted: bool = True) -> list[StoredMessage]:
        return sorted(
            (m for m in self.messages.get(chat_id, {}).values()
             if m.sender == "bot" and m.sent_seq > sent_after
             and (include_deleted or not m.deleted)),
            key=lambda m: m.sent_seq)

    def add_fault(self, fault: FaultRule) -> FaultRule:
        fault.id = self._next_fault_id
        self._next_fault_id += 1
        self.faults.append(fault)
        return fault

    def set_limits(self, limits: RateLimits | None) -> None:
        self.limits = limits
        self.rate_tracker = RateLimitTracker(limits=limits or RateLimits())

    def block_chat(self, chat_id: int, blocked: bool = True) -> None:
        if blocked:
            self.blocked_chats.add(chat_id)
        else:
            self.blocked_chats.discard(chat_id)

    def state(self) -> JSONDict:
        return {
            "bot": self.bot_user(), "seq": self._seq, "pending_updates": len(self.pending),
            "updates_total": len(self.update_history),
            "updates_delivered": self.updates_delivered,
            "get_updates_calls": self.get_updates_calls,
            "pollers_waiting": self.pollers_waiting, "calls": len(self.calls),
            "webhook": asdict(self.webhook) if self.webhook else None,
            "blocked_chats": sorted(self.blocked_chats, key=str),
            "faults": [fault.to_dict() for fault in self.faults],
            "limits": asdict(self.limits) if self.limits else None,
            "violations": len(self.rate_tracker.violations),
            "sends_counted": self.rate_tracker.sends,
        }

    # ------------------------------------------------------------ control HTTP API
    def _control(
        self, handler: Callable[[web.Request], Awaitable[JSONDict]],
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            try:
                body = await handler(request)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"
                    for err in exc.errors())
                return web.json_response({"ok": False, "error": problems}, status=400)
            except ControlError as exc:
                return web.json_response({"ok": False, "error": str(exc)}, status=exc.status)
            except BotApiError as exc:
                return web.json_response({"ok": False, "error": exc.description},
                                         status=400)
            except Exception as exc:
                log.exception("control request %s failed", request.path)
                return web.json_response({"ok": False, "error": f"internal error: {exc!r}"},
                                         status=500)
            return web.json_response({"ok": True, **body})

        return wrapped

    @staticmethod
    async def _body(request: web.Request) -> Any:
        raw = await request.read()
        if not raw:
            raise ControlError("expected a JSON object body")
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ControlError(f"body is not valid JSON: {exc}") from exc

    @staticmethod
    def _chat_in(chat: ChatIn | None, user: TgUser) -> JSONDict | None:
        if chat is None:
            return None
        if chat.type == "private":
            if chat.id != user.id:
                raise ControlError("a private chat's id is the user's id")
            return private_chat_dict(user)
        if chat.id >= 0:
            raise ControlError("group chat ids are negative")
        return group_chat_dict(chat.id, chat.title, kind=chat.type)

    async def _c_health(self, request: web.Request) -> JSONDict:
        return {}

    async def _c_state(self, request: web.Request) -> JSONDict:
        return self.state()

    async def _c_reset(self, request: web.Request) -> JSONDict:
        self.reset()
        return {}

    async def _c_send_message(self, request: web.Request) -> JSONDict:
        data = TextIn.model_validate(await self._body(request))
        user = data.user.to_user()
        update = self.user_sends_text(user, data.text, chat=self._chat_in(data.chat, user),
                                      reply_to_message_id=data.reply_to_message_id)
        return {"update": update}

    async def _c_send_messages(self, request: web.Request) -> JSONDict:
        data = BulkTextIn.model_validate(await self._body(request))
        ids = []
        for item in data.messages:
            user = item.user.to_user()
            update = self.user_sends_text(user, item.text, chat=self._chat_in(item.chat, user),
                                          reply_to_message_id=item.reply_to_message_id)
            ids.append(update["update_id"])
        return {"update_ids": ids}

    async def _c_send_command(self, request: web.Request) -> JSONDict:
        data = CommandIn.model_validate(await self._body(request))
        user = data.user.to_user()
        text = "/" + data.command.lstrip("/")
        if data.mention_bot:
            text += f"@{self.bot_username}"
        if data.args:
            text += f" {data.args}"
        update = self.user_sends_text(user, text, chat=self._chat_in(data.chat, user),
                                      reply_to_message_id=data.reply_to_message_id)
        return {"update": update}

    async def _c_edit_message(self, request: web.Request) -> JSONDict:
        data = EditTextIn.model_validate(await self._body(request))
        user = data.user.to_user()
        return {"update": self.user_edits_text(user, data.message_id, data.text,
                                               chat=self._chat_in(data.chat, user))}

    def _sent_by(self, data: UserMessageIn, **content: Any) -> JSONDict:
        """The update of a message with ``content`` from the user ``data`` names."""
        user = data.user.to_user()
        return {"update": self._user_message(user, self._chat_in(data.chat, user),
                                             reply_to_message_id=data.reply_to_message_id,
                                             **content)}

    async def _c_send_sticker(self, request: web.Request) -> JSONDict:
        data = StickerIn.model_validate(await self._body(request))
        file_id, unique = self._new_file_ids("sticker")
        sticker = {"file_id": file_id, "file_unique_id": unique, "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False,
                   "emoji": data.emoji}
        return self._sent_by(data, sticker=sticker)

    async def _c_send_photo(self, request: web.Request) -> JSONDict:
        data = PhotoIn.model_validate(await self._body(request))
        sizes = []
        for width, height in ((90, 67), (800, 600)):
            file_id, unique = self._new_file_ids("photo")
            sizes.append({"file_id": file_id, "file_unique_id": unique, "width": width,
                          "height": height, "file_size": width * height // 10})
        return self._sent_by(data, photo=sizes, caption=data.caption)

    async def _c_send_location(self, request: web.Request) -> JSONDict:
        data = LocationIn.model_validate(await self._body(request))
        location = {"latitude": data.latitude, "longitude": data.longitude}
        return self._sent_by(data, location=location)

    async def _c_send_voice(self, request: web.Request) -> JSONDict:
        data = VoiceIn.model_validate(await self._body(request))
        file_id, unique = self._new_file_ids("voice")
        voice = {"file_id": file_id, "file_unique_id": unique, "duration": data.duration,
                 "mime_type": "audio/ogg", "file_size": 4_000 * data.duration}
        return self._sent_by(data, voice=voice)

    async def _c_send_document(self, request: web.Request) -> JSONDict:
        data = DocumentIn.model_validate(await self._body(request))
        try:
            content = base64.b64decode(data.content_base64, validate=True)
        except ValueError as exc:
            raise ControlError("content_base64 is not valid base64") from exc
        file_id, unique = self._new_file_ids("document")
        self.files[file_id] = StoredFile(file_id=file_id, file_unique_id=unique,
                                         file_name=data.file_name, mime_type=data.mime_type,
                                         content=content, chat_id=None, message_id=None,
                                         method="user")
        document = {"file_id": file_id, "file_unique_id": unique, "file_name": data.file_name,
                    "mime_type": data.mime_type, "file_size": len(content)}
        return self._sent_by(data, document=document, caption=data.caption)

    async def _c_press_button(self, request: web.Request) -> JSONDict:
        data = ButtonPressIn.model_validate(await self._body(request))
        update = self.user_presses_button(
            data.user.to_user(), data.data, message_id=data.message_id, chat_id=data.chat_id,
            inline_message_id=data.inline_message_id, message=data.message)
        return {"update": update, "callback_query_id": update["callback_query"]["id"]}

    async def _c_raw_update(self, request: web.Request) -> JSONDict:
        data = RawUpdateIn.model_validate(await self._body(request))
        kinds = [key for key in data.update if key != "update_id"]
        if len(kinds) != 1 or not isinstance(data.update[kinds[0]], dict):
            raise ControlError("an update has exactly one field besides update_id, an object")
        return {"update": self.enqueue_update(data.update)}

    async def _c_replay(self, request: web.Request) -> JSONDict:
        data = ReplayIn.model_validate(await self._body(request))
        return {"update": self.replay(data.update_id)}

    async def _c_messages(self, request: web.Request) -> JSONDict:
        chat_id = _query_int(request, "chat_id")
        if chat_id is None:
            raise ControlError("query parameter 'chat_id' is required")
        sent_after = _query_int(request, "sent_after", 0) or 0
        changed_after = _query_int(request, "changed_after", sent_after) or 0
        wait = _query_float(request, "wait", 0.0)
        sender = request.query.get("sender", "bot")
        if sender not in {"bot", "user", "all"}:
            raise ControlError("sender must be bot, user or all")
        deadline = time.monotonic() + wait
        while True:
            chat_messages = self.messages.get(chat_id, {}).values()
            latest = max((m.seq for m in chat_messages if sender == "all"
                          or m.sender == sender), default=0)
            remaining = deadline - time.monotonic()
            if latest > changed_after or remaining <= 0 or self._closing:
                break
            await self._wait(self._chat_event(chat_id), remaining)
        chosen = sorted((m for m in self.messages.get(chat_id, {}).values()
                         if m.sent_seq > sent_after and (sender == "all" or m.sender == sender)),
                        key=lambda m: m.sent_seq)
        return {"messages": [m.to_dict() for m in chosen], "seq": self._seq}

    async def _c_calls(self, request: web.Request) -> JSONDict:
        method = request.query.get("method")
        chat_id = _query_int(request, "chat_id")
        after = _query_int(request, "after", 0) or 0
        calls = [call.to_dict() for call in self.calls
                 if call.seq > after and (method is None or call.method.lower() == method.lower())
                 and (chat_id is None or call.chat_id == chat_id)]
        return {"calls": calls, "seq": self._seq}

    async def _c_documents(self, request: web.Request) -> JSONDict:
        chat_id = _query_int(request, "chat_id")
        return {"documents": [stored.to_dict() for stored in self.files.values()
                              if stored.method != "user"
                              and (chat_id is None or stored.chat_id == chat_id)]}

    async def _c_callback_answers(self, request: web.Request) -> JSONDict:
        return {"answers": self.callback_answers}

    async def _c_commands(self, request: web.Request) -> JSONDict:
        return {"commands": self.commands}

    async def _c_webhook_deliveries(self, request: web.Request) -> JSONDict:
        return {"deliveries": self.webhook_deliveries}

    async def _c_webhook_post(self, request: web.Request) -> JSONDict:
        """POST one update to the webhook with any secret (to test the bot's 403)."""
        data = WebhookPostIn.model_validate(await self._body(request))
        url = data.url or (self.webhook.url if self.webhook else None)
        if not url:
            raise ControlError("no webhook set and no url given")
        if self._session is None:
            raise ControlError("emulator not started", 503)
        headers = {"Content-Type": "application/json"}
        if data.secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = data.secret_token
        try:
            async with self._session.post(url, data=json.dumps(data.update),
                                          headers=headers) as response:
                return {"status": response.status, "body": await response.text()}
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise ControlError(f"webhook not reachable: {exc!r}", 502) from exc

    async def _c_block(self, request: web.Request) -> JSONDict:
        data = BlockIn.model_validate(await self._body(request))
        self.block_chat(data.chat_id, data.blocked)
        return {"blocked_chats": sorted(self.blocked_chats, key=str)}

    async def _c_faults(self, request: web.Request) -> JSONDict:
        return {"faults": [fault.to_dict() for fault in self.faults]}

    async def _c_add_fault(self, request: web.Request) -> JSONDict:
        data = FaultIn.model_validate(await self._body(request))
        fault = self.add_fault(FaultRule(
            kind=data.kind,
            methods=frozenset(m.lower() for m in data.methods) if data.methods else None,
            chat_id=data.chat_id, times=data.times, probability=data.probability,
            retry_after=data.retry_after, delay=data.delay, status=data.status,
            description=data.description, effect=data.effect))
        return {"fault": fault.to_dict()}

    async def _c_clear_faults(self, request: web.Request) -> JSONDict:
        self.faults = []
        return {}

    async def _c_limits(self, request: web.Request) -> JSONDict:
        data = LimitsIn.model_validate(await self._body(request))
        self.set_limits(RateLimits(global_per_second=data.global_per_second,
                                   per_chat_interval=data.per_chat_interval,
                                   group_per_minute=data.group_per_minute,
                                   enforce=data.enforce) if data.enabled else None)
        return {"limits": asdict(self.limits) if self.limits else None}

    async def _c_violations(self, request: web.Request) -> JSONDict:
        return {"violations": [v.to_dict() for v in self.rate_tracker.violations],
                "sends": self.rate_tracker.sends}


# ---------------------------------------------------------------- process entry point
def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Telegram Bot API emulator for tests.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--bot-username", default=DEFAULT_BOT_USERNAME)
    parser.add_argument("--strict-chats", action="store_true",
                        help="sending to a chat no user wrote from is 400 chat not found")
    parser.add_argument("--log-level", default="WARNING")
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    emulator = BotApiEmulator(token=args.token, bot_username=args.bot_username,
                              host=args.host, port=args.port, strict_chats=args.strict_chats)
    await emulator.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"EMULATOR READY url={emulator.url} base_url={emulator.base_url} "
          f"token={emulator.token}", flush=True)
    try:
        await stop.wait()
    finally:
        await emulator.stop()


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy, so that the pydantic models
    # resolve their annotations in one namespace (also under ``python -m cProfile``).
    from tests.e2e.emulator import main as module_main

    sys.exit(module_main())
