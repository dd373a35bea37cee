""""Nothing hurts", with the athlete's age or a shrug beside it, is no injury to note;
and a message that is only a body part and an emoji ("achilles 😩") reports pain there."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import is_none_answer, read_message

TODAY = date(2027, 2, 4)


@pytest.mark.parametrize("text", [
    "nothing hurts, I'm 45 and fit",
    "all good, nothing hurts",
    "im only 19, nothing sore lol",
    "nothing bothering me at 52 🤞",
])
def test_nothing_hurts_is_none(text: str) -> None:
    assert is_none_answer(text)


@pytest.mark.parametrize("text", ["I'm 60 and my left knee aches after long runs",
                                  "nothing hurts except the right calf"])
def test_a_part_that_hurts_beside_an_age_is_no_none(text: str) -> None:
    assert not is_none_answer(text)


@pytest.mark.parametrize(("text", "site"), [
    ("achilles 😩", "achilles"),
    ("left hamstring 😖😖", "left hamstring"),
    ("my shin again 🙄", "shin"),
    ("ankle?? 😬", "ankle"),
])
def test_a_part_alone_with_an_emoji_is_pain(text: str, site: str) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "pain"
    assert reading.pain is not None and site in reading.pain.sites


@pytest.mark.parametrize("text", ["long run 😭", "done 😭"])
def test_a_run_with_an_emoji_is_no_pain(text: str) -> None:
    assert read_message(text, today=TODAY).intent != "pain"
