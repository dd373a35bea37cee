"""Factories for realistic Bot API ``Update`` payloads (plain dicts).

Feed them to ``Update.de_json(payload, app.bot)`` in handler tests; the Bot API emulator
in ``tests/e2e`` builds the updates it queues with the same functions, so both test levels
see identical shapes. Dates are in seconds, entity offsets in UTF-16 code units, as
Telegram sends them.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import time
from dataclasses import dataclass
from typing import Any

JSONDict = dict[str, Any]

DEFAULT_BOT_ID = 123456789
DEFAULT_BOT_USERNAME = "crosstrain_test_bot"
DEFAULT_BOT_NAME = "Crosstrain Test Bot"
DEFAULT_TOKEN = f"{DEFAULT_BOT_ID}:AAEmulatorTestTokenForCrosstrainCoach0001"

# Separate counters per process; the emulator keeps its own.
_update_ids = itertools.count(700_000_001)
_message_ids = itertools.count(1)
_callback_ids = itertools.count(4_000_000_000_001)
_file_ids = itertools.count(1)

# A bot command as Telegram detects it: '/' at a word start, 1-32 word characters and an
# optional @botname.
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


@dataclass(frozen=True)
class TgUser:
    """A Telegram user as the tests describe one."""

    id: int
    first_name: str = "Test"
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = "en"

    def to_dict(self) -> JSONDict:
        """The Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    def private_chat(self) -> JSONDict:
        """The Bot API ``Chat`` of this user's private chat with the bot."""
        return private_chat_dict(self)

    @classmethod
    def from_dict(cls, data: JSONDict) -> TgUser:
        return cls(
            id=int(data["id"]),
            first_name=str(data.get("first_name") or "Test"),
            username=data.get("username"),
            last_name=data.get("last_name"),
            language_code=data.get("language_code"),
        )


def as_user(user: TgUser | int) -> TgUser:
    """Accept a bare user id where a user is expected."""
    return user if isinstance(user, TgUser) else TgUser(id=user, first_name=f"User{user}")


def bot_user_dict(
    *, bot_id: int = DEFAULT_BOT_ID, username: str = DEFAULT_BOT_USERNAME,
    first_name: str = DEFAULT_BOT_NAME,
) -> JSONDict:
    """The Bot API ``User`` of the bot itself (as in the ``from`` of its messages)."""
    return {"id": bot_id, "is_bot": True, "first_name": first_name, "username": username}


def private_chat_dict(user: TgUser | int) -> JSONDict:
    user = as_user(user)
    chat: JSONDict = {"id": user.id, "type": "private", "first_name": user.first_name}
    if user.last_name:
        chat["last_name"] = user.last_name
    if user.username:
        chat["username"] = user.username
    return chat


def group_chat_dict(chat_id: int, title: str = "Test group", *, kind: str = "group") -> JSONDict:
    """A group (negative id) or ``supergroup`` chat."""
    return {"id": chat_id, "type": kind, "title": title}


