"""An offline ``telegram.request.BaseRequest`` for in-process handler tests.

Build the real ``Application`` with it and drive it with ``app.process_update``::

    request = OfflineRequest()
    app = ApplicationBuilder().token(DEFAULT_TOKEN).request(request) \\
        .get_updates_request(request).build()
    async with app:
        await app.process_update(Update.de_json(text_update(ANN, "/start"), app.bot))
    assert request.texts(ANN.id) == ["Welcome ..."]

Every call is recorded (method and decoded parameters). Answers are valid Bot API JSON
(increasing message ids, dates in seconds, the chat from ``chat_id``, inline keyboards
echoed). Texts sent in HTML parse mode are checked like Telegram does (an unescaped '<'
is a 400). A method it does not know fails the test (``strict``). Faults can be injected
per chat: Forbidden, RetryAfter, TimedOut (optionally after the send took effect),
NetworkError; Telegram's flood limits can be recorded or enforced.
"""

from __future__ import annotations

import copy
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from tests.bot.updates import (
    DEFAULT_BOT_ID,
    DEFAULT_BOT_NAME,
    DEFAULT_BOT_USERNAME,
    bot_user_dict,
    group_chat_dict,
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
    forbidden_blocked,
    too_many_requests,
)

FailureKind = Literal["forbidden", "retry_after", "timed_out", "network_error", "bad_request"]
_MEDIA_KINDS = {"senddocument": "document", "sendphoto": "photo", "sendaudio": "audio",
                "sendvoice": "voice", "sendvideo": "video", "sendanimation": "animation",
                "sendsticker": "sticker"}


@dataclass
class RecordedCall:
    """One Bot API call the bot made."""

    method: str
    params: JSONDict
    time: float
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    outcome: str = "ok"  # "ok", "ambiguous" (took effect, then timed out) or the error

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def took_effect(self) -> bool:
        return self.outcome in {"ok", "ambiguous"}


@dataclass
class InjectedFailure:
    kind: FailureKind
    chat_id: int | str | None = None
    methods: frozenset[str] | None = None  # lower-case; None: every send/edit/answer method
    times: int | None = None  # None: for ever
    retry_after: int = 1
    after_effect: bool = False  # timed_out: the call happened before the timeout
    probability: float = 1.0
    description: str | None = None
    kinds: tuple[FailureKind, ...] = ()  # when set, one of them at random per hit
    hits: int = 0


# Methods a failure without an explicit method list does not touch.
_PLUMBING = frozenset({"getme", "getupdates", "setwebhook", "deletewebhook",
                       "getwebhookinfo", "close", "logout", "setmycommands",
                       "getmycommands", "deletemycommands"})


def _file_tuple(value: Any) -> tuple[str, bytes, str]:
    """Normalise PTB's multipart field tuple (content may be bytes or a file handle)."""
    filename, content, mime = value[0], value[1], value[2] if len(value) > 2 else ""
    data = content if isinstance(content, bytes) else content.read()
    return str(filename or "file"), bytes(data), str(mime or "application/octet-stream")


