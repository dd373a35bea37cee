"""A check-in answer that gives an amount of nothing run ("zero minutes", "0k", "nil
miles") says the run was missed. Phrasings written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_checkin_answer

TODAY = date(2027, 1, 13)


@pytest.mark.parametrize("text", [
    "meetings all day, 0 mins",
    "ran 0k, the storm was wild",
    "nil miles today 😴",
    "did zero running, flight delayed",
])
def test_nothing_run_is_missed(text: str) -> None:
    assert read_checkin_answer(text, today=TODAY) == "missed"


@pytest.mark.parametrize("text", ["did 10 mins then stopped, 30 min walk after", "ran 20k"])
def test_an_amount_run_is_no_miss(text: str) -> None:
    assert read_checkin_answer(text, today=TODAY) != "missed"
