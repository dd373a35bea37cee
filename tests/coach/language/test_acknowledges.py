"""An acknowledgment asks and tells nothing ("ok", "nope", "cool 👍"); anything more is
read as what it says."""

from __future__ import annotations

import pytest

from coach.language import acknowledges


@pytest.mark.parametrize("text", ["ok", "okie 👍", "nope", "nah all good", "yep will do",
                                  "sounds good!", "k", "alright then", "fair enough lol"])
def test_an_acknowledgment_is_one(text: str) -> None:
    assert acknowledges(text), text


@pytest.mark.parametrize("text", ["ok?", "ankle", "2/10 its fine", "ok but my knee hurts",
                                  "nope, missed it", "what should i do", "ok swimming then",
                                  "no run today"])
def test_a_message_saying_more_is_no_acknowledgment(text: str) -> None:
    assert not acknowledges(text), text
