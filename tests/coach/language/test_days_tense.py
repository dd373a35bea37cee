"""days.tense: which way a day named without "last" or "next" points."""

from __future__ import annotations

import pytest

from coach.language.days import tense


@pytest.mark.parametrize(("text", "ahead", "expected"), [
    ("skipped tuesday's run", False, "past"),
    ("what should i do instead of tuesday's run?", True, "future"),
    ("cant do thursday, travelling", False, "future"),
    ("saturday's long run is off", False, "nearest"),
    ("didnt do tuesday, what should i do?", True, "past"),  # the past tense wins
])
def test_tense_reads_the_past_the_future_and_neither(text: str, ahead: bool,
                                                     expected: str) -> None:
    assert tense(text, ahead=ahead) == expected


def test_tense_falls_back_to_what_the_caller_says() -> None:
    assert tense("tuesday's intervals", otherwise="past") == "past"
