"""Inline keyboards; every button's data is signed for the athlete who may press it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_data import CallbackSigner
from bot.replies import markup_for
from usecases.checkins import checkin_buttons
from usecases.replies import Reply


def checkin(signer: CallbackSigner, user_id: int, day: date) -> InlineKeyboardMarkup:
    """The check-in buttons for ``day`` (the same ones ``/checkin now`` sends)."""
    markup = markup_for(Reply(text="", buttons=checkin_buttons(day)), signer, user_id)
    assert markup is not None
    return markup


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
