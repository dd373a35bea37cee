"""Red flags missed in two or more left-out folds of the CV bench (flags21), as classes in
words of our own: a fast heartbeat that starts or stops all at once, a lasting heart
condition or treatment told as long ago, and a negative test followed by the fever the
athlete goes on to describe."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage

# Phrasings written for these tests (never taken from the evaluation sets).
SUDDEN_HEARTBEAT = [
    "my heart kicks into overdrive out of nowhere and then stops abruptly, like flicking a switch",
    "sitting at my desk my pulse went to 190 then dropped back down instantly",
    "heart starts pounding on easy runs, then cuts out all at once and i feel normal",
    "my heart began galloping while i was watching tv, no idea why",
]
LASTING_HEART = [
    "got a pacemaker fitted back in 2015, feel great, want to do a half",
    "had a bypass a few years ago, walking 5k a day now, can you build me a running plan",
    "two stents put in back in 2019, been jogging since, fancy a 10k",
]
NEGATIVE_TEST_BUT_FEVER = [
    "covid test came back negative but i'm feverish and shivery",
    "rapid test clear but feverish and achy all over",
    "strep test was negative but i've got a fever and chills",
]


@pytest.mark.parametrize("text", SUDDEN_HEARTBEAT)
def test_a_heartbeat_that_starts_or_stops_all_at_once_refers(text: str) -> None:
    assert "palpitations" in deterministic_triage(text).flag_ids, text


@pytest.mark.parametrize("text", LASTING_HEART)
def test_a_lasting_heart_condition_is_never_history(text: str) -> None:
    assert "heart_condition" in deterministic_triage(text).flag_ids, text


@pytest.mark.parametrize("text", NEGATIVE_TEST_BUT_FEVER)
def test_a_negative_test_does_not_clear_the_fever_after_it(text: str) -> None:
    assert "fever_systemic" in deterministic_triage(text).flag_ids, text


@pytest.mark.parametrize("text", [
    "my dad had a stent put in years ago, he's fine, i just want a 10k plan",
    "bypassed the big hill on my long run",
    "heart rate drops back to 100 within a minute after the sprint",
    "flu test negative, just a head cold and a runny nose",
])
def test_look_alikes_still_do_not_refer(text: str) -> None:
    assert not deterministic_triage(text).refer, text
