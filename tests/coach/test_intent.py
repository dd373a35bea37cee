"""What the free-text helpers still decide outside the language reader: follow-up
questions and whether a text is about the body (stored only with consent)."""

from __future__ import annotations

import pytest

from coach.intent import is_follow_up, is_health_related, with_previous_question

# ---------------------------------------------------------------- follow-ups


@pytest.mark.parametrize(
    "text",
    [
        "what about swimming?",
        "And cycling?",
        "how about rowing",
        "or the elliptical?",
        "also for hills?",
        "what if it rains?",
        "and what about deep water running?",
        "then what?",
    ],
)
def test_follow_ups(text: str) -> None:
    assert is_follow_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "Is swimming good for runners?",
        "android or iphone app",  # "or" only as a whole word
        "whatever",
        "and then after that I want to know everything about cycling for runners",  # long
        "",
    ],
)
def test_not_follow_ups(text: str) -> None:
    assert not is_follow_up(text)


def test_with_previous_question_prefixes_a_follow_up() -> None:
    assert (
        with_previous_question("what about swimming?", "Is cycling good for runners?")
        == "Is cycling good for runners? what about swimming?"
    )


def test_with_previous_question_leaves_a_full_question_alone() -> None:
    question = "How long should a bike session be?"
    assert with_previous_question(question, "Is cycling good?") == question


def test_with_previous_question_without_history() -> None:
    assert with_previous_question("what about swimming?", None) == "what about swimming?"
    assert with_previous_question("what about swimming?", "") == "what about swimming?"


# ---------------------------------------------------------------- is_health_related


@pytest.mark.parametrize(
    "text",
    [
        "knee hurts",
        "sore calves",
        "I have a bad cold",
        "caught a cold",
        "flu",
        "feeling sick",
        "tight hamstring",
        "rolled my ankle",
        "felt dizzy",  # via triage
        "chest pain",
        "legs are sore, mild pain 3/10",
        "migraine",
        "stomach bug",
        "shin splints",
        "my achilles",
        "left calf, 4",
        "hip, 3 out of 10",
    ],
)
def test_health_related(text: str) -> None:
    assert is_health_related(text)


@pytest.mark.parametrize(
    "text",
    [
        "no time",
        "too cold to run",
        "a cold morning",
        "cold weather outside",
        "bad weather, storm outside",
        "travelling, in a hotel",
        "want something fun",
        "the trails are closed",
    ],
)
def test_not_health_related(text: str) -> None:
    assert not is_health_related(text)
