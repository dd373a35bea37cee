"""The test side of the Bot API emulator: act as users, read what the bot sent.

    async with EmulatorClient(emulator.url) as tg:
        await tg.send_command(ANN, "start")
        [reply] = await tg.wait_for_messages(ANN.id, count=1)
        await tg.press_button(ANN, reply, text="Skip")

``wait_for_messages`` keeps a cursor per chat: each call returns only messages the bot
sent after the ones returned before, in order.
"""

# Test waits take a plain `timeout` deadline by design (the API the tests read best).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import base64
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.bot.updates import TgUser
from tests.e2e.botapi import JSONDict

__all__ = [
    "BotCall",
    "BotMessage",
    "Button",
    "EmulatorClient",
    "EmulatorError",
    "TgUser",
    "UploadedDocument",
    "measure_drain",
    "measure_round_trips",
    "percentile",
]


class EmulatorError(RuntimeError):
    """The emulator refused a control request (the message says why)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"emulator answered {status}: {message}")
        self.status = status


@dataclass(frozen=True)
class Button:
    """One inline keyboard button (or reply keyboard button: no data)."""

    text: str
    callback_data: str | None
    url: str | None
    row: int
    column: int


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent, in its current state (edits applied)."""

    chat_id: int
    message_id: int
    text: str | None  # what the user sees (HTML tags removed, entities decoded); or caption
    source_text: str | None  # as the bot sent it, e.g. with HTML tags
    parse_mode: str | None
    reply_markup: JSONDict | None
    method: str
    edit_count: int
    deleted: bool
    sent_seq: int
    seq: int
    raw: JSONDict = field(repr=False)

    @classmethod
    def from_dict(cls, data: JSONDict) -> BotMessage:
        return cls(chat_id=data["chat_id"], message_id=data["message_id"], text=data["text"],
                   source_text=data["source_text"], parse_mode=data["parse_mode"],
                   reply_markup=data["reply_markup"], method=data["method"],
                   edit_count=data["edit_count"], deleted=data["deleted"],
                   sent_seq=data["sent_seq"], seq=data["seq"], raw=data["message"])

    @property
    def buttons(self) -> list[Button]:
        """All keyboard buttons, row by row."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        found = []
        for row_index, row in enumerate(rows):
            for column, button in enumerate(row):
                if isinstance(button, str):
                    button = {"text": button}
                found.append(Button(text=button.get("text", ""),
                                    callback_data=button.get("callback_data"),
                                    url=button.get("url"), row=row_index, column=column))
        return found

    @property
    def button_texts(self) -> list[str]:
        return [button.text for button in self.buttons]

    @property
    def has_inline_keyboard(self) -> bool:
        return bool(self.reply_markup and self.reply_markup.get("inline_keyboard"))

    def button(self, text: str) -> Button:
        """The button whose text equals ``text`` (else contains it, case-insensitively)."""
        for button in self.buttons:
            if button.text == text:
                return button
        matches = [b for b in self.buttons if text.lower() in b.text.lower()]
        if len(matches) != 1:
            raise LookupError(f"{len(matches)} buttons match {text!r}; buttons: "
                              f"{self.button_texts}")
        return matches[0]

    @property
    def document(self) -> JSONDict | None:
        value = self.raw.get("document")
        return value if isinstance(value, dict) else None


@dataclass(frozen=True)
class BotCall:
    """One Bot API request the bot made."""

    seq: int
    method: str
    params: JSONDict
    time: float  # monotonic clock of the emulator's process
    wall_time: float
    chat_id: int | str | None
    status: int
    description: str | None

    @classmethod
    def from_dict(cls, data: JSONDict) -> BotCall:
        return cls(**data)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class UploadedDocument:
    """A file the bot uploaded (sendDocument, sendPhoto, ...)."""

    file_id: str
    file_name: str
    mime_type: str
    content: bytes
    chat_id: int | None
    message_id: int | None
    method: str

    def text(self) -> str:
        return self.content.decode("utf-8")


def _user_json(user: TgUser) -> JSONDict:
    data: JSONDict = {"id": user.id, "first_name": user.first_name}
    if user.username:
        data["username"] = user.username
    if user.last_name:
        data["last_name"] = user.last_name
    data["language_code"] = user.language_code
    return data


class EmulatorClient:
    """Async client for the emulator's control API (``url`` without ``/_emu``)."""

    def __init__(self, url: str, *, request_timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.AsyncClient(base_url=f"{self.url}/_emu",
                                       timeout=httpx.Timeout(request_timeout))
        self._cursors: dict[int, int] = {}

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # ------------------------------------------------------------ raw
    async def request(self, verb: str, path: str, *, json: Any = None,
                      params: dict[str, Any] | None = None) -> JSONDict:
        """One control request; raises EmulatorError on a non-2xx answer."""
        clean = {key: value for key, value in (params or {}).items() if value is not None}
        response = await self._http.request(verb, path, json=json, params=clean)
        try:
            body = response.json()
        except ValueError:
            body = {"error": response.text}
        if response.status_code >= 400:
            raise EmulatorError(response.status_code, str(body.get("error", body)))
        return dict(body)

    # ------------------------------------------------------------ acting as users
    async def send_text(self, user: TgUser, text: str, *, chat_id: int | None = None,
                        chat_title: str = "Test group",
                        reply_to_message_id: int | None = None) -> JSONDict:
        """The user writes ``text`` (a leading '/' makes it a command). Returns the update."""
        body = {"user": _user_json(user), "text": text,
                "reply_to_message_id": reply_to_message_id,
                "chat": self._chat(user, chat_id, chat_title)}
        return (await self.request("POST", "/send_message", json=body))["update"]

    async def send_texts(self, messages: Sequence[tuple[TgUser, str]]) -> list[int]:
        """Queue many texts at once (bulk, for throughput runs); returns update ids."""
        body = {"messages": [{"user": _user_json(user), "text": text}
                             for user, text in messages]}
        return list((await self.request("POST", "/send_messages", json=body))["update_ids"])

    async def send_command(self, user: TgUser, command: str, args: str = "", *,
                           mention_bot: bool = False, chat_id: int | None = None) -> JSONDict:
        """``/command args`` with the ``bot_command`` entity (the '/' is optional)."""
        body = {"user": _user_json(user), "command": command, "args": args,
                "mention_bot": mention_bot, "chat": self._chat(user, chat_id, "Test group")}
        return (await self.request("POST", "/send_command", json=body))["update"]

    async def edit_text(self, user: TgUser, message_id: int, text: str) -> JSONDict:
        """The user edits a message they sent (an ``edited_message`` update)."""
        body = {"user": _user_json(user), "message_id": message_id, "text": text}
        return (await self.request("POST", "/edit_message", json=body))["update"]

    async def send_sticker(self, user: TgUser, emoji: str = "👍") -> JSONDict:
        body = {"user": _user_json(user), "emoji": emoji}
        return (await self.request("POST", "/send_sticker", json=body))["update"]

    async def send_photo(self, user: TgUser, caption: str | None = None) -> JSONDict:
        body = {"user": _user_json(user), "caption": caption}
        return (await self.request("POST", "/send_photo", json=body))["update"]

    async def send_location(self, user: TgUser, latitude: float = 52.52,
                            longitude: float = 13.405) -> JSONDict:
        body = {"user": _user_json(user), "latitude": latitude, "longitude": longitude}
        return (await self.request("POST", "/send_location", json=body))["update"]

    async def send_voice(self, user: TgUser, duration: int = 3) -> JSONDict:
        body = {"user": _user_json(user), "duration": duration}
        return (await self.request("POST", "/send_voice", json=body))["update"]

    async def send_document(self, user: TgUser, file_name: str, content: bytes, *,
                            mime_type: str = "text/plain",
                            caption: str | None = None) -> JSONDict:
        body = {"user": _user_json(user), "file_name": file_name, "mime_type": mime_type,
                "content_base64": base64.b64encode(content).decode("ascii"),
                "caption": caption}
        return (await self.request("POST", "/send_document", json=body))["update"]

    async def press_button(
        self,
        user: TgUser,
        message: BotMessage | int,
        *,
        text: str | None = None,
        data: str | None = None,
        chat_id: int | None = None,
    ) -> str:
        """Press a button of ``message``: by its ``text`` (uses its real callback_data) or
        with any ``data`` (forged presses allowed). A bare message id may be one the bot
        never sent. Returns the callback query id."""
        if text is not None:
            if not isinstance(message, BotMessage):
                raise ValueError("pressing by button text needs the BotMessage")
            button = message.button(text)
            if button.callback_data is None:
                raise ValueError(f"button {button.text!r} has no callback_data")
            data = button.callback_data
        if data is None:
            raise ValueError("give the button text or the callback data")
        if isinstance(message, BotMessage):
            message_id, chat_id = message.message_id, message.chat_id
        else:
            message_id = message
        body = {"user": _user_json(user), "data": data, "message_id": message_id,
                "chat_id": chat_id}
        return str((await self.request("POST", "/press_button", json=body))
                   ["callback_query_id"])

    async def press_forged(self, user: TgUser, data: str, *,
                           message: JSONDict | None = None,
                           inline_message_id: str | None = None) -> str:
        """A callback query with a hand-made ``message`` dict or an inline message id."""
        body = {"user": _user_json(user), "data": data, "message": message,
                "inline_message_id": inline_message_id}
        return str((await self.request("POST", "/press_button", json=body))
                   ["callback_query_id"])

    async def send_update(self, update: JSONDict) -> JSONDict:
        """Queue a raw update (update_id assigned when missing)."""
        return (await self.request("POST", "/updates", json={"update": update}))["update"]

    async def replay_update(self, update_id: int) -> JSONDict:
        """Deliver an update again, as Telegram sometimes does."""
        return (await self.request("POST", "/replay", json={"update_id": update_id}))["update"]

    @staticmethod
    def _chat(user: TgUser, chat_id: int | None, title: str) -> JSONDict | None:
        if chat_id is None or chat_id == user.id:
            return None
        return {"id": chat_id, "type": "group", "title": title}

    # ------------------------------------------------------------ reading
    async def messages(self, chat_id: int, *, sender: str = "bot",
                       include_deleted: bool = True) -> list[BotMessage]:
        """Every message of ``sender`` (bot, user or all) in the chat, in order."""
        body = await self.request("GET", "/messages",
                                  params={"chat_id": chat_id, "sender": sender})
        found = [BotMessage.from_dict(item) for item in body["messages"]]
        return [m for m in found if include_deleted or not m.deleted]

    def skip_existing(self, chat_id: int, seq: int) -> None:
        """Move the chat's cursor (wait_for_messages ignores messages up to ``seq``)."""
        self._cursors[chat_id] = max(self._cursors.get(chat_id, 0), seq)

    async def mark_all_read(self, chat_id: int) -> None:
        """Ignore everything the bot sent to this chat so far."""
        body = await self.request("GET", "/messages", params={"chat_id": chat_id})
        self.skip_existing(chat_id, int(body["seq"]))

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int | None = None,
        *,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = 10.0,
    ) -> list[BotMessage]:
        """Wait for new bot messages in ``chat_id``: ``count`` of them, or up to and
        including the first one matching ``predicate`` (default: one message). Returns them
        and moves the chat's cursor past them. Raises TimeoutError listing what came."""
        if count is None and predicate is None:
            count = 1
        cursor = self._cursors.get(chat_id, 0)
        changed_after = cursor
        deadline = time.monotonic() + timeout
        seen: list[BotMessage] = []
        while True:
            remaining = deadline - time.monotonic()
            body = await self.request("GET", "/messages", params={
                "chat_id": chat_id, "sent_after": cursor, "changed_after": changed_after,
                "wait": round(max(0.0, min(remaining, 60.0)), 3)})
            seen = [BotMessage.from_dict(item) for item in body["messages"]]
            chosen: list[BotMessage] | None = None
            if predicate is not None:
                for index, message in enumerate(seen):
                    if predicate(message):
                        chosen = seen[: index + 1]
                        break
            elif count is not None and len(seen) >= count:
                chosen = seen[:count]
            if chosen is not None:
                self._cursors[chat_id] = chosen[-1].sent_seq
                return chosen
            changed_after = int(body["seq"])
            if time.monotonic() >= deadline:
                texts = [m.text for m in seen]
                raise TimeoutError(f"chat {chat_id}: waited {timeout}s for "
                                   f"{count or 'a matching'} new bot message(s); got {texts}")

    async def wait_for_message(self, chat_id: int,
                               predicate: Callable[[BotMessage], bool] | None = None, *,
                               timeout: float = 10.0) -> BotMessage:
        """The next bot message (or the next one matching ``predicate``)."""
        found = await self.wait_for_messages(chat_id, predicate=predicate, timeout=timeout)
        return found[-1]

    async def wait_for_text(self, chat_id: int, fragment: str, *,
                            timeout: float = 10.0) -> BotMessage:
        """The next bot message whose visible text contains ``fragment``."""
        return await self.wait_for_message(
            chat_id, lambda m: fragment.lower() in (m.text or "").lower(), timeout=timeout)

    async def wait_for_change(self, message: BotMessage, *,
                              predicate: Callable[[BotMessage], bool] | None = None,
                              timeout: float = 10.0) -> BotMessage:
        """Wait until the bot edits or deletes ``message`` (and ``predicate`` holds)."""
        deadline = time.monotonic() + timeout
        changed_after = message.seq
        while True:
            remaining = deadline - time.monotonic()
            body = await self.request("GET", "/messages", params={
                "chat_id": message.chat_id, "changed_after": changed_after,
                "wait": round(max(0.0, min(remaining, 60.0)), 3)})
            for item in body["messages"]:
                current = BotMessage.from_dict(item)
                if (current.message_id == message.message_id and current.seq > message.seq
                        and (predicate is None or predicate(current))):
                    return current
            changed_after = int(body["seq"])
            if time.monotonic() >= deadline:
                raise TimeoutError(f"message {message.message_id} in chat {message.chat_id} "
                                   f"not changed within {timeout}s")

    async def calls(self, method: str | None = None, *,
                    chat_id: int | None = None) -> list[BotCall]:
        """The bot's Bot API requests (all, or of one method / chat), in order."""
        body = await self.request("GET", "/calls",
                                  params={"method": method, "chat_id": chat_id})
        return [BotCall.from_dict(item) for item in body["calls"]]

    async def wait_for_call(self, method: str, *,
                            predicate: Callable[[BotCall], bool] | None = None,
                            chat_id: int | None = None, timeout: float = 10.0) -> BotCall:
        """The first call of ``method`` (matching ``predicate``), waiting for it."""
        deadline = time.monotonic() + timeout
        while True:
            for call in await self.calls(method, chat_id=chat_id):
                if predicate is None or predicate(call):
                    return call
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no {method} call within {timeout}s")
            await asyncio.sleep(0.02)

    async def documents(self, chat_id: int | None = None) -> list[UploadedDocument]:
        """Files the bot uploaded, with their bytes."""
        body = await self.request("GET", "/documents", params={"chat_id": chat_id})
        return [UploadedDocument(
            file_id=item["file_id"], file_name=item["file_name"], mime_type=item["mime_type"],
            content=base64.b64decode(item["content_base64"]), chat_id=item["chat_id"],
            message_id=item["message_id"], method=item["method"])
            for item in body["documents"]]

    async def photos(self, chat_id: int | None = None) -> list[UploadedDocument]:
        """Pictures the bot sent (sendPhoto), with their bytes."""
        return [item for item in await self.documents(chat_id) if item.method == "sendPhoto"]

    async def callback_answers(self) -> list[JSONDict]:
        """answerCallbackQuery calls: callback_query_id, text, show_alert, user_id, data."""
        return list((await self.request("GET", "/callback_answers"))["answers"])

    async def wait_for_callback_answer(self, callback_query_id: str, *,
                                       timeout: float = 10.0) -> JSONDict:
        deadline = time.monotonic() + timeout
        while True:
            for answer in await self.callback_answers():
                if answer["callback_query_id"] == callback_query_id:
                    return answer
            if time.monotonic() >= deadline:
                raise TimeoutError(f"callback query {callback_query_id} not answered in "
                                   f"{timeout}s")
            await asyncio.sleep(0.02)

    async def commands(self) -> dict[str, list[JSONDict]]:
        """setMyCommands state: key '<scope json>|<language>' -> commands."""
        return dict((await self.request("GET", "/commands"))["commands"])

    async def default_commands(self) -> list[JSONDict]:
        """The command menu for the default scope and no language."""
        return (await self.commands()).get('{"type": "default"}|', [])

    async def state(self) -> JSONDict:
        return await self.request("GET", "/state")

    async def webhook_deliveries(self) -> list[JSONDict]:
        return list((await self.request("GET", "/webhook_deliveries"))["deliveries"])

    async def post_to_webhook(self, update: JSONDict, *, secret_token: str | None,
                              url: str | None = None) -> tuple[int, str]:
        """POST one update to the bot's webhook with the given secret; (status, body)."""
        body = await self.request("POST", "/webhook/post", json={
            "update": update, "secret_token": secret_token, "url": url})
        return int(body["status"]), str(body["body"])

    # ------------------------------------------------------------ faults and limits
    async def block_chat(self, chat_id: int, blocked: bool = True) -> None:
        """The user of ``chat_id`` blocked the bot: its calls there get 403 Forbidden."""
        await self.request("POST", "/block", json={"chat_id": chat_id, "blocked": blocked})

    async def unblock_chat(self, chat_id: int) -> None:
        await self.block_chat(chat_id, False)

    async def add_fault(
        self,
        kind: str,
        *,
        methods: Sequence[str] | None = None,
        chat_id: int | None = None,
        times: int | None = 1,
        probability: float = 1.0,
        retry_after: int = 1,
        delay: float = 0.0,
        status: int = 500,
        description: str | None = None,
        effect: bool = True,
    ) -> JSONDict:
        """Make matching bot calls fail. kind: retry_after (429), server_error (status),
        timeout (answer after ``delay``; with ``effect`` the call took effect), forbidden,
        bad_request. ``methods`` None means every method but getUpdates/getMe/webhook and
        command plumbing; ``times`` None means for ever; ``probability`` < 1 is random
        (seeded)."""
        body = {"kind": kind, "methods": list(methods) if methods else None,
                "chat_id": chat_id, "times": times, "probability": probability,
                "retry_after": retry_after, "delay": delay, "status": status,
                "description": description, "effect": effect}
        return dict((await self.request("POST", "/faults", json=body))["fault"])

    async def flood_wait(self, *, retry_after: int = 1, chat_id: int | None = None,
                         methods: Sequence[str] | None = ("sendMessage",),
                         times: int = 1) -> JSONDict:
        """The next ``times`` matching calls get 429 with ``retry_after``."""
        return await self.add_fault("retry_after", retry_after=retry_after, chat_id=chat_id,
                                    methods=methods, times=times)

    async def clear_faults(self) -> None:
        await self.request("DELETE", "/faults")

    async def set_limits(self, *, enforce: bool = False, global_per_second: int = 30,
                         per_chat_interval: float = 1.0, group_per_minute: int = 20) -> None:
        """Check Telegram's flood limits on every send; ``enforce`` answers 429."""
        await self.request("POST", "/limits", json={
            "enabled": True, "enforce": enforce, "global_per_second": global_per_second,
            "per_chat_interval": per_chat_interval, "group_per_minute": group_per_minute})

    async def disable_limits(self) -> None:
        await self.request("POST", "/limits", json={"enabled": False})

    async def violations(self) -> list[JSONDict]:
        """Limit violations: time, method, chat_id, kind (global, per_chat, group,
        inside_retry_after), detail."""
        return list((await self.request("GET", "/violations"))["violations"])

    async def reset(self) -> None:
        """Forget messages, calls, faults, blocks, limits, webhook and queued updates."""
        await self.request("POST", "/reset")
        self._cursors.clear()

    # ------------------------------------------------------------ readiness
    async def wait_until_polling(self, *, timeout: float = 15.0,
                                 alive: Callable[[], bool] | None = None) -> None:
        """Wait until the bot is long-polling (a getUpdates is waiting) or set a webhook.
        ``alive`` (e.g. ``process.is_running``) stops the wait early if the bot died."""
        deadline = time.monotonic() + timeout
        while True:
            state = await self.state()
            if state["pollers_waiting"] > 0 or state["webhook"]:
                return
            if alive is not None and not alive():
                raise RuntimeError("the bot process exited before it started polling")
            if time.monotonic() >= deadline:
                raise TimeoutError(f"the bot did not start polling within {timeout}s")
            await asyncio.sleep(0.05)

    async def wait_until_drained(self, *, timeout: float = 30.0) -> None:
        """Wait until no update is pending (all handed to the bot)."""
        deadline = time.monotonic() + timeout
        while (await self.state())["pending_updates"]:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"updates still pending after {timeout}s")
            await asyncio.sleep(0.02)

    # ------------------------------------------------------------ measuring
    async def round_trip(self, user: TgUser, text: str, *, replies: int = 1,
                         timeout: float = 30.0) -> tuple[float, list[BotMessage]]:
        """Seconds from sending ``text`` until ``replies`` bot messages arrived."""
        await self.mark_all_read(user.id)
        started = time.perf_counter()
        await self.send_text(user, text)
        found = await self.wait_for_messages(user.id, count=replies, timeout=timeout)
        return time.perf_counter() - started, found


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0.95 = p95)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


