"""What a use case answers: reply models that know nothing of Telegram.

A handler (or the terminal chat) renders them: text is plain (the renderer escapes it),
and a :class:`Button` names an action and its arguments, which the bot layer signs for the
one athlete who may press it (``bot/callback_data.py``) and routes back to a use case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: ``action`` selects the handler, ``args`` are its fields."""

    label: str
    action: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a reply: a document (``/export``) or a photo (``/week``)."""

    kind: Literal["document", "photo"]
    filename: str
    data: bytes
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to the athlete: plain text, optional button rows, optional file.

    ``schedule_changed`` tells the bot layer that the athlete's check-in schedule changed
    (their wake-up job must be rebuilt); ``toast`` is the short text shown on a button
    press (``answerCallbackQuery``), ``alert`` shows it as a dialog.
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    attachment: Attachment | None = None
    schedule_changed: bool = False
    toast: str | None = None
    alert: bool = False
    remove_buttons: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def button_rows(buttons: Sequence[Button], *, per_row: int = 1) -> tuple[tuple[Button, ...], ...]:
    """Lay ``buttons`` out ``per_row`` to a row."""
    if per_row < 1:
        raise ValueError("per_row must be at least 1")
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
