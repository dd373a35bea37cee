"""Yes and no typed fast or by learners of English ("okey", "ja", "nein"), and a rest
day given in answer to "did you run today?" (a no, not something else done)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_answer, read_checkin_answer

TODAY = date(2027, 10, 4)


@pytest.mark.parametrize("text", ["okey", "oki!", "ja, sure", "oui"])
def test_a_learners_yes(text: str) -> None:
    assert read_answer(text) == "yes"


@pytest.mark.parametrize("text", ["nein", "nop."])
def test_a_learners_no(text: str) -> None:
    assert read_answer(text) == "no"


@pytest.mark.parametrize("text", ["had a day off, felt flat", "sofa day 😴",
                                  "rested instead, tomorrow maybe"])
def test_a_rest_taken_is_a_run_missed(text: str) -> None:
    assert read_checkin_answer(text, today=TODAY) == "missed"


def test_something_else_done_is_still_swapped() -> None:
    assert read_checkin_answer("rode the turbo instead", today=TODAY) == "swapped"
