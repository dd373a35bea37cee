"""Signed inline-button data: forged, foreign or malformed presses are recognised.

Telegram returns ``callback_data`` verbatim, so anybody can craft a press with any data.
Each button's data carries a short HMAC over its fields and the athlete's Telegram id;
a press whose signature does not match the presser is refused. Staleness (an option
already chosen, an old day's check-in) is checked against the database by the handler.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

MAX_CALLBACK_BYTES = 64
_SEPARATOR = ":"


class BadCallbackData(ValueError):
    """Button data that is malformed, too long, or not signed for this user."""


@dataclass(frozen=True, slots=True)
class Callback:
    action: str
    fields: tuple[str, ...]


class CallbackSigner:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @classmethod
    def from_token(cls, token: str) -> CallbackSigner:
        # Derived from the bot token, so buttons survive restarts without another secret.
        return cls(hashlib.sha256(b"crosstrain-callback:" + token.encode()).digest())

    def _signature(self, user_id: int, payload: str) -> str:
        digest = hmac.new(self._secret, f"{user_id}|{payload}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:6]).decode()

    def pack(self, user_id: int, action: str, *fields: str | int) -> str:
        parts = [action, *(str(field) for field in fields)]
        if not action:
            raise ValueError("callback action must not be empty")
        if any(_SEPARATOR in part for part in parts):
            raise ValueError("callback fields must not contain ':'")
        payload = _SEPARATOR.join(parts)
        data = f"{payload}{_SEPARATOR}{self._signature(user_id, payload)}"
        if len(data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
        return data

    def unpack(self, user_id: int, data: str | None) -> Callback:
        if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
            raise BadCallbackData("missing or oversized button data")
        payload, _, signature = data.rpartition(_SEPARATOR)
        # Compared as bytes: compare_digest refuses non-ASCII str, and forged data may hold any.
        expected = self._signature(user_id, payload).encode()
        if not payload or not hmac.compare_digest(signature.encode(), expected):
            raise BadCallbackData("button data not signed for this user")
        action, *fields = payload.split(_SEPARATOR)
        return Callback(action=action, fields=tuple(fields))
