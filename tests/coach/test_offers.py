"""The coach's offers: data in knowledge/offers.yaml, and when one belongs under an answer."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from coach.answers import Answerer, Retrieval
from coach.context import AthleteContext
from coach.offers import OFFER_INTERVAL, OffersError, choose_offer, load_offers, parse_offers
from tests.coach.test_answers import INJURIES, INJURY_STORY, SPEED

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
SORE = AthleteContext(injuries=("knee",), pain_reports=3)
CLIMBER = AthleteContext(goal="a 100K trail race with lots of climbing")
TRAINING = "How can I keep my fitness while my knee heals?"


def test_the_shipped_offers_are_all_there_and_carry_no_code() -> None:
    offers = load_offers()
    ids = {offer.id for offer in offers.offers}
    assert ids == {"running_assessment", "masterclass", "workshop", "strength_assessment",
                   "strength_program"}
    assert all(offer.line.strip() for offer in offers.offers)


@pytest.mark.parametrize("question", [
    "How do I book a running assessment?", "Is there a class on running form?",
    "Can I join your 12-week program?", "Do you offer a free strength assessment?",
    "can i get my gait looked at", "would dayna write me a custom plan",
    "any workshops coming up?", "id like to work with dayna 1:1",
    # Chat spellings: "u" is "you".
    "do u do free assessments", "r there any classes", "do ya offer programs?",
])
def test_booking_classes_and_programs_are_offer_questions(question: str) -> None:
    assert load_offers().is_offer_question(question)
    # Asked about: the offers are the answer itself, never an extra line.
    assert choose_offer(question, SORE, None, NOW) is None


@pytest.mark.parametrize("question", [
    TRAINING, "How often should I cross-train?", "I have a race in May, how do I get faster?",
    # A class, a program or a coach named in a training question asks about no offer.
    "is a spin class good cross-training?", "how do i run more efficiently?",
    "im on a 12-week marathon plan, when do i cross train", "can my kids join me hiking",
    "does the coach do fun stuff with her family too",
    "what plyometric drills does the coach use with runners",
    "my gait is off after an injury, will cross training help",
    "should i get my knee looked at or keep cross training",
    "how much is too much cross training", "how much does cross training help",
    "can i do a strength session with my easy run",
    "r u sure strength work helps my running?", "can u explain the 12 week plan i'm on",
])
def test_training_questions_are_not_offer_questions(question: str) -> None:
    assert not load_offers().is_offer_question(question)


@pytest.mark.parametrize("question", [
    # An offer named loosely, without a booking word.
    "heard there's a free strength thingy, how does that work",
    "is a form check something the coach does?",
    # Someone to watch the runner run.
    "my stride looks awkward on video, could someone watch me run",
    "can the coach check how i run before my marathon?",
    # What the coach offers, asked for.
    "i overstride a lot, does the coach offer anything for it",
    "what do you offer for runners with a clumsy gait?",
])
def test_offers_asked_for_without_a_booking_word_are_offer_questions(question: str) -> None:
    assert load_offers().is_offer_question(question)


@pytest.mark.parametrize("question", [
    "what advice does the coach offer for hills?",
    "how do i check my form while i run?",
    "can i do strength work for free at home",
    "does cross training offer anything for my stride?",
    "is there free strength training I can do without a gym?",
    "free strength exercises for runners?",
])
def test_the_words_of_those_offers_in_training_questions_ask_no_offer(question: str) -> None:
    assert not load_offers().is_offer_question(question)


def test_an_offer_fits_the_situation_or_none_is_made() -> None:
    assert choose_offer(TRAINING, SORE, None, NOW).id == "running_assessment"  # type: ignore[union-attr]
    assert choose_offer(TRAINING, CLIMBER, None, NOW).id == "strength_assessment"  # type: ignore[union-attr]
    assert choose_offer(TRAINING, AthleteContext(pain_reports=1), None, NOW) is None
    assert choose_offer(TRAINING, AthleteContext(goal="sub-3 marathon"), None, NOW) is None
    assert choose_offer(TRAINING, None, None, NOW) is None


def test_at_most_one_offer_a_month() -> None:
    recent = NOW - OFFER_INTERVAL + timedelta(hours=1)
    assert choose_offer(TRAINING, SORE, recent, NOW) is None
    assert choose_offer(TRAINING, SORE, NOW - OFFER_INTERVAL, NOW) is not None
    # A stored naive time is read as UTC.
    assert choose_offer(TRAINING, SORE, recent.replace(tzinfo=None), NOW) is None


def test_a_bad_offers_file_names_the_problem() -> None:
    with pytest.raises(OffersError, match="offers"):
        parse_offers({"offers": [{"id": "Bad Id", "name": "x", "line": "y"}]})
    with pytest.raises(OffersError):
        parse_offers(["not", "a", "mapping"])


class ThreadRecordingRetriever:
    def __init__(self) -> None:
        self.threads: list[str] = []

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        self.threads.append(threading.current_thread().name)
        return Retrieval(passages=[INJURIES, SPEED, INJURY_STORY], covered=True)

    def topics(self) -> list[str]:
        return []


def test_the_answerer_adds_an_offer_line_only_when_allowed_and_reports_it() -> None:
    answerer = Answerer(ThreadRecordingRetriever())
    plain = answerer.answer(TRAINING, athlete=SORE)
    assert plain.offer is None and "running assessment" not in plain.text
    offered = answerer.answer(TRAINING, athlete=SORE, offer_allowed=True, now=NOW)
    assert offered.offer == "running_assessment"
    line = load_offers().get("running_assessment").text()
    assert line in offered.text and offered.text.count(line) == 1
    assert offered.text.rsplit("\n\n", 1)[1].startswith("Source:")
    assert len(offered.text) <= 600
    shown_last_week = answerer.answer(TRAINING, athlete=SORE, offer_allowed=True, now=NOW,
                                      last_offer_at=NOW - timedelta(days=7))
    assert shown_last_week.offer is None


async def test_aanswer_retrieves_in_a_worker_thread() -> None:
    retriever = ThreadRecordingRetriever()
    answer = await Answerer(retriever).aanswer(TRAINING)
    assert answer.covered
    assert retriever.threads and retriever.threads[0] != threading.main_thread().name