class OfflineRequest(BaseRequest):
    """Records calls and answers like the Bot API, without any network."""

    def __init__(
        self,
        *,
        bot_id: int = DEFAULT_BOT_ID,
        bot_username: str = DEFAULT_BOT_USERNAME,
        strict: bool = True,
        check_html: bool = True,
        limits: RateLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
        seed: int = 0,
    ) -> None:
        self.bot = bot_user_dict(bot_id=bot_id, username=bot_username,
                                 first_name=DEFAULT_BOT_NAME)
        self.strict = strict
        self.check_html = check_html
        self.clock = clock
        self.limits = limits
        self.rate_tracker = RateLimitTracker(limits=limits or RateLimits())
        self._random = random.Random(seed)
        self.calls: list[RecordedCall] = []
        self.unexpected: list[RecordedCall] = []
        self.failures: list[InjectedFailure] = []
        self.blocked_chats: set[int | str] = set()
        self.forbidden_methods: set[str] = set()
        self.commands: dict[str, list[JSONDict]] = {}
        self._messages: dict[tuple[Any, int], JSONDict] = {}
        self._next_message_id = 1
        self._next_file = 1

    # ------------------------------------------------------------ BaseRequest
    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        lower = api_method.lower()
        params: JSONDict = copy.deepcopy(dict(request_data.parameters)) if request_data else {}
        files = ({name: _file_tuple(value)
                  for name, value in request_data.multipart_data.items()}
                 if request_data and request_data.contains_files else {})
        now = self.clock()
        call = RecordedCall(method=api_method, params=params, time=now, files=files)
        self.calls.append(call)
        handler = self._handlers().get(lower)
        if handler is None or lower in self.forbidden_methods:
            self.unexpected.append(call)
            call.outcome = "unexpected"
            if self.strict:
                pytest.fail(f"OfflineRequest: unexpected Bot API call {api_method}({params})")
            return self._error(BotApiError(404, "Not Found: method not found"))
        chat_id = params.get("chat_id")
        try:
            if lower not in _PLUMBING and chat_id is not None and chat_id in self.blocked_chats:
                raise forbidden_blocked()
            failure = self._matching_failure(lower, chat_id)
            if failure is not None:
                return self._apply_failure(failure, call, lower, handler, now)
            counted = lower in SEND_METHODS and self.limits is not None
            if counted:
                retry_after = self.rate_tracker.check(method=lower, chat_id=chat_id, now=now)
                if retry_after is not None:
                    raise too_many_requests(retry_after)
            result = handler(lower, params, files)
            if counted:
                self.rate_tracker.record_send(chat_id=chat_id, now=now)
        except BotApiError as error:
            call.outcome = error.description
            return self._error(error)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    @staticmethod
    def _error(error: BotApiError) -> tuple[int, bytes]:
        return error.status, json.dumps(error.to_json()).encode()

    # ------------------------------------------------------------ failures
    def block_chat(self, chat_id: int, blocked: bool = True) -> None:
        """Every call to this chat answers 403 'bot was blocked by the user'."""
        if blocked:
            self.blocked_chats.add(chat_id)
        else:
            self.blocked_chats.discard(chat_id)

    def fail_chat(
        self,
        chat_id: int | None,
        kind: FailureKind,
        *,
        times: int | None = None,
        retry_after: int = 1,
        methods: Iterable[str] | None = None,
        after_effect: bool = False,
        description: str | None = None,
    ) -> InjectedFailure:
        """Make calls for ``chat_id`` (None: any chat) fail: forbidden (403), retry_after
        (429), timed_out (TimedOut; ``after_effect`` means the send happened first),
        network_error (NetworkError), bad_request (400)."""
        failure = InjectedFailure(
            kind=kind, chat_id=chat_id, times=times, retry_after=retry_after,
            methods=frozenset(m.lower() for m in methods) if methods else None,
            after_effect=after_effect, description=description)
        self.failures.append(failure)
        return failure

    def fail_randomly(
        self,
        rate: float,
        kinds: Iterable[FailureKind] = ("timed_out", "network_error"),
        *,
        methods: Iterable[str] = ("sendMessage",),
        after_effect: bool = False,
    ) -> None:
        """Each matching call fails with probability ``rate``, with one of ``kinds`` chosen
        at random (seeded, so a run is repeatable)."""
        chosen = tuple(kinds)
        if not chosen or not 0.0 < rate <= 1.0:
            raise ValueError("give at least one kind and a rate in (0, 1]")
        self.failures.append(InjectedFailure(
            kind=chosen[0], kinds=chosen, methods=frozenset(m.lower() for m in methods),
            times=None, probability=rate, after_effect=after_effect))

    def clear_failures(self) -> None:
        self.failures.clear()
        self.blocked_chats.clear()

    def _matching_failure(self, method: str, chat_id: Any) -> InjectedFailure | None:
        for failure in self.failures:
            if failure.times is not None and failure.hits >= failure.times:
                continue
            if failure.methods is None and method in _PLUMBING:
                continue
            if failure.methods is not None and method not in failure.methods:
                continue
            if failure.chat_id is not None and failure.chat_id != chat_id:
                continue
            if failure.probability < 1.0 and self._random.random() >= failure.probability:
                continue
            failure.hits += 1
            return failure
        return None

    def _apply_failure(self, failure: InjectedFailure, call: RecordedCall, method: str,
                       handler: Callable[[str, JSONDict, dict[str, Any]], Any],
                       now: float) -> tuple[int, bytes]:
        kind = self._random.choice(failure.kinds) if failure.kinds else failure.kind
        if kind == "timed_out":
            if failure.after_effect:
                handler(method, call.params, call.files)
                if method in SEND_METHODS and self.limits is not None:
                    self.rate_tracker.record_send(chat_id=call.chat_id, now=now)
                call.outcome = "ambiguous"
            else:
                call.outcome = "timed out"
            raise TimedOut(failure.description or "Timed out (injected)")
        if kind == "network_error":
            call.outcome = "network error"
            raise NetworkError(failure.description or "Connection reset (injected)")
        error = {
            "forbidden": BotApiError(403, failure.description
                                     or "Forbidden: bot was blocked by the user"),
            "retry_after": too_many_requests(failure.retry_after),
            "bad_request": bad_request(failure.description or "injected failure"),
        }[kind]
        if kind == "retry_after":
            self.rate_tracker.note_retry_window(chat_id=failure.chat_id,
                                                until=now + failure.retry_after)
        call.outcome = error.description
        return self._error(error)

    @property
    def violations(self) -> list[Any]:
        """Flood-limit violations (see ``tests.e2e.botapi.LimitViolation``)."""
        return list(self.rate_tracker.violations)

    # ------------------------------------------------------------ reading
    def methods(self) -> list[str]:
        """Method names in call order."""
        return [call.method for call in self.calls]

    def calls_to(self, method: str, *, chat_id: Any = None) -> list[RecordedCall]:
        return [call for call in self.calls if call.method.lower() == method.lower()
                and (chat_id is None or call.chat_id == chat_id)]

    def sent_messages(self, chat_id: Any = None) -> list[JSONDict]:
        """Parameters of sendMessage calls that took effect."""
        return [call.params for call in self.calls_to("sendMessage", chat_id=chat_id)
                if call.took_effect]

    def texts(self, chat_id: Any = None) -> list[str]:
        """Visible texts of messages sent or edited (HTML tags removed), in order."""
        found = []
        for call in self.calls:
            if call.took_effect and call.method.lower() in {"sendmessage", "editmessagetext"} \
                    and (chat_id is None or call.chat_id == chat_id):
                found.append(check_message_text(call.params.get("text"),
                                                call.params.get("parse_mode")))
        return found

    def last_text(self, chat_id: Any = None) -> str:
        texts = self.texts(chat_id)
        if not texts:
            raise AssertionError(f"no message was sent to {chat_id}; calls: {self.methods()}")
        return texts[-1]

    def documents(self, chat_id: Any = None) -> list[tuple[str, bytes]]:
        """(filename, bytes) of files uploaded."""
        return [part[:2] for call in self.calls
                if call.took_effect and (chat_id is None or call.chat_id == chat_id)
                for part in call.files.values()]

    def callback_answers(self) -> list[JSONDict]:
        return [call.params for call in self.calls_to("answerCallbackQuery")]

    def clear(self) -> None:
        """Forget recorded calls (failures and limits stay)."""
        self.calls.clear()
        self.unexpected.clear()

    # ------------------------------------------------------------ answers
    def _handlers(self) -> dict[str, Callable[[str, JSONDict, dict[str, Any]], Any]]:
        handlers: dict[str, Callable[[str, JSONDict, dict[str, Any]], Any]] = {
            "getme": self._get_me, "getupdates": lambda *_: [],
            "sendmessage": self._send_message, "sendlocation": self._send_location,
            "editmessagetext": self._edit, "editmessagecaption": self._edit,
            "editmessagereplymarkup": self._edit, "deletemessage": self._true,
            "deletemessages": self._true, "answercallbackquery": self._answer_callback,
            "sendchataction": self._send_chat_action, "setmycommands": self._set_commands,
            "getmycommands": self._get_commands, "deletemycommands": self._true,
            "setwebhook": self._true, "deletewebhook": self._true,
            "getwebhookinfo": lambda *_: {"url": "", "has_custom_certificate": False,
                                          "pending_update_count": 0},
            "close": self._true, "logout": self._true, "setmydescription": self._true,
            "setmyshortdescription": self._true, "setchatmenubutton": self._true,
            "setmyname": self._true,
        }
        for method in _MEDIA_KINDS:
            handlers[method] = self._send_media
        return handlers

    @staticmethod
    def _true(*_: Any) -> bool:
        return True

    def _get_me(self, *_: Any) -> JSONDict:
        return {**self.bot, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False,
                "has_main_web_app": False}

    @staticmethod
    def _chat(chat_id: Any) -> JSONDict:
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if isinstance(chat_id, int) and chat_id < 0:
            return group_chat_dict(chat_id)
        if isinstance(chat_id, str) and not chat_id.lstrip("-").isdigit():
            return {"id": -100_000_000_0001, "type": "channel", "title": chat_id,
                    "username": chat_id.lstrip("@")}
        return {"id": int(chat_id), "type": "private", "first_name": f"User{chat_id}"}

    def _message(self, params: JSONDict, **content: Any) -> JSONDict:
        chat = self._chat(params.get("chat_id"))
        message: JSONDict = {"message_id": self._next_message_id, "from": self.bot,
                             "chat": chat, "date": int(time.time())}
        self._next_message_id += 1
        markup = check_reply_markup(params.get("reply_markup"))
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        message.update({key: value for key, value in content.items() if value is not None})
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _visible(self, text: Any, parse_mode: Any, *, caption: bool = False) -> str:
        if self.check_html:
            return check_message_text(text, parse_mode, caption=caption)
        return str(text)

    def _send_message(self, method: str, params: JSONDict, files: dict[str, Any]) -> JSONDict:
        return self._message(params, text=self._visible(params.get("text"),
                                                        params.get("parse_mode")))

    def _send_location(self, method: str, params: JSONDict, files: dict[str, Any]) -> JSONDict:
        return self._message(params, location={"latitude": params.get("latitude"),
                                               "longitude": params.get("longitude")})

    def _send_media(self, method: str, params: JSONDict, files: dict[str, Any]) -> JSONDict:
        kind = _MEDIA_KINDS[method]
        number = self._next_file
        self._next_file += 1
        filename, content, mime = next(iter(files.values()), ("file", b"", "application/x"))
        media: JSONDict = {"file_id": f"{kind}-{number}-offline",
                           "file_unique_id": f"{kind}-u{number}", "file_size": len(content)}
        if kind == "photo":
            media_value: Any = [{**media, "width": 800, "height": 600}]
        else:
            media_value = {**media, "file_name": filename, "mime_type": mime}
            if kind in {"audio", "voice", "video", "animation"}:
                media_value["duration"] = 1
            if kind in {"video", "animation", "sticker"}:
                media_value.update({"width": 512, "height": 512})
            if kind == "sticker":
                media_value.update({"type": "regular", "is_animated": False,
                                    "is_video": False})
        caption = params.get("caption")
        visible = self._visible(caption, params.get("parse_mode"), caption=True) \
            if caption else None
        return self._message(params, caption=visible, **{kind: media_value})

    def _edit(self, method: str, params: JSONDict, files: dict[str, Any]) -> JSONDict | bool:
        markup = check_reply_markup(params.get("reply_markup"))
        new: JSONDict = {}
        if method == "editmessagetext":
            new["text"] = self._visible(params.get("text"), params.get("parse_mode"))
        elif method == "editmessagecaption" and params.get("caption"):
            new["caption"] = self._visible(params.get("caption"), params.get("parse_mode"),
                                           caption=True)
        if params.get("inline_message_id") is not None:
            return True
        chat = self._chat(params.get("chat_id"))
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise bad_request("message to edit not found")
        # A message this request never sent (e.g. from an update factory) is edited anyway.
        message = self._messages.setdefault((chat["id"], message_id), {
            "message_id": message_id, "from": self.bot, "chat": chat,
            "date": int(time.time()), "text": ""})
        message.update(new)
        message.pop("reply_markup", None)
        if markup is not None:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _answer_callback(self, method: str, params: JSONDict, files: dict[str, Any]) -> bool:
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        return True

    def _send_chat_action(self, method: str, params: JSONDict, files: dict[str, Any]) -> bool:
        self._chat(params.get("chat_id"))
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def _commands_key(self, params: JSONDict) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True) + "|" + str(params.get("language_code") or "")

    def _set_commands(self, method: str, params: JSONDict, files: dict[str, Any]) -> bool:
        self.commands[self._commands_key(params)] = check_commands(params.get("commands"))
        return True

    def _get_commands(self, method: str, params: JSONDict,
                      files: dict[str, Any]) -> list[JSONDict]:
        return self.commands.get(self._commands_key(params), [])

    @property
    def default_commands(self) -> list[JSONDict]:
        return self.commands.get('{"type": "default"}|', [])
