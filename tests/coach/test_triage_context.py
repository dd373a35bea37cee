"""Who a message is about and whether it is over: someone else's illness and history that
is over and done do not refer; the athlete's own flag, or one that is back, still does."""

from __future__ import annotations

import pytest

from coach.red_flags import load_red_flags
from coach.triage import about_now, deterministic_triage, semantic_units, triage

# Phrasings written for these tests (never taken from the evaluation sets).
NOT_THE_ATHLETE_NOW = [
    "my son's got a fever so I'm stuck at home, can I do a treadmill session?",
    "wife has the flu with a high temperature, I'll run later if I can",
    "our toddler was vomiting all night, no sleep, skip intervals?",
    "my mate fainted at a 10k about five years ago, is that common?",
    "broke my foot years ago, fully healed, no problems since",
    "had a concussion as a teenager playing hockey",
    "my brother is sick with covid. he has a fever too.",
    "fainted once in 2015 giving blood, never again",
]

STILL_THE_ATHLETE = [
    "my kid has a fever and now I have a fever and chills too",
    "my daughter is ill, and I've been feverish with body aches since yesterday",
    "I fainted years ago and it happened again on today's run",
    "my stress fracture hasn't healed and it hurts to walk",
    "my training partner collapsed in the heat and is confused",
    "stress fracture in 2021, and now the same spot on my shin hurts again when I hop",
]


@pytest.mark.parametrize("text", NOT_THE_ATHLETE_NOW)
def test_someone_elses_illness_and_history_that_is_over_do_not_refer(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)


@pytest.mark.parametrize("text", STILL_THE_ATHLETE)
def test_the_athletes_own_flag_or_one_that_is_back_still_refers(text: str) -> None:
    assert deterministic_triage(text).refer or triage(text).refer, text


def test_about_now_keeps_the_athletes_clause_and_drops_the_childs_illness() -> None:
    context = load_red_flags().context
    kept = about_now("my kid has a fever, and my chest hurts when I run", context)
    assert "fever" not in kept
    assert "my chest hurts when i run" in kept.lower()


def test_a_clause_without_a_subject_belongs_to_the_one_before() -> None:
    context = load_red_flags().context
    assert "fever" not in about_now("my husband is poorly and has a fever", context)
    assert "fever" in about_now("i am poorly and have a fever", context)


def test_without_context_patterns_nothing_is_dropped() -> None:
    text = "my kid has a fever"
    assert about_now(text, None) == text


@pytest.mark.parametrize("text", [
    "kept going but then, out of nowhere, I had crushing chest pain on the climb",
    "great week, new shoes arrived, also my calf is swollen, red and hot after the flight, "
    "and the club social was fun",
    "long run done in the sun but i got confused and stopped sweating, anyway how's the plan",
])
def test_a_flag_in_the_middle_of_other_news_is_still_caught(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize(("text", "kept"), [
    ("no period for five months now", "period"),
    ("my reliever is not working at all", "working"),
    ("my friend says i'm not making sense", "making sense"),
    ("no feeling in my left foot since the run", "feeling"),
])
def test_a_negation_that_is_the_symptom_reaches_the_semantic_net(text: str, kept: str) -> None:
    assert any(kept in unit for unit in semantic_units(text)), semantic_units(text)


def test_a_denied_symptom_does_not_reach_the_semantic_net() -> None:
    units = semantic_units("no fever or chest pain, just a runny nose")
    assert not any("fever" in unit or "chest" in unit for unit in units), units
