"""Which question about their own training an athlete asks (``coach.language.questions``)."""

from __future__ import annotations

import pytest

from coach.language.questions import mentions_high_impact, names_session_kind, read_own_question


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can I make up the tempo tomorrow?", "make_up"),
        ("should I redo it?", "make_up"),
        ("how long is my long run?", "long_run_length"),
        ("what's on tomorrow?", "tomorrow"),
        ("what do I run tmrw", "tomorrow"),
        ("what's my plan tomorrow?", "tomorrow"),
        ("what's my session today?", "today"),
        ("what's on this week?", "week"),
        ("show me my plan?", "week"),
        ("how many runs a week do I do?", "days_per_week"),
        ("what was I meant to run on tuesday?", "day"),
        ("what's on this weekend?", "day"),
        ("how do I fuel a marathon?", None),
        ("my plan is great", None),  # no question
        ("can I swim instead of running?", None),
    ],
)
def test_own_questions(text: str, expected: str | None) -> None:
    assert read_own_question(text) == expected


def test_should_i_asks_whether_an_activity_suits_only_when_one_is_named() -> None:
    assert read_own_question("should I do yoga?", names_activity=True) == "suits"
    assert read_own_question("should I do yoga?") is None
    assert read_own_question("should I swim tomorrow?", names_activity=True) is None


def test_high_impact_and_session_words() -> None:
    assert mentions_high_impact("are box jumps ok?")
    assert not mentions_high_impact("is swimming ok?")
    assert names_session_kind("the tempo")
    assert not names_session_kind("yesterday")


def test_the_day_asked_about_lies_back_in_the_past_tense() -> None:
    from datetime import date

    from coach.language.questions import asked_day

    thursday = date(2026, 11, 26)
    assert asked_day("what was I meant to run on tuesday?", today=thursday) == date(2026, 11, 24)
    assert asked_day("what's on tuesday?", today=thursday) == date(2026, 12, 1)
