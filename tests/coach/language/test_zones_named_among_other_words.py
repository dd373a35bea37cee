"""A time zone named among other words after a cue ("timezone is us eastern now", "we're
in perth till march, change my time zone") is read when the message talks of time zones;
a place named in passing without such talk changes no zone. Phrasings written for these
tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)


@pytest.mark.parametrize(("text", "zone"), [
    ("my timezone is basically eastern these days", "America/New_York"),
    ("timezone should be mountain from now on", "America/Denver"),
    ("we're in perth till march, could you change my time zone", "Australia/Perth"),
    ("we are in tokyo for a month, clock needs updating", "Asia/Tokyo"),
])
def test_a_zone_among_other_words_is_read(text: str, zone: str) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("timezone") == zone


@pytest.mark.parametrize("text", [
    "we're in a hotel near denver for the tournament",
    "i'm in a hotel in boston this week",
])
def test_a_place_named_in_passing_changes_no_zone(text: str) -> None:
    assert "timezone" not in read_message(text, today=TODAY).update
