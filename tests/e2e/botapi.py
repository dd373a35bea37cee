"""Bot API rules shared by the HTTP emulator and the offline request class.

Pure functions and small classes, no I/O: errors as Telegram words them, the HTML parse
mode check (a bot that forgets to escape gets Telegram's 400, not a silent pass), reply
markup validation and Telegram's flood limits.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

JSONDict = dict[str, Any]

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64

# Methods that put a new message into a chat and so count against flood limits.
SEND_METHODS = frozenset({
    "sendmessage", "senddocument", "sendphoto", "sendaudio", "sendvoice", "sendvideo",
    "sendanimation", "sendsticker", "sendlocation", "sendcontact", "sendpoll",
    "sendvenue", "senddice", "sendmediagroup", "sendvideonote", "forwardmessage",
    "copymessage",
})

# Form-encoded parameters arrive as strings; these are decoded to their Bot API types.
INT_PARAMS = frozenset({
    "message_id", "offset", "limit", "reply_to_message_id", "max_connections",
    "cache_time", "message_thread_id", "from_chat_id", "duration", "width", "height",
    "user_id", "live_period",
})
FLOAT_PARAMS = frozenset({"timeout", "latitude", "longitude", "horizontal_accuracy"})
BOOL_PARAMS = frozenset({
    "disable_notification", "show_alert", "drop_pending_updates", "protect_content",
    "disable_web_page_preview", "allow_sending_without_reply", "disable_content_type_detection",
    "has_spoiler", "allow_paid_broadcast", "revoke_messages",
})
JSON_PARAMS = frozenset({
    "reply_markup", "entities", "caption_entities", "allowed_updates", "commands", "scope",
    "link_preview_options", "reply_parameters", "media", "message_ids", "menu_button",
    "rights",
})

CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
})

_SUPPORTED_TAGS = frozenset({
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "tg-emoji", "code", "pre", "blockquote",
})
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*)?)>")
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_COMMAND_NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")


class BotApiError(Exception):
    """An error answer of the Bot API: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str,
                 parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def to_json(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.status,
                          "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {detail}")


def forbidden_blocked() -> BotApiError:
    return BotApiError(403, "Forbidden: bot was blocked by the user")


def too_many_requests(retry_after: int) -> BotApiError:
    return BotApiError(429, f"Too Many Requests: retry after {retry_after}",
                       {"retry_after": retry_after})


def decode_param(name: str, value: Any) -> Any:
    """Turn one form-encoded value into its Bot API type (JSON bodies pass through)."""
    if not isinstance(value, str):
        return value
    try:
        if name in JSON_PARAMS:
            return json.loads(value)
        if name in INT_PARAMS:
            return int(value)
        if name in FLOAT_PARAMS:
            return float(value)
    except ValueError as exc:
        raise bad_request(f"can't parse parameter {name!r}") from exc
    if name in BOOL_PARAMS:
        return value.strip().lower() in {"true", "1", "yes"}
    if name == "chat_id":
        try:
            return int(value)
        except ValueError:
            return value  # "@channelusername"
    return value


def parse_html(text: str) -> str:
    """Check ``text`` as Telegram's HTML parse mode does; return the visible plain text.

    Raises the 400 Telegram gives for unsupported or unbalanced tags and for a bare '<'
    (unescaped user text is the usual cause).
    """
    plain: list[str] = []
    open_tags: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            offset = len(text[:index].encode("utf-8"))
            match = _TAG_RE.match(text, index)
            if match is None:
                raise bad_request(
                    f"can't parse entities: Unexpected end of name token at byte offset {offset}")
            closing, name = match.group(1) == "/", match.group(2).lower()
            if name not in _SUPPORTED_TAGS:
                kind = "end" if closing else "start"
                raise bad_request(f'can\'t parse entities: Unsupported {kind} tag "{name}" '
                                  f"at byte offset {offset}")
            if closing:
                if not open_tags or open_tags[-1] != name:
                    raise bad_request(f'can\'t parse entities: Unexpected end tag "{name}" '
                                      f"at byte offset {offset}")
                open_tags.pop()
            else:
                open_tags.append(name)
            index = match.end()
        elif char == "&":
            match = _ENTITY_RE.match(text, index)
            if match is None:
                plain.append(char)  # Telegram leaves an unknown '&...' as it is
                index += 1
            else:
                plain.append(html.unescape(match.group(0)))
                index = match.end()
        else:
            plain.append(char)
            index += 1
    if open_tags:
        raise bad_request(f'can\'t parse entities: Can\'t find end tag corresponding to start '
                          f'tag "{open_tags[-1]}"')
    return "".join(plain)


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text a user sees for ``text`` sent with ``parse_mode``."""
    if parse_mode and parse_mode.lower() == "html":
        return parse_html(text)
    if parse_mode and parse_mode.lower() not in {"markdown", "markdownv2"}:
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    return text  # Markdown is not parsed here (the bot uses HTML)


def check_message_text(text: Any, parse_mode: str | None, *, caption: bool = False) -> str:
    """Validate a message text or caption; return its visible text."""
    if not isinstance(text, str):
        raise bad_request("message text is empty")
    plain = visible_text(text, parse_mode)
    limit = MAX_CAPTION_LENGTH if caption else MAX_MESSAGE_LENGTH
    if not caption and not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > limit:
        raise bad_request("message caption is too long" if caption else "message is too long")
    return plain


def check_reply_markup(markup: Any) -> JSONDict | None:
    """Validate ``reply_markup`` like Telegram; return it (or None)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse inline keyboard button: InlineKeyboardMarkup "
                              "must be an Array of Arrays")
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise bad_request("can't parse inline keyboard button: Text buttons are "
                                      "unallowed in the inline keyboard")
                if "callback_data" in button:
                    data = button["callback_data"]
                    size = len(str(data).encode("utf-8"))
                    if not isinstance(data, str) or not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                        raise bad_request("BUTTON_DATA_INVALID")
                elif not any(key in button for key in (
                        "url", "switch_inline_query", "switch_inline_query_current_chat",
                        "web_app", "login_url", "pay", "callback_game", "copy_text",
                        "switch_inline_query_chosen_chat")):
                    raise bad_request("can't parse inline keyboard button: Field "
                                      "\"callback_data\" must be of type String")
        return markup
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse reply keyboard markup JSON object")
        return markup
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def check_commands(commands: Any) -> list[JSONDict]:
    """Validate ``setMyCommands``' list of BotCommand objects."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    checked = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND_NAME_RE.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("command description must be non-empty")
        checked.append({"command": command, "description": description})
    return checked


@dataclass
class RateLimits:
    """Telegram's documented flood limits for bots."""

    global_per_second: int = 30
    per_chat_interval: float = 1.0  # seconds between two messages to one chat
    group_per_minute: int = 20
    enforce: bool = False  # answer 429 (with retry_after) instead of only recording


