"""News of a race ("first half marathon march 14") carries no red flag, however close it
sits to a learnt example that was said beside one ("finished my first marathon", then the
symptom); a blood-pressure reading told by its short name ("bp was 192/114") is one."""

from __future__ import annotations

import pytest

from coach.triage import triage


@pytest.mark.parametrize("text", [
    "first half marathon!! march 14 💪 hoping sub 2 but idk",
    "my first half marathon",
    "finished my first marathon yesterday, so happy",
    "signed up for my first full marathon in may",
])
def test_race_news_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "bp was 192/114 on the pharmacy machine yday, ok to keep doing tempo?",
    "my reading was like 185/105 at the gp, they want to recheck",
    "pressure 170/100 at the chemist this morning",
])
def test_a_high_blood_pressure_reading_is_referred(text: str) -> None:
    assert triage(text).refer, text


def test_a_normal_reading_is_not_referred() -> None:
    assert not triage("bp 118/76 at my checkup, all good").refer
