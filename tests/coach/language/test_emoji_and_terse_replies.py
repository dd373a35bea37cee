"""Emoji in place of words (a hurt face for pain, a thumbs-up after a session for done) and
very terse replies ("nah yeah", "next"). Phrasings written for these tests, not taken
from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_answer, read_message, read_pain

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("rest", 0), 1: ("easy", 40), 2: ("tempo", 45), 3: ("easy", 35), 4: ("rest", 0),
        5: ("long", 100), 6: ("recovery", 25)}


@pytest.mark.parametrize(("text", "site"), [
    ("ankle 🤕 since sunday", "ankle"), ("🩹 left shin", "left shin")])
def test_a_hurt_emoji_beside_a_part_is_pain(text: str, site: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.sites == (site,)


@pytest.mark.parametrize("text", ["tempo 💪", "easy 40 mins 👍", "recovery jog 🙌"])
def test_a_thumbs_up_after_a_session_is_done(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "done"


def test_a_thumbs_up_alone_is_no_run_report() -> None:
    assert read_message("👍", today=TODAY, plan=PLAN).intent != "done"


@pytest.mark.parametrize(("text", "answer"), [
    ("nah yeah", "yes"), ("nah, yep", "yes"), ("yeah nah", "no"),
    ("next", "skip"), ("move on pls", "skip"), ("ok next one", "yes"),
])
def test_terse_answers(text: str, answer: str) -> None:
    assert read_answer(text) == answer


def test_a_plaster_emoji_alone_names_no_part() -> None:
    assert read_pain("🩹").sites == ()
