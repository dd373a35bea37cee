"""The answer composer and Answerer, with a fake retriever and langchain's fake chat models."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    FakeListChatModelError,
)

from coach.answers import (
    CLEAR_LEAD_MARGIN,
    MAX_ANSWER_CHARS,
    Answer,
    Answerer,
    Passage,
    Retrieval,
    ScoredSentence,
    Source,
    _leaves_open,
    addresses_reader,
    asks_what_to_do,
    compose_extractive,
    named_activity,
)
from coach.catalogue import load_catalogue
from coach.context import AthleteContext

TITLE = "Cross-Training for Runners"
INJURY_SENTENCES = [
    ("Running is a high-impact sport, and repetitive motion can lead to overuse injuries.", 0.40),
    ("Cross-training allows you to stay active without putting additional stress on the same "
     "muscles and joints.", 0.30),
    ("It’s also a great way to train around injuries while your body heals.", 0.32),
]
STORY_SENTENCES = [
    ("Personal Story: After I broke my tailbone, downhill running was painful.", 0.45),
    ("Instead of giving up, I turned to flat running, stairs and strength training.", 0.28),
    ("These activities kept me strong and helped me ease back into running.", 0.20),
]
SPEED_SENTENCES = [
    ("Plyometric exercises build explosive power, making your strides quicker.", 0.25),
    ("We added jump squats and bounding drills.", 0.2),
]


def _passage(section: str, sentences: list[tuple[str, float]], score: float,
             kind: str = "text") -> Passage:
    return Passage(
        chunk_id=section + kind, article=TITLE, section=section,
        text="\n".join(text for text, _ in sentences), score=score,
        sentences=tuple(ScoredSentence(text, sim, i) for i, (text, sim) in enumerate(sentences)),
        kind=kind,
    )


INJURIES = _passage("Why It Works > 1. Reduce Injuries", INJURY_SENTENCES, 1.0)
INJURY_STORY = _passage("Why It Works > 1. Reduce Injuries", STORY_SENTENCES, 0.5, "story")
SPEED = _passage("Why It Works > 4. Speed", SPEED_SENTENCES, 0.9)


class FakeRetriever:
    def __init__(self, *, covered: bool = True) -> None:
        self.covered = covered
        self.questions: list[str] = []

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        self.questions.append(question)
        return Retrieval(passages=[*[INJURIES, SPEED][:limit], INJURY_STORY],
                         covered=self.covered)

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


def test_extractive_answer_leads_with_the_answer_then_the_story_then_one_source() -> None:
    retrieval = Retrieval([INJURIES, SPEED, INJURY_STORY], covered=True)
    answer = compose_extractive("Why does my knee hurt after long runs?", retrieval)
    assert answer.covered
    body, source = answer.text.rsplit("\n\n", 1)
    assert source == f"Source: {TITLE} — Reduce Injuries"
    assert answer.text.count("Source:") == 1
    assert body.startswith("Running is a high-impact sport")
    # The coach's story follows the advice, and reads as the coach's.
    assert body.index("broke my tailbone") > body.index("high-impact sport")
    assert "Instead of giving up" in body  # what the coach did, not only the set-up
    assert "Personal Story:" not in body and "The coach's story:" in body
    assert len(answer.text) <= MAX_ANSWER_CHARS
    # The speed passage was not quoted: not a source.
    assert [s.section for s in answer.sources] == [INJURIES.section]


def test_asked_what_to_do_the_answer_leads_with_advice_to_the_reader() -> None:
    retrieval = Retrieval([INJURIES, SPEED, INJURY_STORY], covered=True)
    # The problem ("Running is a high-impact sport") reads closest to the question, but
    # asked what to do, the sentence telling the reader what to do answers.
    for question in (QUESTION, "knee hurts, how do i keep my fitness", "sore knee. help"):
        body = compose_extractive(question, retrieval).text.rsplit("\n\n", 1)[0]
        assert body.startswith("Cross-training allows you to stay active"), question
    why = compose_extractive("Why does my knee hurt after long runs?", retrieval)
    assert why.text.startswith("Running is a high-impact sport")
    # The rule changes which sentence leads, not how long the answer is.
    assert len(compose_extractive(QUESTION, retrieval).text) <= MAX_ANSWER_CHARS


def test_what_to_do_questions_and_sentences_to_the_reader_are_recognised() -> None:
    assert asks_what_to_do("broke my ankle, how do i not lose all my fitness")
    assert asks_what_to_do("its pouring and freezing out. what now?")
    assert asks_what_to_do("what else can i do to stay fit")
    assert not asks_what_to_do("why would swimming be better than running")
    assert not asks_what_to_do("what is cross-training?")
    assert addresses_reader("It’s also a great way to train around injuries while your body heals.")
    assert not addresses_reader("Running is a high-impact sport, and repetitive motion can "
                                "lead to overuse injuries.")


def test_an_answer_never_exceeds_the_length_limit() -> None:
    long_advice = _passage("Long", [(f"Sentence {n} says a lot about training. " * 4, 0.3)
                                    for n in range(8)], 1.0)
    long_story = _passage("Long", [("Personal Story: " + "we ran far. " * 40, 0.2)], 0.5,
                          "story")
    answer = compose_extractive("What about training?",
                                Retrieval([long_advice, long_story], covered=True),
                                athlete=AthleteContext(injuries=("knee",)))
    assert answer.covered and len(answer.text) <= MAX_ANSWER_CHARS


class Cautions:
    caution = "With your {injury}, go easy on {words}."

    def high_impact_words(self, text: str) -> list[str]:
        return [word for word in ("plyometric", "jump") if word in text.lower()]


def test_high_impact_advice_gets_a_caution_only_for_an_injured_athlete() -> None:
    retrieval = Retrieval([SPEED], covered=True)
    question = "How do I get faster?"
    healthy = compose_extractive(question, retrieval, cautions=Cautions())
    assert "go easy" not in healthy.text
    injured = compose_extractive(question, retrieval, cautions=Cautions(),
                                 athlete=AthleteContext(injuries=("knee",)))
    assert "With your knee, go easy on plyometric, jump." in injured.text
    # Low-impact advice needs no caution, injured or not.
    calm = compose_extractive(QUESTION, Retrieval([INJURIES], covered=True),
                              cautions=Cautions(), athlete=AthleteContext(injuries=("knee",)))
    assert "go easy" not in calm.text


def test_an_activity_the_question_names_brings_the_catalogue_facts_and_citation() -> None:
    catalogue = load_catalogue()
    answer = compose_extractive("Is aqua jogging as good as running?",
                                Retrieval([INJURIES], covered=True), catalogue=catalogue)
    assert "Deep-water running: trains" in answer.text
    assert "impact" in answer.text and "float belt" in answer.text
    assert answer.text.count("Source:") == 1
    assert "Reduce Injuries and Aid Recovery" in answer.text.rsplit("\n\n", 1)[1]
    # Not covered by any article: said so, with what the catalogue knows and its section.
    alone = compose_extractive("Is aqua jogging any good?", Retrieval([], covered=False),
                               catalogue=catalogue)
    assert not alone.covered and "don't cover" in alone.text
    assert "Deep-water running: trains" in alone.text
    assert "Reduce Injuries and Aid Recovery" in alone.text
    assert len(alone.text) <= MAX_ANSWER_CHARS
    # A vague word ("run", "gym") names no activity.
    assert named_activity("Should I run or go to the gym?", catalogue) is None


def test_the_catalogue_facts_give_way_when_the_answering_passage_would_not_fit_whole() -> None:
    long_advice = _passage("Why It Works > 1. Reduce Injuries", [
        (f"Sentence {n} about easing the load on sore legs while staying fit.", 0.4)
        for n in range(7)], 1.0)
    answer = compose_extractive("Is aqua jogging good for sore legs?",
                                Retrieval([long_advice], covered=True),
                                catalogue=load_catalogue())
    assert all(s.text in answer.text for s in long_advice.sentences)
    assert "Deep-water running: trains" not in answer.text
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_the_catalogue_facts_join_when_the_article_s_answer_leaves_room_for_them() -> None:
    # An answering passage too long to quote whole beside the catalogue's whole entry
    # (how to do it included), but not beside what the activity trains and its impact.
    advice = _passage("Why It Works > 1. Reduce Injuries", [
        ("Running is a high-impact sport, and repetitive motion over many weeks can lead "
         "to overuse injuries in the shins and knees.", 0.45),
        ("Cross-training allows you to stay active without putting additional stress on "
         "the same muscles and joints every day.", 0.5),
        ("It is also a great way to train around injuries while your body heals, keeping "
         "the fitness you built for the races.", 0.55),
    ], 1.0)
    answer = compose_extractive("is aqua jogging as good as running??",
                                Retrieval([advice], covered=True), catalogue=load_catalogue())
    body, source = answer.text.rsplit("\n\n", 1)
    # Asked about the activity itself, which the article does not name: the catalogue's
    # facts answer first, then the article's answer whole, cited once.
    assert all(s.text in body for s in advice.sentences)
    assert body.startswith("Deep-water running: trains aerobic endurance")
    assert "no impact" in body
    assert body.index("Deep-water running: trains") < body.index(
        "Cross-training allows you to stay active")
    assert answer.text.count("Source:") == 1 and "Reduce Injuries" in source
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_the_catalogue_facts_take_the_room_before_another_section_fills_it() -> None:
    advice = _passage("Why It Works > 1. Reduce Injuries", INJURY_SENTENCES, 1.0)
    other = _passage("How To > Schedule It", [
        ("Use cross-training on recovery days, during injury rehab, or to replace a run "
         "when needed, and keep the rest of the week as it was planned by your coach.",
         0.55),
        ("Ten minutes of easy spinning after a hard run also counts as cross-training "
         "and helps the legs recover for the next key session of the week ahead.", 0.5),
    ], 0.9)
    answer = compose_extractive("is aqua jogging as good as running??",
                                Retrieval([advice, other], covered=True),
                                catalogue=load_catalogue())
    body = answer.text.rsplit("\n\n", 1)[0]
    assert all(s.text in body for s in advice.sentences)
    assert "Deep-water running: trains" in body
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_what_the_article_says_of_a_named_activity_comes_before_the_catalogue() -> None:
    first = _passage("What Is It", [
        ("When you cross-train you give your legs a break from the pounding.", 0.6),
        ("You build strength and endurance that translate to better running.", 0.4)], 1.0)
    second = _passage("What Is It", [
        ("Cross-training means other forms of exercise in your running week.", 0.7),
        ("Activities like cycling, swimming or strength training build overall fitness "
         "and target different muscle groups than running does.", 0.3),
        ("The best part?", 0.0),
        ("Some of them, like mountain biking or water skiing, are just plain fun for "
         "the whole family on a long summer weekend away.", 0.5)], 0.9)
    answer = compose_extractive("is strength training cross training?",
                                Retrieval([first, second], covered=True),
                                catalogue=load_catalogue())
    # The sentence naming strength training answers; the catalogue's entry follows it.
    assert "or strength training build overall fitness" in answer.text
    body = answer.text.rsplit("\n\n", 1)[0]
    if "Lower-body strength: trains" in body:
        assert body.index("or strength training") < body.index("Lower-body strength: trains")
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_out_of_scope_is_one_line_with_the_closest_topic() -> None:
    answer = compose_extractive("What should I eat?", Retrieval([INJURIES], covered=False),
                                topics=["Reduce Injuries", "Speed"])
    assert not answer.covered
    assert answer.sources == []
    assert "don't cover" in answer.text and "“Reduce Injuries”" in answer.text
    assert "\n" not in answer.text and "•" not in answer.text
    unrelated = _passage("X > Far away", [("Nothing like it.", 0.05)], 0.1)
    far = compose_extractive("Capital of Australia?", Retrieval([unrelated], covered=False))
    assert "closest" not in far.text and "don't cover" in far.text


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


@pytest.mark.parametrize("question", [
    "wat counts as crosstraining? swimming? hiking?",
    "what was it like, as a runner, to come back after a fall?",
])
def test_english_words_shared_with_other_languages_do_not_refuse_a_question(
        question: str) -> None:
    retriever = FakeRetriever()
    Answerer(retriever).answer(question)
    assert retriever.questions == [question]


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
    assert answer.text.endswith(f"Source: {TITLE} — Reduce Injuries")


async def test_async_llm_answer() -> None:
    model = FakeListChatModel(responses=["Try flat zone 2 running [2]."])
    answer = await Answerer(FakeRetriever(), chat_model=model).aanswer(QUESTION)
    assert answer.text.startswith("Try flat zone 2 running")
    assert answer.text.endswith("— Speed")


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


def test_without_a_story_the_next_paragraph_of_the_section_completes_the_answer() -> None:
    first = _passage("What It Is", [("Cross-training means other sports.", 0.5)], 1.0)
    second = _passage("What It Is", [("It builds strength and endurance.", 0.3)], 0.6)
    other = _passage("Elsewhere", [("Unrelated advice.", 0.1)], 0.5)
    answer = compose_extractive("what is it", Retrieval([first, other, second], covered=True))
    body = answer.text.rsplit("\n\n", 1)[0]
    assert body == "Cross-training means other sports. It builds strength and endurance."
    assert [s.section for s in answer.sources] == ["What It Is"]


def test_a_story_that_ranked_first_follows_the_best_advice_with_what_the_coach_did() -> None:
    retrieval = Retrieval([INJURY_STORY, INJURIES, SPEED], covered=True)
    answer = compose_extractive("What did the coach do for her tailbone?", retrieval)
    body = answer.text.rsplit("\n\n", 1)[0]
    # The best advice sentence answers first, then the story with its set-up.
    assert body.startswith("Running is a high-impact sport")
    assert body.index("The coach's story: After I broke my tailbone") < body.index(
        "Instead of giving up")
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_a_sentence_that_refers_back_never_comes_without_the_one_before_it() -> None:
    set_up = "Personal Story: After a fall " + "I could not run downhill at all, " * 11 + "ok."
    story = _passage("Why It Works > 1. Reduce Injuries", [
        (set_up, 0.1), ("Instead of giving up, I turned to flat running and the stairs.", 0.9),
    ], 1.0, "story")
    advice = _passage("Why It Works > 1. Reduce Injuries", [
        ("Cross-training " + "keeps you active while you heal, " * 4 + "really.", 0.5),
        ("Train around injuries.", 0.3),
    ], 0.8)
    answer = compose_extractive("what did you do instead", Retrieval([advice, story], True))
    body = answer.text.rsplit("\n\n", 1)[0]
    # The story's set-up does not fit beside the advice that ranked first (quoted whole):
    # then neither does what follows it, however relevant.
    assert "Train around injuries." in body
    assert "After a fall" not in body and "Instead of giving up" not in body


def test_a_sentence_saying_what_something_is_not_just_comes_with_what_it_is() -> None:
    passage = _passage("What Is It", [
        ("Cross-training means other sports " + "and more sports, " * 12 + "really.", 0.5),
        ("When you cross-train, you are not just resting your legs.", 0.9),
        ("You build strength and endurance " + "for running, " * 45 + "too.", 0.1),
    ], 1.0)
    body = compose_extractive("am i just resting my legs",
                              Retrieval([passage], True)).text.rsplit("\n\n", 1)[0]
    # The best match leaves what it is to the next sentence, which does not fit beside it
    # and the first: the first answers alone rather than "not just ..." with no answer.
    assert "not just resting your legs" not in body
    assert body.startswith("Cross-training means other sports")
    assert not _leaves_open("It is not just rest—it builds strength.")
    assert not _leaves_open("Not only did it help, but it was fun.")


def test_a_sentence_promising_more_than_it_says_leaves_the_more_to_the_next() -> None:
    assert _leaves_open("People call it a rest-day filler, but it's so much more than that.")
    assert _leaves_open("Swimming does more than you might think.")
    assert _leaves_open("There is more to it than easy miles!")
    assert _leaves_open("A spin class offers more than this.")
    assert not _leaves_open("More than that, it builds strength for the hills.")
    assert not _leaves_open("Ride more than twice a week.")


def test_a_story_s_situation_comes_with_what_was_done_about_it() -> None:
    story = _passage("Why It Works > 3. Life", [
        ("Personal Story: One of my athletes trains for a mountain event.", 0.1),
        ("She lives where fires left her trails " + "burnt, " * 60 + "or closed.", 0.9),
        ("Instead of pausing, we added step-up drills at home.", 0.0),
        ("This kept her consistent.", 0.0)], 1.0, "story")
    advice = _passage("Why It Works > 3. Life", [
        ("Life throws obstacles " + "in the way, " * 15 + "always.", 0.5)], 0.9)
    answer = compose_extractive("fires closed my trails", Retrieval([story, advice], True))
    body = answer.text.rsplit("\n\n", 1)[0]
    # The back-story that matches the question best and its turn do not fit together: the
    # set-up and the turn answer, never the situation alone.
    assert "we added step-up drills" in body
    assert "burnt" not in body
    assert len(answer.text) <= MAX_ANSWER_CHARS


@pytest.mark.parametrize("question, asks", [
    ("how do i fit cross training into my program", False),
    ("is cross training part of a good training program", False),
    ("Can I join your 12-week program?", True),
    ("Is there a class on running form?", True),
])
def test_the_athletes_own_program_is_no_question_about_the_offers(question: str,
                                                                  asks: bool) -> None:
    from coach.offers import load_offers

    assert load_offers().is_offer_question(question) is asks


def test_the_passage_that_ranked_first_is_quoted_whole_when_it_fits() -> None:
    # The fact asked about is in the passage's least similar sentence.
    advice = _passage("Why It Works > 1. Reduce Injuries", [
        ("Running is a high-impact sport that can lead to overuse injuries.", 0.6),
        ("Cross-training keeps you active without stress on the same joints.", 0.5),
        ("It is also a way to train around injuries while you heal.", 0.1)], 1.0)
    story = _passage("Why It Works > 1. Reduce Injuries", [
        ("Personal Story: After I broke my tailbone, downhill running hurt"
         + ", and so did every fast stride on the flat" * 4 + ".", 0.7),
        ("Instead of giving up, I turned to the stairs" + ", then to the bike" * 6 + ".",
         0.6)], 0.9, "story")
    body = compose_extractive("my knee hurts", Retrieval([advice, story], True)).text
    assert body.startswith(" ".join(s.text for s in advice.sentences))
    # The story's set-up comes only with what was done about it.
    assert ("tailbone" in body) == ("Instead of giving up" in body)
    # A story that ranked first is quoted whole too, after the advice's best sentences.
    body = compose_extractive("what did you do", Retrieval([story, advice], True)).text
    assert "on the flat. Instead of giving up" in body
    assert body.index("Running is a high-impact sport") < body.index("tailbone")


def test_room_left_goes_to_another_section_only_when_it_is_about_as_relevant() -> None:
    lead = _passage("Plan > Stay Consistent", [("The key is consistency.", 0.5)], 1.0, "point")
    close = _passage("Why It Works > 3. Life", [("Bad weather need not stop you.", 0.45)], 0.9)
    far = _passage("Why It Works > 4. Speed", [("Plyometrics build power.", 0.2)], 0.8)
    answer = compose_extractive("how do i keep going in the rain",
                                Retrieval([lead, close, far], covered=True))
    body, source = answer.text.rsplit("\n\n", 1)
    assert body == "The key is consistency. Bad weather need not stop you."
    assert source == f"Source: {TITLE} — Stay Consistent; Life"


def test_asked_about_the_offers_the_answer_quotes_the_offers_not_lone_words() -> None:
    links = _passage("Ready? > Want more help?", [
        ("Join our Running Workshop here!", 0.5), ("Or", 0.1),
        ("Get your FREE Strength Assessment here!", 0.4), ("Or", 0.1)], 1.0, "offer")
    pitch = _passage("Ready?", [("Cross-training has transformed my running.", 0.3)], 0.9,
                     "general")
    booking = _passage("Ready?", [
        ("Schedule a running assessment or coaching session today.", 0.45)], 0.8, "offer")
    answer = compose_extractive("where do i sign up for coaching",
                                Retrieval([links, pitch, booking], covered=True))
    body = answer.text.rsplit("\n\n", 1)[0]
    assert "Workshop" in body and "coaching session" in body
    assert "transformed" not in body
    assert " Or " not in f" {body} "


def test_an_answer_quoting_several_sections_keeps_to_the_limit_with_its_source_line() -> None:
    # Naming B in the source line leaves no room for B's sentence; C's short sentences fit
    # instead, and C's long heading then lengthens the source line again.
    lead = _passage("Lead", [("Lead " * 59 + "end.", 0.6)], 1.0)
    b = _passage("B" + "b" * 29, [("Bbb " * 59 + "end.", 0.55)], 0.9)
    c = _passage("C" + "c" * 149, [(f"C sentence {n} " + "c" * 26 + ".", 0.5)
                                  for n in range(5)], 0.8)
    answer = compose_extractive("anything", Retrieval([lead, b, c], covered=True))
    assert len(answer.text) <= MAX_ANSWER_CHARS
    assert answer.text.count("Source:") == 1
    assert answer.text.startswith("Lead " * 59)


def test_a_list_question_gets_one_numbered_line_per_part() -> None:
    retrieval = Retrieval([INJURIES, INJURY_STORY, SPEED], covered=True, outline="Why It Works")
    answer = compose_extractive("what are the benefits", retrieval)
    body, source = answer.text.split("\n\n")
    lines = body.splitlines()
    assert lines[0] == "Why It Works:"
    assert lines[1].startswith("1. Reduce Injuries") and lines[2].startswith("2. Speed")
    assert len(lines) == 3  # the story is no part of its own
    assert source.endswith("Why It Works") and len(answer.text) <= MAX_ANSWER_CHARS


def test_an_introduction_answers_with_its_paragraphs_in_their_order() -> None:
    def intro(position: int, text: str, similarity: float, score: float) -> Passage:
        return Passage(chunk_id=str(position), article=TITLE, section=TITLE, text=text,
                       score=score, sentences=(ScoredSentence(text, similarity, 0),),
                       kind="general", position=position)

    thesis = intro(0, "Cross-training builds strength, reduces injuries and adds speed.", 0.3,
                   0.9)
    personal = intro(2, "For me, cross-training is something I practice and believe in.", 0.5,
                     1.0)
    answer = compose_extractive("what is it good for", Retrieval([personal, thesis], True))
    body = answer.text.split("\n\n")[0]
    assert body.startswith("Cross-training builds strength") and "For me" in body
    # A paragraph ranked clearly first ("has it helped you personally?") answers first.
    thesis = replace(thesis, score=1.0 - CLEAR_LEAD_MARGIN - 0.1)
    answer = compose_extractive("has it helped you personally",
                                Retrieval([personal, thesis], True))
    body = answer.text.split("\n\n")[0]
    assert body.startswith("For me, cross-training") and "Cross-training builds" in body


def test_the_answer_opens_with_the_sentence_that_best_answers() -> None:
    advice = _passage("Why It Works > 1. Reduce Injuries", [
        ("Running is a high-impact sport.", 0.2),
        ("Cross-training lets you train around injuries while you heal.", 0.9),
        ("It also keeps the joints fresh.", 0.3)], 1.0)
    body = compose_extractive("can I train while injured",
                              Retrieval([advice], True)).text.split("\n\n")[0]
    assert body.startswith("Cross-training lets you train around injuries")
    assert "Running is a high-impact sport." in body


def test_a_story_turning_with_instead_needs_its_set_up_not_the_back_story() -> None:
    back_story = "She lives far away, where " + "the trails were closed all season, " * 14 + "ok."
    story = _passage("Why It Works > 3. Adapt", [
        ("Personal Story: One of my athletes trains for a mountain race.", 0.2),
        (back_story, 0.05),
        ("Instead of pausing her training, we added step-up drills at home.", 0.5),
    ], 1.0, "story")
    advice = _passage("Why It Works > 3. Adapt", [
        ("Life throws obstacles in the way of your training, like bad weather.", 0.4),
        ("Cross-training offers creative solutions to stay on track.", 0.3),
    ], 0.9)
    question = "the trails are closed, what can i do at home"
    answer = compose_extractive(question, Retrieval([story, advice], True))
    body = answer.text.rsplit("\n\n", 1)[0]
    assert len(answer.text) <= MAX_ANSWER_CHARS
    # The long back-story does not fit; the set-up and what was done still do, in order.
    assert "She lives far away" not in body
    assert body.index("One of my athletes") < body.index("Instead of pausing her training")
    assert "bad weather" in body


def test_a_sentence_that_refers_back_with_this_still_needs_the_one_before_it() -> None:
    story = _passage("Why It Works > 3. Adapt", [
        ("Personal Story: One of my athletes trains for a mountain race.", 0.2),
        ("We added " + "step-up drills and stairs at home, " * 14 + "ok.", 0.05),
        ("These drills kept her strong.", 0.9),
    ], 1.0, "story")
    advice = _passage("Why It Works > 3. Adapt", [
        ("Life throws obstacles in the way of your training, like bad weather.", 0.4),
    ], 0.9)
    answer = compose_extractive("what kept her strong", Retrieval([story, advice], True))
    body = answer.text.rsplit("\n\n", 1)[0]
    # "These drills" cannot be read without the sentence before it, which does not fit;
    # nor can the set-up without that turn ("We added ...").
    assert body.startswith("Life throws obstacles")
    assert "We added" not in body and "These drills kept her strong." not in body
    assert "One of my athletes" not in body


def test_a_bracketed_aside_is_left_out_of_a_quote_but_a_figure_is_kept() -> None:
    passage = _passage("Why It Works > 1. Reduce Injuries", [
        ("Personal Story: After I broke my tailbone (Not my best moment!), running hurt.", 0.5),
        ("I ran easy (zone 2) and climbed stairs (3 x 10 min) to stay fit.", 0.6),
    ], 1.0, "story")
    answer = compose_extractive("what did you do for your tailbone", Retrieval([passage], True))
    assert "After I broke my tailbone, running hurt." in answer.text
    assert "Not my best moment" not in answer.text
    assert "(3 x 10 min)" in answer.text
    assert "(zone 2)" in answer.text


# A section whose story (ranked first) tells what the question asks in its last sentence.
CLIMB_ADVICE = _passage("Why It Works > 2. Strength", [
    ("Strengthening your core, glutes and upper body can improve your running form and make "
     "you more efficient, especially during demanding events like ultras or steep climbs "
     "on long, rocky and remote mountain courses.", 0.45),
    ("Cross-training targets muscles that running alone may neglect.", 0.3),
], 0.9)
CLIMB_STORY = _passage("Why It Works > 2. Strength", [
    ("Personal Story: One of my ultra runners was preparing for his first 100K race with "
     "serious elevation gain.", 0.5),
    ("To build the endurance and strength needed for those climbs, we added VersaClimber "
     "sessions to his training plan.", 0.55),
    ("Not only did this simulate uphill effort, but it also gave him the confidence to "
     "conquer those grueling ascents on race day.", 0.8),
], 1.0, "story")


def test_a_story_that_answers_better_than_the_advice_is_quoted_to_its_end() -> None:
    answer = compose_extractive("did the versaclimber guy make it up the climbs",
                                Retrieval([CLIMB_STORY, CLIMB_ADVICE], True))
    body = answer.text.rsplit("\n\n", 1)[0]
    assert len(answer.text) <= MAX_ANSWER_CHARS
    # The story's ending holds the answer; the advice's long sentence would push it out,
    # so the advice sentence that leaves the story room opens the answer.
    assert "confidence to conquer those grueling ascents" in body
    assert body.startswith("Cross-training targets muscles")
    assert body.index("targets muscles") < body.index("The coach's story: One of my ultra")


def test_a_story_that_answers_no_better_than_the_advice_follows_its_best_sentence() -> None:
    advice = replace(CLIMB_ADVICE, sentences=tuple(
        replace(s, similarity=0.9 if s.position == 0 else s.similarity)
        for s in CLIMB_ADVICE.sentences))
    body = compose_extractive("how do i get stronger for steep climbs",
                              Retrieval([CLIMB_STORY, advice], True)).text
    assert body.startswith("Strengthening your core, glutes and upper body")
    assert "The coach's story: One of my ultra runners" in body


def test_the_catalogue_facts_follow_the_advice_and_the_story_a_story_leads() -> None:
    catalogue = load_catalogue()
    advice = _passage("Why It Works > 2. Strength", [
        ("Strengthening your core, glutes and upper body makes you more efficient, especially "
         "during demanding events like ultras.", 0.3),
    ], 0.9)
    story = _passage("Why It Works > 2. Strength", [
        ("Personal Story: One of my ultra runners faced serious elevation gain.", 0.5),
        ("We added VersaClimber sessions, and it gave him the confidence to conquer the "
         "ascents on race day.", 0.8),
    ], 1.0, "story")
    question = "is the versaclimber worth it for the climbs"
    assert named_activity(question, catalogue) is not None
    answer = compose_extractive(question, Retrieval([story, advice], True),
                                catalogue=catalogue)
    body = answer.text.rsplit("\n\n", 1)[0]
    # The advice and the story answer first; the catalogue's facts follow them.
    assert body.startswith("Strengthening your core")
    assert "confidence to conquer the ascents" in body
    assert body.index("confidence to conquer") < body.index("VersaClimber: trains")
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_the_room_left_goes_to_an_answering_sentence_before_a_closing_line() -> None:
    lead = _passage("Is It for You?", [
        ("If you are recovering from an injury, preparing for a challenging race, trying to "
         "break through a plateau, or just looking for more fun in your training, "
         "cross-training is the answer, whatever your level, your age or the kind of "
         "running you love to do, on the road, on the track or on the trails.", 0.5),
        ("It is never too late to start and never too early either, so give it a try.", 0.4),
    ], 1.0)
    closing = _passage("Is It for You?", [
        ("Happy running, and remember, the journey is just as important as the destination, "
         "keep it easy and keep it fun!", 0.1),
    ], 0.2)
    adapt = _passage("Why It Works > 3. Adapt", [
        ("Instead of pausing her training while the trails were closed, we added step-up "
         "drills she could do at home.", 0.45),
    ], 0.9)
    answer = compose_extractive("should i pause training until my trails reopen",
                                Retrieval([lead, adapt, closing], True))
    body = answer.text.rsplit("\n\n", 1)[0]
    assert len(answer.text) <= MAX_ANSWER_CHARS
    assert body.startswith("If you are recovering")
    assert "step-up drills" in body and "Happy running" not in body
    assert answer.text.rsplit("\n\n", 1)[1].endswith("Is It for You?; Adapt")


def test_a_story_whose_situation_is_the_question_s_is_quoted_to_its_end() -> None:
    # The set-up (a 100K race with elevation gain) is what the athlete describes.
    story = replace(CLIMB_STORY, sentences=tuple(
        replace(s, similarity=0.8 if s.position == 0 else 0.3) for s in CLIMB_STORY.sentences))
    answer = compose_extractive("100k with tons of elevation gain, ideas?",
                                Retrieval([story, CLIMB_ADVICE], True))
    assert "simulate uphill effort" in answer.text
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_the_catalogue_facts_keep_their_room_when_the_source_line_grows() -> None:
    # Quoting another section lengthens the source line; recomposed, the answer still
    # leaves the named activity's facts their room.
    title = "The Benefits of Cross-Training for Runners: More Than Just a Break from Running"
    lead = replace(_passage(
        "How to Incorporate Cross-Training Into Your Plan > Choose the Right Activities", [
            ("Choose the Right Activities - Pick cross-training activities that align with "
             "your goals.", 0.45),
            ("For endurance, try cycling or swimming.", 0.40),
            ("For strength, focus on bodyweight exercises or climbing machines.", 0.42),
        ], 1.0, "point"), article=title)
    what = replace(_passage("What is Cross-Training?", [
        ("Cross-training involves incorporating other forms of exercise into your running "
         "routine, from cycling and swimming to hiking, rowing and strength work, on the "
         "days your plan and your legs allow it.", 0.50),
    ], 0.95), article=title)
    answer = compose_extractive("is the cross trainer at the gym any good",
                                Retrieval([lead, what], covered=True),
                                catalogue=load_catalogue())
    body = answer.text.rsplit("\n\n", 1)[0]
    assert body.startswith("Choose the Right Activities: Pick")
    assert "Elliptical: trains" in body
    assert answer.text.count("Source:") == 1 and len(answer.text) <= MAX_ANSWER_CHARS


def test_a_question_about_an_activity_the_article_does_not_name_leads_with_its_facts(
) -> None:
    # "pool running?": the catalogue's facts on the activity answer first, then the
    # answering passage, before another passage of the section fills the room.
    title = "The Benefits of Cross-Training for Runners: More Than Just a Break from Running"
    first = replace(_passage("What is Cross-Training?", [
        ("Activities like cycling, swimming, hiking, or strength training target different "
         "muscle groups, reduce the repetitive impact of running, and build overall "
         "fitness.", 0.55),
        ("The best part?", 0.1),
        ("Some cross-training activities, like mountain biking or water skiing, are just "
         "plain fun for the whole family on a sunny weekend away from the usual loop.", 0.45),
    ], 1.0), article=title)
    second = replace(_passage("What is Cross-Training?", [
        ("You are building strength, endurance, and resilience that directly translates "
         "to better running performance.", 0.35),
    ], 0.9), article=title, chunk_id="second")
    answer = compose_extractive("pool running?", Retrieval([first, second], covered=True),
                                catalogue=load_catalogue())
    body = answer.text.rsplit("\n\n", 1)[0]
    assert body.startswith("Deep-water running: trains aerobic endurance")
    assert "Activities like cycling, swimming" in body
    assert len(answer.text) <= MAX_ANSWER_CHARS
    # Asked with more to it, the article's answer keeps the lead.
    longer = compose_extractive("pool running vs cycling, which should i do on my easy days",
                                Retrieval([first, second], covered=True),
                                catalogue=load_catalogue())
    assert longer.text.startswith("Activities like cycling, swimming")


@pytest.mark.parametrize("question", [
    "do other sports take the pounding off my legs?",
    "my shins hate the road, is there something gentler",
    "less impact but same fitness, possible?",
])
def test_a_sentence_that_brings_a_question_with_it_counts_for_less_of_the_room(
        question: str) -> None:
    # "The best part? Some activities are just plain fun!": the pair takes the room of
    # one answering sentence; a slightly closer sentence alone with it does not.
    def passage(chunk_id: str, position: int, sentences: list[tuple[str, float]],
                score: float) -> Passage:
        return Passage(chunk_id, "Fixture: Other Sports", "What They Are",
                       " ".join(text for text, _ in sentences), score,
                       tuple(ScoredSentence(text, similarity, index)
                             for index, (text, similarity) in enumerate(sentences)),
                       position=position)

    lead = passage("lead", 1, [
        ("When you ride or swim on a day off running, you are not just resting your "
         "tired legs from the hard road for a day.", 0.55),
        ("You are building strength, endurance and resilience that carry straight over to "
         "better running, week after week.", 0.60),
    ], 1.0)
    beside = passage("beside", 0, [
        ("Other sports add new kinds of exercise to your running week.", 0.58),
        ("Cycling, swimming and hiking work different muscle groups, take away the "
         "repetitive impact of running and build your overall fitness at the same time, "
         "whatever your age.",
         0.50),
        ("The best part?", 0.1),
        ("Some of them, like mountain biking or water skiing, are just plain fun for the "
         "whole family!", 0.52),
    ], 0.9)
    answer = compose_extractive(question, Retrieval([lead, beside], covered=True))
    assert "take away the repetitive impact of running" in answer.text
    assert len(answer.text) <= MAX_ANSWER_CHARS
