"""In `crosstrain chat`, a typed number presses a button only while the latest reply
shows buttons (found playing: "shins hurt 😣" was answered with no buttons, then "3", a
pain score, pressed the third button of the check-in question asked long before)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from bot.terminal import TerminalBotApi, typed_update

KEYBOARD = {"inline_keyboard": [[{"text": "07:00", "callback_data": "a"}],
                                [{"text": "19:00", "callback_data": "b"}],
                                [{"text": "No check-ins", "callback_data": "c"}]]}


def _send(api: TerminalBotApi, text: str, markup: dict[str, Any] | None = None) -> None:
    params: dict[str, Any] = {"chat_id": 1, "text": text}
    if markup:
        params["reply_markup"] = markup
    api._answer("sendMessage", params, None)


def _typed(api: TerminalBotApi, text: str) -> dict[str, Any] | None:
    update = typed_update(7, 1, "Ana", text, api)
    api.new_turn = True  # as run_chat marks each line typed
    return update


def test_a_number_after_a_reply_without_buttons_is_typed_text(tmp_path: Path) -> None:
    api = TerminalBotApi(io.StringIO(), downloads=tmp_path)
    _send(api, "What time should I check in?", KEYBOARD)
    _typed(api, "shins hurt")
    _send(api, "Thanks for telling me: shin.")
    update = _typed(api, "3")
    assert update is not None and update["message"]["text"] == "3"


def test_a_number_presses_the_buttons_of_the_latest_reply(tmp_path: Path) -> None:
    api = TerminalBotApi(io.StringIO(), downloads=tmp_path)
    _typed(api, "missed my run")
    _send(api, "What time should I check in?", KEYBOARD)
    _send(api, "A second message of the same reply, with no buttons.")
    update = _typed(api, "3")
    assert update is not None and update["callback_query"]["data"] == "c"
