"""The answer composer and Answerer, with a fake retriever and langchain's fake chat models."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    FakeListChatModelError,
)

from coach.answers import (
    MAX_ANSWER_CHARS,
    Answer,
    Answerer,
    Passage,
    Retrieval,
    ScoredSentence,
    Source,
    compose_extractive,
)
from coach.context import AthleteContext

TITLE = "Cross-Training for Runners"
INJURY_SENTENCES = [
    ("Running is a high-impact sport, and repetitive motion can lead to overuse injuries.", 0.40),
    ("Cross-training allows you to stay active without putting additional stress on the same "
     "muscles and joints.", 0.30),
    ("It’s also a great way to train around injuries while your body heals.", 0.32),
    ("Personal Story: After I broke my tailbone, downhill running was painful.", 0.45),
    ("Instead of giving up, I turned to flat running, stairs and strength training.", 0.28),
    ("These activities kept me strong and helped me ease back into running.", 0.20),
]
SPEED_SENTENCES = [
    ("Plyometric exercises build explosive power, making your strides quicker.", 0.25),
    ("We added jump squats and bounding drills.", 0.2),
]


def _passage(section: str, sentences: list[tuple[str, float]], score: float) -> Passage:
    return Passage(
        chunk_id=section, article=TITLE, section=section,
        text="\n".join(text for text, _ in sentences), score=score,
        sentences=tuple(ScoredSentence(text, sim, i) for i, (text, sim) in enumerate(sentences)),
    )


INJURIES = _passage("Why It Works > 1. Reduce Injuries", INJURY_SENTENCES, 1.0)
SPEED = _passage("Why It Works > 4. Speed", SPEED_SENTENCES, 0.9)


class FakeRetriever:
    def __init__(self, *, covered: bool = True) -> None:
        self.covered = covered
        self.questions: list[str] = []

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        self.questions.append(question)
        return Retrieval(passages=[INJURIES, SPEED][:limit], covered=self.covered)

    def topics(self) -> list[str]:
        return ["Reduce Injuries", "Speed"]


class RaisingChatModel(FakeListChatModel):
    """A chat model whose every call fails, like a server that is down."""

    def _call(self, *args: Any, **kwargs: Any) -> str:
        raise FakeListChatModelError


class SlowChatModel(FakeListChatModel):
    async def ainvoke(self, *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(5)
        return await super().ainvoke(*args, **kwargs)

    def invoke(self, *args: Any, **kwargs: Any) -> Any:
        import time

        time.sleep(2)
        return super().invoke(*args, **kwargs)


QUESTION = "My knee hurts after long runs, what can I do instead?"


def test_json_contract_is_exactly_answer_covered_sources() -> None:
    answer = Answer("Text", True, [Source("A", "B > C", 0.5)])
    assert answer.to_json() == {
        "answer": "Text", "covered": True,
        "sources": [{"article": "A", "section": "B > C", "score": 0.5}]}
    assert json.loads(answer.to_json_line()) == answer.to_json()


def test_extractive_answer_is_a_few_sentences_with_the_source_last() -> None:
    answer = compose_extractive(QUESTION, Retrieval([INJURIES, SPEED], covered=True))
    assert answer.covered
    body, source = answer.text.rsplit("\n\n", 1)
    assert source == f"Source: {TITLE} — Why It Works > 1. Reduce Injuries"
    # Not a chunk dump: some sentences, not all of them.
    assert 1 <= sum(text[:30] in body for text, _ in INJURY_SENTENCES) < len(INJURY_SENTENCES)
    assert len(body) <= MAX_ANSWER_CHARS + 60
    # The story's set-up comes with what happened next, and reads as the coach's.
    assert "broke my tailbone" in body and "Instead of giving up" in body
    assert "Personal Story:" not in body and "coach's experience" in body
    # The speed passage is far less relevant than the quoted one: not a source.
    assert [s.section for s in answer.sources] == [INJURIES.section]


PLAN = _passage("How to Fit It In", [
    ("For endurance, try cycling or swimming.", 0.42),
    ("Make It Fun - My family and I love mountain biking, water skiing and hiking.", 0.10),
    ("Schedule It Strategically - Use cross-training during injury rehab.", 0.36),
    ("Stay Consistent - Like running, the key to cross-training is consistency.", 0.05),
    ("For strength, focus on bodyweight exercises or climbing machines at home.", 0.30),
], 1.0)


def test_the_athlete_context_shapes_the_answer() -> None:
    question = "What else can I do?"
    plain = compose_extractive(question, Retrieval([PLAN], covered=True))
    assert "cycling or swimming" in plain.text and "injury rehab" not in plain.text
    injured = compose_extractive(question, Retrieval([PLAN], covered=True),
                                 athlete=AthleteContext(injuries=("knee",)))
    assert injured.text.startswith("With your knee in mind")
    assert "injury rehab" in injured.text
    at_home = compose_extractive(question, Retrieval([PLAN], covered=True),
                                 athlete=AthleteContext(equipment=("home",), goal="strength"))
    assert "bodyweight exercises" in at_home.text


def test_out_of_scope_says_so_and_lists_what_is_covered() -> None:
    answer = compose_extractive("What should I eat?", Retrieval([INJURIES], covered=False),
                                topics=["Reduce Injuries", "Speed"])
    assert not answer.covered
    assert answer.sources == []
    assert "don't cover" in answer.text
    assert "• Reduce Injuries" in answer.text and "• Speed" in answer.text


@pytest.mark.parametrize("question, expected", [
    ("", "Please ask me a question"),
    ("   \n ", "Please ask me a question"),
    ("🏃‍♀️🔥💪", "couldn't find any words"),
    ("¿Cómo puedo entrenar si me duele la rodilla?", "only answer in English"),
    ("Comment puis-je courir avec une douleur au genou ?", "only answer in English"),
    ("Как мне тренироваться, если болит колено?", "only answer in English"),
])
def test_bad_questions_get_a_clear_answer(question: str, expected: str) -> None:
    retriever = FakeRetriever()
    answer = Answerer(retriever).answer(question)
    assert expected in answer.text
    assert not answer.covered and answer.sources == []
    assert retriever.questions == []


def test_a_huge_question_is_clipped_not_refused() -> None:
    retriever = FakeRetriever()
    answer = Answerer(retriever).answer("knee pain " * 2000)
    assert answer.covered
    assert len(retriever.questions[0]) <= 2000


def test_a_grounded_llm_answer_cites_real_passages_only() -> None:
    model = FakeListChatModel(responses=["Stay active without the pounding [1], for example "
                                         "flat running and stairs [1] [7]."])
    answer = Answerer(FakeRetriever(), chat_model=model).answer(QUESTION)
    assert answer.covered
    assert "[1]" not in answer.text and "[7]" not in answer.text
    assert answer.text.endswith(f"Source: {TITLE} — Why It Works > 1. Reduce Injuries")


async def test_async_llm_answer() -> None:
    model = FakeListChatModel(responses=["Try flat zone 2 running [2]."])
    answer = await Answerer(FakeRetriever(), chat_model=model).aanswer(QUESTION)
    assert answer.text.startswith("Try flat zone 2 running")
    assert answer.text.endswith("Why It Works > 4. Speed")


def test_a_failing_llm_falls_back_to_the_extractive_answer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    expected = Answerer(FakeRetriever()).answer(QUESTION)
    with caplog.at_level(logging.WARNING):
        failing = RaisingChatModel(responses=[])
        answer = Answerer(FakeRetriever(), chat_model=failing).answer(QUESTION)
    assert answer.text == expected.text
    assert "chat model failed" in caplog.text


async def test_a_failing_llm_falls_back_in_async_too(caplog: pytest.LogCaptureFixture) -> None:
    expected = Answerer(FakeRetriever()).answer(QUESTION)
    with caplog.at_level(logging.WARNING):
        answer = await Answerer(
            FakeRetriever(), chat_model=RaisingChatModel(responses=[])).aanswer(QUESTION)
    assert answer.text == expected.text
    assert "chat model failed" in caplog.text


async def test_a_slow_llm_times_out_to_the_extractive_answer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    expected = Answerer(FakeRetriever()).answer(QUESTION)
    answerer = Answerer(FakeRetriever(), chat_model=SlowChatModel(responses=["late"]),
                        llm_timeout_seconds=0.2)
    with caplog.at_level(logging.WARNING):
        assert (await answerer.aanswer(QUESTION)).text == expected.text
        assert answerer.answer(QUESTION).text == expected.text
    assert caplog.text.count("took over") == 2
    answerer.close()


def test_no_llm_call_when_the_question_is_not_covered() -> None:
    model = RaisingChatModel(responses=[])
    answer = Answerer(FakeRetriever(covered=False), chat_model=model).answer("Pizza?")
    assert not answer.covered
    assert "don't cover" in answer.text
