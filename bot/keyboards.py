"""Inline keyboards; every button's data is signed for the athlete who may press it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_data import CallbackSigner
from coach.checkin import MISSED_REASONS
from coach.substitution import SwapOption

CHECKIN_BUTTONS = (
    ("✅ Done", "done"),
    ("❌ Missed", "missed"),
    ("🔁 Swapped", "swapped"),
    ("🤕 Pain", "pain"),
)


def swap_options(
    signer: CallbackSigner, user_id: int, substitution_id: int, options: Sequence[SwapOption]
) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                f"{index}. {option.name} · {option.minutes} min",
                callback_data=signer.pack(user_id, "swap", substitution_id, index),
            )
        ]
        for index, option in enumerate(options, 1)
    ]
    rows.append(
        [
            InlineKeyboardButton(
                "😌 Skip today", callback_data=signer.pack(user_id, "swap", substitution_id, "skip")
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def checkin(signer: CallbackSigner, user_id: int, day: date) -> InlineKeyboardMarkup:
    stamp = day.isoformat()
    buttons = [
        InlineKeyboardButton(label, callback_data=signer.pack(user_id, "ci", stamp, status))
        for label, status in CHECKIN_BUTTONS
    ]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


def missed_reasons(signer: CallbackSigner, user_id: int, day: date) -> InlineKeyboardMarkup:
    stamp = day.isoformat()
    buttons = [
        InlineKeyboardButton(label, callback_data=signer.pack(user_id, "cr", stamp, code))
        for code, (label, _) in MISSED_REASONS.items()
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def confirm_forget(signer: CallbackSigner, user_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Yes, erase everything", callback_data=signer.pack(user_id, "forget", "yes")
                ),
                InlineKeyboardButton(
                    "No, keep it", callback_data=signer.pack(user_id, "forget", "no")
                ),
            ]
        ]
    )


def onboarding(
    signer: CallbackSigner, user_id: int, choices: Sequence[tuple[str, str]] = ()
) -> InlineKeyboardMarkup:
    """Choice buttons for an onboarding step, and always a Skip."""
    rows = [
        [InlineKeyboardButton(label, callback_data=signer.pack(user_id, "onb", value))]
        for label, value in choices
    ]
    rows.append([InlineKeyboardButton("Skip ⏭", callback_data=signer.pack(user_id, "onb", "skip"))])
    return InlineKeyboardMarkup(rows)
