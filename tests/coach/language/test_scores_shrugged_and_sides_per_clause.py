"""A pain score offered with a shrug, alone in its clause ("no clue how to score it,
4?"), is the score; and a side said in an injury's own clause is its side, however near
another clause's side stands ("achilles on the left, right hamstring tight"), while a part
said on both sides takes no one side."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message, read_pain

TODAY = date(2027, 2, 4)


@pytest.mark.parametrize(("text", "score"), [
    ("left heel sore first thing, no clue how to score it, 4?", 4),
    ("calf is tight. 3?? maybe", 3),
    ("hip flexor niggle - 6? it's hard to rate", 6),
    ("glute sore. 2? 3? no idea", 3),
])
def test_a_shrugged_score_is_the_score(text: str, score: int) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.score == score


def test_a_question_with_a_number_is_no_score() -> None:
    assert read_pain("how long is sunday? 90?").score is None


@pytest.mark.parametrize(("text", "sites"), [
    ("achilles on the left, right hamstring tight", {"left achilles", "right hamstring"}),
    ("hamstring on the right + achilles left", {"right hamstring", "left achilles"}),
    ("sore hip (right) and tight calf on the left", {"right hip", "left calf"}),
    ("shin splints both legs, and a cranky left knee", {"shin splints", "left knee"}),
    ("left knee and ankle", {"left knee", "left ankle"}),
])
def test_a_side_belongs_to_its_own_clause(text: str, sites: set[str]) -> None:
    assert set(read_pain(text).sites) == sites
