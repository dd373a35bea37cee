"""``crosstrain chat``: the same bot, handlers and database, in the terminal.

The real python-telegram-bot Application runs with a request class that answers the Bot
API locally: messages the bot sends are printed, what the athlete types becomes an
``Update``. Buttons are printed with numbers; typing the number presses it.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from pathlib import Path
from typing import Any, TextIO

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.app import build_application, running
from config.settings import Settings

BOT_USER = {
    "id": 1,
    "is_bot": True,
    "first_name": "Crosstrain Coach",
    "username": "crosstrain_coach_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
_TAG = re.compile(r"<[^>]+>")


def html_to_text(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


class TerminalBotApi(BaseRequest):
    """Answers the Bot API in-process and shows what the bot sends on ``out``."""

    def __init__(self, out: TextIO, *, downloads: Path) -> None:
        self.out = out
        self.downloads = downloads
        self._message_ids = itertools.count(1)
        self.buttons: list[tuple[str, str]] = []
        self.buttons_message: dict[str, Any] | None = None
        # Set when a line is typed: the reply's first message decides whether the earlier
        # buttons are still the ones on screen (a reply with none makes "3" a typed 3).
        self.new_turn = False

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        result = self._answer(name, params, request_data)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _answer(self, name: str, params: dict[str, Any], data: RequestData | None) -> Any:
        if name == "getMe":
            return BOT_USER
        if name in ("sendMessage", "editMessageText"):
            return self._show(params, edited=name == "editMessageText")
        if name == "editMessageReplyMarkup":
            if not params.get("reply_markup"):
                self.buttons = []
            return self._message(params, text="")
        if name == "answerCallbackQuery":
            if params.get("text"):
                self._print(f"  ({params['text']})")
            return True
        if name in ("sendDocument", "sendPhoto"):
            return self._save_document(params, data, photo=name == "sendPhoto")
        if name == "getUpdates":
            return []
        return True  # setMyCommands, sendChatAction, deleteWebhook...

    def _message(self, params: dict[str, Any], *, text: str) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            "text": text,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _show(self, params: dict[str, Any], *, edited: bool) -> dict[str, Any]:
        text = str(params.get("text", ""))
        message = self._message(params, text=text)
        self._print(("(edited) " if edited else "") + html_to_text(text))
        markup = params.get("reply_markup")
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        buttons = [(b["text"], b.get("callback_data", "")) for row in rows for b in row]
        if self.new_turn and not edited:
            # "shins hurt" answered with no buttons, then "3": a pain score typed, not
            # the third button of a question long answered (as in Telegram).
            self.new_turn = False
            self.buttons = []
        if buttons:
            self.buttons, self.buttons_message = buttons, message
            for number, (label, _) in enumerate(buttons, 1):
                self._print(f"  [{number}] {label}")
        return message

    def _save_document(self, params: dict[str, Any], data: RequestData | None, *,
                       photo: bool = False) -> dict[str, Any]:
        """A file or picture the bot sends: saved to the downloads folder, its caption and
        path shown (a terminal cannot show a picture)."""
        self.downloads.mkdir(parents=True, exist_ok=True)
        saved: list[str] = []
        for field in (data.multipart_data or {}).values() if data else []:
            filename, content = field[0], field[1]
            target = self.downloads / Path(str(filename)).name
            target.write_bytes(content if isinstance(content, bytes) else content.read())
            saved.append(str(target))
        caption = html_to_text(str(params.get("caption", "")))
        what = "Picture saved to" if photo else "Saved to"
        self._print(f"{caption}\n{what}: {', '.join(saved)}".strip())
        message = self._message(params, text="")
        if photo:
            message["photo"] = [{"file_id": "local", "file_unique_id": "local",
                                 "width": 1, "height": 1}]
        else:
            message["document"] = {
                "file_id": "local",
                "file_unique_id": "local",
                "file_name": Path(saved[0]).name if saved else "file",
            }
        return message

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def _user(user_id: int, name: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name}


def typed_update(
    update_id: int, user_id: int, name: str, text: str, api: TerminalBotApi
) -> dict[str, Any] | None:
    """The Update a line typed in the terminal stands for (a number presses a button)."""
    chat = {"id": user_id, "type": "private"}
    if text.isdigit() and api.buttons and 1 <= int(text) <= len(api.buttons):
        _, data = api.buttons[int(text) - 1]
        return {
            "update_id": update_id,
            "callback_query": {
                "id": str(update_id),
                "from": _user(user_id, name),
                "chat_instance": str(user_id),
                "data": data,
                "message": api.buttons_message,
            },
        }
    message: dict[str, Any] = {
        "message_id": update_id % 2_000_000_000,
        "date": int(time.time()),
        "chat": chat,
        "from": _user(user_id, name),
        "text": text,
    }
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": update_id, "message": message}


async def run_chat(
    settings: Settings, *, user_id: int, name: str, stdin: TextIO, stdout: TextIO, interactive: bool
) -> None:
    api = TerminalBotApi(stdout, downloads=settings.data_dir / "downloads")
    # Scheduled check-ins are the running bot's job; here /checkin now shows one.
    application = build_application(settings, request=api, sends_checkins=False)
    # Update ids must not repeat across runs: the database remembers processed ones.
    update_ids = itertools.count(time.time_ns() // 1000)
    async with running(application):
        print(
            "Crosstrain Coach in the terminal. Type /start to begin, /help for commands, "
            "a number to press a button, Ctrl-D to quit.",
            file=stdout,
            flush=True,
        )
        while True:
            if interactive:
                print("> ", end="", file=stdout, flush=True)
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if text in ("/quit", "/exit"):
                break
            payload = typed_update(next(update_ids), user_id, name, text, api)
            api.new_turn = True
            if payload is not None:
                await application.process_update(Update.de_json(payload, application.bot))
