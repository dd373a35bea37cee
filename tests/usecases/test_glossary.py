"""The coach's own words (zone 2, tempo, RPE...) defined by the bot, not the articles."""

from __future__ import annotations

import pytest

from coach.language.lexicon import entry
from tests.usecases import support
from tests.usecases.support import World, say
from usecases import glossary

world = support.world  # the fixture



@pytest.mark.parametrize(("text", "start"), [
    ("what is zone 2?", "Zone 2 is easy, conversational effort"),
    ("whats a tempo run", "A tempo run is steady, comfortably hard running"),
    ("what does RPE mean", "RPE is how hard a session feels"),
    ("sorry whats threshold", "Threshold is the hardest effort"),
])
def test_the_coachs_words_are_defined_in_a_line(world: World, text: str, start: str) -> None:
    bea = world.athlete()
    reply = say(world, bea, text)
    assert reply.text.startswith(start) and len(reply.text) < 300
    assert world.answerer.asked == []


@pytest.mark.parametrize("text", ["what's on saturday?", "what is my long run this week",
                                  "what is cross-training?", "what is my long run?"])
def test_questions_about_the_plan_or_the_articles_are_no_definitions(text: str) -> None:
    assert glossary.define(text) is None


def test_every_term_has_a_definition() -> None:
    for key in entry("questions", "definition_terms"):
        assert glossary.t(f"glossary.{key}")


@pytest.mark.parametrize(("text", "start"), [
    # Found playing a runner: "what counts as a tempo anyway" got "the articles don't
    # cover that".
    ("what counts as a tempo anyway", "A tempo run is"),
    ("what do you mean by zone 2?", "Zone 2 is"),
    ("remind me what a tempo run is", "A tempo run is"),
    ("what even is threshold lol", "Threshold is"),
    ("what exactly is rpe", "RPE is"),
])
def test_a_definition_asked_in_other_words_is_given(text: str, start: str) -> None:
    assert (glossary.define(text) or "").startswith(start)