async def measure_round_trips(client: EmulatorClient, user: TgUser,
                              texts: Sequence[str], *, replies: int = 1,
                              timeout: float = 30.0) -> JSONDict:
    """Round trips of ``texts`` one after another: median, p95 and all samples (s)."""
    samples = []
    for text in texts:
        seconds, _ = await client.round_trip(user, text, replies=replies, timeout=timeout)
        samples.append(seconds)
    return {"n": len(samples), "median": statistics.median(samples),
            "p95": percentile(samples, 0.95), "samples": samples}


async def measure_drain(client: EmulatorClient, users: Sequence[TgUser], per_user: int, *,
                        replies_per_update: int = 1, timeout: float = 120.0) -> JSONDict:
    """Queue ``per_user`` texts for each user at once; time until every reply arrived.
    Returns updates, seconds and updates_per_second."""
    for user in users:
        await client.mark_all_read(user.id)
    batch = [(user, f"drain {index}") for index in range(per_user) for user in users]
    started = time.perf_counter()
    await client.send_texts(batch)
    await asyncio.gather(*(client.wait_for_messages(user.id, per_user * replies_per_update,
                                                    timeout=timeout) for user in users))
    seconds = time.perf_counter() - started
    return {"updates": len(batch), "seconds": seconds,
            "updates_per_second": len(batch) / seconds}