def chat_instance_for(chat_id: int) -> str:
    """A stable ``chat_instance`` per chat, like Telegram's opaque global chat identifier."""
    digest = hashlib.sha1(f"chat-instance:{chat_id}".encode()).hexdigest()
    return str(int(digest[:15], 16))


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Bot API entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def bot_command_entities(text: str) -> list[JSONDict]:
    """The ``bot_command`` entities Telegram attaches to a text."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: match.start()]),
         "length": utf16_len(match.group(0))}
        for match in _COMMAND_RE.finditer(text)
    ]


def next_update_id() -> int:
    return next(_update_ids)


def next_message_id() -> int:
    return next(_message_ids)


def next_callback_id() -> str:
    return str(next(_callback_ids))


def new_file_ids(kind: str) -> tuple[str, str]:
    """A fresh (file_id, file_unique_id) pair."""
    number = next(_file_ids)
    return f"{kind}-file-{number:06d}-emulated", f"{kind}-uniq-{number:06d}"


def message_payload(
    user: TgUser | int,
    *,
    chat: JSONDict | None = None,
    message_id: int | None = None,
    date: int | None = None,
    reply_to_message: JSONDict | None = None,
    **content: Any,
) -> JSONDict:
    """A Bot API ``Message`` sent by ``user``; ``content`` holds text/sticker/photo/... fields."""
    user = as_user(user)
    message: JSONDict = {
        "message_id": message_id if message_id is not None else next_message_id(),
        "from": user.to_dict(),
        "chat": chat if chat is not None else private_chat_dict(user),
        "date": date if date is not None else int(time.time()),
    }
    if reply_to_message is not None:
        message["reply_to_message"] = reply_to_message
    message.update({key: value for key, value in content.items() if value is not None})
    return message


def wrap_update(kind: str, payload: JSONDict, *, update_id: int | None = None) -> JSONDict:
    """An ``Update`` with one field of type ``kind`` (message, callback_query, ...)."""
    return {"update_id": update_id if update_id is not None else next_update_id(), kind: payload}


def text_update(
    user: TgUser | int,
    text: str,
    *,
    chat: JSONDict | None = None,
    update_id: int | None = None,
    message_id: int | None = None,
    date: int | None = None,
    reply_to_message: JSONDict | None = None,
) -> JSONDict:
    """A text message; text starting with '/' carries the ``bot_command`` entity."""
    entities = bot_command_entities(text)
    message = message_payload(
        user, chat=chat, message_id=message_id, date=date,
        reply_to_message=reply_to_message, text=text, entities=entities or None,
    )
    return wrap_update("message", message, update_id=update_id)


def command_update(
    user: TgUser | int,
    command: str,
    args: str = "",
    *,
    bot_username: str | None = None,
    chat: JSONDict | None = None,
    update_id: int | None = None,
    message_id: int | None = None,
) -> JSONDict:
    """``/command args`` (the leading '/' is optional), optionally addressed ``@bot_username``."""
    name = command.lstrip("/")
    text = f"/{name}" + (f"@{bot_username}" if bot_username else "")
    if args:
        text += f" {args}"
    return text_update(user, text, chat=chat, update_id=update_id, message_id=message_id)


def edited_text_update(
    user: TgUser | int,
    text: str,
    *,
    message_id: int,
    chat: JSONDict | None = None,
    update_id: int | None = None,
) -> JSONDict:
    """An ``edited_message`` update for a text the user edited."""
    message = message_payload(user, chat=chat, message_id=message_id, text=text,
                              entities=bot_command_entities(text) or None)
    message["edit_date"] = int(time.time())
    return wrap_update("edited_message", message, update_id=update_id)


def sticker_update(
    user: TgUser | int, *, emoji: str = "👍", chat: JSONDict | None = None,
    update_id: int | None = None,
) -> JSONDict:
    file_id, unique_id = new_file_ids("sticker")
    sticker = {"file_id": file_id, "file_unique_id": unique_id, "type": "regular",
               "width": 512, "height": 512, "is_animated": False, "is_video": False,
               "emoji": emoji, "file_size": 23_000}
    return wrap_update("message", message_payload(user, chat=chat, sticker=sticker),
                       update_id=update_id)


def photo_update(
    user: TgUser | int, *, caption: str | None = None, chat: JSONDict | None = None,
    update_id: int | None = None,
) -> JSONDict:
    sizes = []
    for width, height, size in ((90, 67, 1_200), (800, 600, 54_000)):
        file_id, unique_id = new_file_ids("photo")
        sizes.append({"file_id": file_id, "file_unique_id": unique_id, "width": width,
                      "height": height, "file_size": size})
    message = message_payload(user, chat=chat, photo=sizes, caption=caption,
                              caption_entities=bot_command_entities(caption or "") or None)
    return wrap_update("message", message, update_id=update_id)


def location_update(
    user: TgUser | int, *, latitude: float = 52.52, longitude: float = 13.405,
    chat: JSONDict | None = None, update_id: int | None = None,
) -> JSONDict:
    location = {"latitude": latitude, "longitude": longitude}
    return wrap_update("message", message_payload(user, chat=chat, location=location),
                       update_id=update_id)


def voice_update(
    user: TgUser | int, *, duration: int = 3, chat: JSONDict | None = None,
    update_id: int | None = None,
) -> JSONDict:
    file_id, unique_id = new_file_ids("voice")
    voice = {"file_id": file_id, "file_unique_id": unique_id, "duration": duration,
             "mime_type": "audio/ogg", "file_size": 4_000 * duration}
    return wrap_update("message", message_payload(user, chat=chat, voice=voice),
                       update_id=update_id)


def document_update(
    user: TgUser | int, *, file_name: str = "notes.txt", mime_type: str = "text/plain",
    file_size: int = 120, caption: str | None = None, chat: JSONDict | None = None,
    update_id: int | None = None,
) -> JSONDict:
    file_id, unique_id = new_file_ids("document")
    document = {"file_id": file_id, "file_unique_id": unique_id, "file_name": file_name,
                "mime_type": mime_type, "file_size": file_size}
    message = message_payload(user, chat=chat, document=document, caption=caption)
    return wrap_update("message", message, update_id=update_id)


def bot_message_payload(
    chat: JSONDict,
    *,
    text: str = "",
    message_id: int | None = None,
    reply_markup: JSONDict | None = None,
    bot: JSONDict | None = None,
    date: int | None = None,
) -> JSONDict:
    """A message the bot sent earlier (what a callback query's ``message`` refers to)."""
    message: JSONDict = {
        "message_id": message_id if message_id is not None else next_message_id(),
        "from": bot if bot is not None else bot_user_dict(),
        "chat": chat,
        "date": date if date is not None else int(time.time()),
        "text": text,
    }
    if reply_markup is not None:
        message["reply_markup"] = reply_markup
    return message


def inline_keyboard(*rows: list[tuple[str, str]]) -> JSONDict:
    """``inline_keyboard(["Done", "done"], ...)``-style helper: rows of (text, callback_data)."""
    return {"inline_keyboard": [[{"text": text, "callback_data": data} for text, data in row]
                                for row in rows]}


def callback_query_update(
    user: TgUser | int,
    data: str,
    *,
    message: JSONDict | None = None,
    message_id: int | None = None,
    message_text: str = "",
    reply_markup: JSONDict | None = None,
    chat: JSONDict | None = None,
    inline_message_id: str | None = None,
    callback_id: str | None = None,
    chat_instance: str | None = None,
    update_id: int | None = None,
) -> JSONDict:
    """A button press. ``message`` is the bot's message carrying the button; without it one is
    built from ``message_id``/``message_text``/``reply_markup`` in ``chat`` (default: the
    user's private chat). With ``inline_message_id`` the query has no message, as for inline
    mode messages."""
    user = as_user(user)
    query: JSONDict = {
        "id": callback_id or next_callback_id(),
        "from": user.to_dict(),
        "data": data,
    }
    if inline_message_id is not None:
        query["inline_message_id"] = inline_message_id
        query["chat_instance"] = chat_instance or chat_instance_for(user.id)
    else:
        if message is None:
            message = bot_message_payload(
                chat if chat is not None else private_chat_dict(user),
                text=message_text, message_id=message_id, reply_markup=reply_markup,
            )
        query["message"] = message
        query["chat_instance"] = chat_instance or chat_instance_for(int(message["chat"]["id"]))
    return wrap_update("callback_query", query, update_id=update_id)
