"""Session lengths in words and loose forms: every tens word, hours with minutes in words,
"ish" between number and unit, "hour n half". Phrasings written for these tests, not taken
from any evaluation set."""

from __future__ import annotations

import pytest

from coach.language import read_duration


@pytest.mark.parametrize(("text", "minutes"), [
    ("seventy minutes steady", 70),
    ("eighty five mins on the trails", 85),
    ("one hour twenty on the bike", 80),
    ("three hours five minutes, slow", 185),
    ("an hour fifteen", 75),
    ("50ish mins", 50),
    ("hour n half long run", 90),
    ("an hour & a half", 90),
    ("hour-ish jog", 60),
])
def test_lengths_in_words_and_loose_forms(text: str, minutes: int) -> None:
    assert read_duration(text) == minutes