@dataclass
class LimitViolation:
    time: float
    method: str
    chat_id: int | str | None
    kind: str  # "global", "per_chat", "group" or "inside_retry_after"
    detail: str

    def to_dict(self) -> JSONDict:
        return asdict(self)


@dataclass
class RateLimitTracker:
    """Counts sends against :class:`RateLimits`; records every violation.

    ``check`` is called before a send; with ``enforce`` a violating send is refused with
    the ``retry_after`` to use, and sends inside an announced retry window are recorded
    as ``inside_retry_after`` violations.
    """

    limits: RateLimits = field(default_factory=RateLimits)
    violations: list[LimitViolation] = field(default_factory=list)
    _global_times: deque[float] = field(default_factory=deque)
    _chat_last: dict[int | str, float] = field(default_factory=dict)
    _group_times: dict[int | str, deque[float]] = field(default_factory=dict)
    _global_blocked_until: float = 0.0
    _chat_blocked_until: dict[int | str, float] = field(default_factory=dict)
    sends: int = 0

    def check(self, *, method: str, chat_id: int | str | None, now: float) -> int | None:
        """Record violations of a send at ``now``; return retry_after if it must be refused."""
        found: list[LimitViolation] = []
        wait = 0.0
        window_until = max(self._global_blocked_until,
                           self._chat_blocked_until.get(chat_id, 0.0) if chat_id else 0.0)
        if now < window_until:
            found.append(LimitViolation(now, method, chat_id, "inside_retry_after",
                                        f"{window_until - now:.3f}s before the window ends"))
            wait = max(wait, window_until - now)
        while self._global_times and now - self._global_times[0] >= 1.0:
            self._global_times.popleft()
        if len(self._global_times) >= self.limits.global_per_second:
            found.append(LimitViolation(now, method, chat_id, "global",
                                        f"{len(self._global_times) + 1} sends within 1s"))
            wait = max(wait, 1.0 - (now - self._global_times[0]))
        if chat_id is not None:
            last = self._chat_last.get(chat_id)
            if last is not None and now - last < self.limits.per_chat_interval:
                found.append(LimitViolation(now, method, chat_id, "per_chat",
                                            f"{now - last:.3f}s after the previous send"))
                wait = max(wait, self.limits.per_chat_interval - (now - last))
            if isinstance(chat_id, int) and chat_id < 0:
                times = self._group_times.setdefault(chat_id, deque())
                while times and now - times[0] >= 60.0:
                    times.popleft()
                if len(times) >= self.limits.group_per_minute:
                    found.append(LimitViolation(now, method, chat_id, "group",
                                                f"{len(times) + 1} sends within 60s"))
                    wait = max(wait, 60.0 - (now - times[0]))
        self.violations.extend(found)
        if found and self.limits.enforce:
            retry_after = max(1, math.ceil(wait))
            if any(v.kind == "global" for v in found):
                self._global_blocked_until = max(self._global_blocked_until, now + retry_after)
            elif chat_id is not None:
                self._chat_blocked_until[chat_id] = max(
                    self._chat_blocked_until.get(chat_id, 0.0), now + retry_after)
            return retry_after
        return None

    def record_send(self, *, chat_id: int | str | None, now: float) -> None:
        """Count a send that went through."""
        self.sends += 1
        self._global_times.append(now)
        if chat_id is not None:
            self._chat_last[chat_id] = now
            if isinstance(chat_id, int) and chat_id < 0:
                self._group_times.setdefault(chat_id, deque()).append(now)

    def note_retry_window(self, *, chat_id: int | str | None, until: float) -> None:
        """Remember a retry_after announced by fault injection, to catch sends inside it."""
        if chat_id is None:
            self._global_blocked_until = max(self._global_blocked_until, until)
        else:
            self._chat_blocked_until[chat_id] = max(
                self._chat_blocked_until.get(chat_id, 0.0), until)
