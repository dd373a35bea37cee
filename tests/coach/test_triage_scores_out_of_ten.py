"""A low score written "N outta 10" or "N out of 10" is that score, not a 10 (the severe
pain rule must not read the scale's top as the score)."""

from __future__ import annotations

import pytest

from coach.triage import triage


@pytest.mark.parametrize("text", [
    "skipped my tempo bc my right shin was sore, 3 outta 10",
    "knee sore, 2 out of 10",
    "hip aching about 4 outta 10 today",
])
def test_a_low_score_out_of_ten_is_no_severe_pain(text: str) -> None:
    assert "severe_pain" not in [flag.id for flag in triage(text).flags]


@pytest.mark.parametrize("text", ["shin sore, 9 outta 10", "knee pain 10 out of 10"])
def test_a_high_score_out_of_ten_still_is(text: str) -> None:
    assert "severe_pain" in [flag.id for flag in triage(text).flags]
