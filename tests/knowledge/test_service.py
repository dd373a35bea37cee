"""build_answerer end to end with the real model and index; the LLM from settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from coach.answers import Answerer
from coach.context import AthleteContext
from config.settings import Settings
from knowledge.service import LLMConfigurationError, build_answerer, make_chat_model
from tests.knowledge.conftest import write_article


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    """One answerer over the shipped article, as the bot builds it, for the tests that only
    ask it questions: each build embeds every article (~5 s of CPU)."""
    data_dir = tmp_path_factory.mktemp("shipped") / "data"
    answerer = build_answerer(Settings(_env_file=None, data_dir=data_dir))  # type: ignore[call-arg]
    yield answerer


async def test_the_bot_path_answers_from_the_shipped_article(shipped: Answerer) -> None:
    answerer = shipped
    answer = await answerer.aanswer("Wildfires closed my local trails, how do I keep training?",
                                    athlete=AthleteContext(goal="29029 Everest challenge"))
    assert answer.covered
    assert "step-up drills" in answer.text
    assert answer.text.splitlines()[-1].startswith(
        "Source: The Benefits of Cross-Training for Runners")
    assert answer.sources[0].section.endswith("3. Adapt to Life’s Challenges")
    refused = await answerer.aanswer("How do I reset my bank password?")
    assert not refused.covered and "don't cover" in refused.text


async def test_an_injured_athlete_is_cautioned_on_high_impact_advice(
    shipped: Answerer,
) -> None:
    answerer = shipped
    question = "How do I get faster between races? Do jump squats help?"
    healthy = await answerer.aanswer(question)
    hurt = await answerer.aanswer(question, athlete=AthleteContext(injuries=("achilles",)))
    assert healthy.covered and hurt.covered
    assert "jump squats" in hurt.text.lower()
    assert "With your achilles, go easy on the high-impact parts" in hurt.text
    assert "go easy" not in healthy.text
    assert len(hurt.text) <= 600 and hurt.text.count("Source:") == 1
    # Low-impact advice gets no caution.
    calm = await answerer.aanswer("How regularly should I cross-train?",
                                  athlete=AthleteContext(injuries=("achilles",)))
    assert "go easy" not in calm.text


async def test_a_race_question_is_never_answered_with_an_offer(shipped: Answerer) -> None:
    answerer = shipped
    answer = await answerer.aanswer("Is this the year I really level up for my big race?")
    lead = answer.text.split("\n\n", 1)[0].lower()
    assert "assessment" not in lead and answer.offer is None
    booked = await answerer.aanswer("How do I book a running assessment?")
    assert booked.covered and "running assessment" in booked.text.lower()


def test_start_refreshes_a_stale_index(settings: Settings, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    write_article(articles)
    stale = settings.model_copy(update={"articles_dir": articles})
    first = build_answerer(stale)
    assert len(first.retriever.topics()) == 2  # type: ignore[attr-defined]
    write_article(articles, "stairs.md", "---\ntitle: Stairs\n---\n\n# Stairs\n\n"
                  "## Why stairs\n\nStairs build climbing strength for hilly races.\n")
    second = build_answerer(stale)
    answer = second.answer("Do stairs help with climbing strength for hilly races?")
    assert answer.covered
    assert answer.sources[0].article == "Stairs"


def test_an_injected_chat_model_is_used(settings: Settings) -> None:
    model = FakeListChatModel(responses=["Plyometrics such as jump squats build power [1]."])
    answerer = build_answerer(settings, chat_model=model)
    answer = answerer.answer("Do jump squats and bounding make you faster?")
    assert answer.text.startswith("Plyometrics such as jump squats build power.")
    assert "Increase Speed and Power" in answer.text.splitlines()[-1]


def test_no_llm_by_default_and_an_openai_compatible_server_from_settings(
    settings: Settings,
) -> None:
    assert make_chat_model(settings) is None
    local = settings.model_copy(update={"llm": "llama3.1", "llm_base_url": "http://127.0.0.1:9/v1"})
    model = make_chat_model(local)
    assert type(model).__name__ == "ChatOpenAI"
    assert model.openai_api_base == "http://127.0.0.1:9/v1"  # type: ignore[union-attr]


def test_a_bad_llm_setting_fails_clearly(settings: Settings) -> None:
    bad = settings.model_copy(update={"llm": "nosuchprovider:model"})
    with pytest.raises(LLMConfigurationError, match="CROSSTRAIN_LLM"):
        make_chat_model(bad)


def test_bad_questions_get_a_clear_answer_from_the_real_stack(shipped: Answerer) -> None:
    answerer = shipped
    long_question = ("My knee hurts after long runs and I wonder what I can do instead. "
                     * 400)[:20_000]
    assert len(long_question) == 20_000
    long_answer = answerer.answer(long_question)
    assert long_answer.text and len(long_answer.text) < 1500
    for question, expected in [("", "Please ask"), ("🔥🔥🔥", "any words"),
                               ("¿Qué hago si me duele la rodilla al correr?", "English")]:
        answer = answerer.answer(question)
        assert expected in answer.text
        assert not answer.covered
