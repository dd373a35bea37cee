"""The answer-first lead: the sentences answering the anticipated question closest to the
one asked (an article's questions sidecar, ``Passage.answers``) open the reply."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.answers import Passage, Retrieval, ScoredSentence, compose_extractive
from coach.catalogue import load_catalogue

TITLE = "Fixture: Pool Running"
ADVICE = [
    ("Deep-water running keeps the running motion without impact.", 0.50),
    ("Most runners feel silly for the first few sessions.", 0.30),
    ("Wear a flotation belt and run in the deep end with a tall posture.", 0.35),
]
STORY = [
    ("Personal Story: One of my runners hurt her foot before a marathon.", 0.45),
    ("We moved her long runs to the pool for three weeks.", 0.30),
]


def _passage(sentences: list[tuple[str, float]], *, kind: str = "text",
             score: float = 1.0) -> Passage:
    return Passage(
        chunk_id=kind, article=TITLE, section="In the Pool", score=score, kind=kind,
        text="\n".join(text for text, _ in sentences),
        sentences=tuple(ScoredSentence(text, similarity, position)
                        for position, (text, similarity) in enumerate(sentences)))


def _body(retrieval: Retrieval, question: str = "what gear do i need for the pool") -> str:
    answer = compose_extractive(question, retrieval)
    assert answer.covered and answer.text.count("Source:") == 1
    return answer.text.rsplit("\n\n", 1)[0]


def test_the_anticipated_answer_opens_the_reply() -> None:
    advice = _passage(ADVICE)
    plain = _body(Retrieval([advice], covered=True))
    assert plain.startswith("Deep-water running")  # the closest sentence, by itself
    led = _body(Retrieval([replace(advice, answers=frozenset({2}))], covered=True))
    assert led.startswith("Wear a flotation belt")
    # The rest of the passage follows in the article's order.
    assert led.index("Deep-water running") < led.index("Most runners feel silly")


def test_an_anticipated_answer_in_the_coachs_story_opens_the_reply_before_the_advice(
) -> None:
    advice, story = _passage(ADVICE, score=0.9), _passage(STORY, kind="story")
    plain = _body(Retrieval([story, advice], covered=True))
    assert not plain.startswith("The coach's story")  # advice first, as a rule
    led = _body(Retrieval([replace(story, answers=frozenset({1})), advice], covered=True))
    assert led.startswith("The coach's story: ")
    assert "We moved her long runs to the pool" in led.split(". ", 2)[0] + led.split(". ", 2)[1]


def test_an_anticipated_answer_in_an_introduction_leads_there_too() -> None:
    intro = _passage(ADVICE, kind="introduction", score=0.5)
    other = replace(_passage(STORY[:1], kind="introduction", score=0.45), chunk_id="other",
                    position=-1)
    led = _body(Retrieval([replace(intro, answers=frozenset({2})), other], covered=True))
    assert led.startswith("Wear a flotation belt")


def test_the_advice_beside_an_anticipated_story_comes_before_another_section() -> None:
    # The story answers the anticipated question and leads; the best sentence of the advice
    # beside it in its section follows before a closer sentence of another section, which
    # would leave the advice no room.
    story = replace(_passage([
        ("Personal Story: One of my runners wanted more speed in her off season, so she "
         "asked me what to change before her spring marathon.", 0.45),
        ("We added plyometric exercises made for runners, like jump squats and bounding "
         "drills, twice a week through the winter months.", 0.60),
        ("The result? A noticeable boost in her power and a new personal best in her next "
         "marathon, by more than four minutes.", 0.40),
    ], kind="story"), answers=frozenset({1}))
    advice = _passage([
        ("Plyometric exercises, for example, build explosive power, making your strides "
         "quicker and more efficient.", 0.30),
    ], score=0.9)
    other = replace(_passage([
        ("Strengthening your core, glutes and upper body can improve your running form and "
         "make you more efficient in a marathon.", 0.50),
    ], score=0.85), chunk_id="other", section="Build Strength")
    body = _body(Retrieval([story, advice, other], covered=True),
                 "are jump squats useful for runners?")
    assert body.startswith("The coach's story: ")
    assert "build explosive power" in body
    assert body.index("We added plyometric") < body.index("build explosive power")


def test_another_sections_anticipated_answer_follows_the_first_passage() -> None:
    # The first passage ranked first; the question asked is closest to an anticipated
    # question of a passage in another section, whose sentences read far from it.
    lead = _passage(ADVICE)
    elsewhere = Passage(
        chunk_id="elsewhere", article=TITLE, section="Who It Suits", score=0.6,
        text="Pool sessions suit anyone who is tired of the same loop.",
        sentences=(ScoredSentence("Pool sessions suit anyone who is tired of the same loop.",
                                  0.05, 0),))
    plain = _body(Retrieval([lead, elsewhere], covered=True), "is it for me?")
    assert "tired of the same loop" not in plain  # too far in meaning to fill the room
    seconded = _body(Retrieval([lead, replace(elsewhere, answers=frozenset({0}))],
                               covered=True), "is it for me?")
    # It follows the first passage's best sentence, before the rest of that passage.
    assert seconded.startswith("Deep-water running keeps the running motion")
    assert "Pool sessions suit anyone who is tired of the same loop." in seconded
    answer = compose_extractive("is it for me?", Retrieval(
        [lead, replace(elsewhere, answers=frozenset({0}))], covered=True))
    assert answer.text.rsplit("\n\n", 1)[1] == \
        "Source: Fixture: Pool Running — In the Pool; Who It Suits"


def test_only_the_anticipated_answer_of_another_passage_is_seconded() -> None:
    # Its answer cannot be read without a sentence too long for the room left: the long
    # sentence does not take its place.
    lead = _passage(ADVICE)
    long_setup = "Personal note: " + "the pool was my refuge for a whole winter " * 12 + "."
    elsewhere = Passage(
        chunk_id="elsewhere", article=TITLE, section="Who It Suits", score=0.6,
        text=f"Nearby words about pools. {long_setup} It kept me sane.",
        sentences=(ScoredSentence("Nearby words about pools and the deep end.", 0.05, 0),
                   ScoredSentence(long_setup, 0.2, 1),
                   ScoredSentence("It kept me sane.", 0.1, 2)),
        answers=frozenset({2}))
    body = _body(Retrieval([lead, elsewhere], covered=True), "is it for me?")
    assert "It kept me sane" not in body and "refuge" not in body



@pytest.mark.parametrize("question", [
    "how do i get ready for a mountain race",
    "any tips for a hilly trail race?",
    "big climbs in my race, what should i train",
])
def test_a_general_passages_anticipated_answer_waits_for_the_first_sections_own(
        question: str) -> None:
    # A call to action holds the anticipated answer closest to the question; the coach's
    # story ranked first and answers it, beside the section's advice. The story and the
    # advice's best sentence come first; the general passage's sentence only takes the
    # room they leave.
    story = _passage([
        ("Personal Story: One of my trail runners had a mountain race with a long climb "
         "right at the start.", 0.60),
        ("We added weekly stair sessions with a light pack, slow on the way down so his "
         "quads learned to brake.", 0.65),
        ("On race day he passed a dozen runners on the first climb and still had legs "
         "left for the descent.", 0.55),
    ], kind="story")
    advice = replace(_passage([
        ("Strong legs climb better.", 0.30),
        ("Strengthening your glutes and calves can improve your form on steep ground and "
         "make you more efficient late in a long race.", 0.40),
    ], score=0.9), chunk_id="advice", position=1)
    closing = ("Whether you are chasing a record, a first finish or simply staying active "
               "through a busy year, cross-training helps you reach your goals while "
               "keeping things fun and balanced.")
    general = Passage(chunk_id="general", article=TITLE, section="Ready to Start?",
                      score=0.7, kind="general", text=closing,
                      sentences=(ScoredSentence(closing, 0.6, 0),), answers=frozenset({0}))
    body = _body(Retrieval([story, advice, general], covered=True), question)
    assert "We added weekly stair sessions" in body
    assert "chasing a record" not in body

def test_the_sections_anticipated_answer_follows_the_first_passage_before_the_catalogue(
) -> None:
    # The passage beside the first in its section answers the anticipated question: its
    # answer joins the first passage's before the catalogue's facts take the room left.
    catalogue = load_catalogue()
    lead = _passage([
        ("Cycling builds the aerobic engine without the pounding of the road, and an easy "
         "hour in the saddle counts as a proper endurance session.", 0.55),
        ("Swimming, hiking and strength training work other muscle groups, which keeps "
         "the ones running overuses from taking every bit of the load.", 0.50),
        ("Most riders find an easy spin relaxing after a hard week of work.", 0.45),
    ])
    beside = replace(_passage([("That fitness carries straight over to your running.", 0.3)],
                              score=0.8), chunk_id="beside", position=1,
                     answers=frozenset({0}))
    for question in ("does road cycling help my running", "is road cycling any use for a runner",
                     "road cycling vs running, does it transfer?"):
        answer = compose_extractive(question, Retrieval([lead, beside], covered=True),
                                    catalogue=catalogue)
        assert "carries straight over to your running" in answer.text, question


@pytest.mark.parametrize("question", [
    "is pool running just an easy day or what",
    "isn't the pool just for recovery days?",
    "pool sessions = glorified rest day?",
])
def test_another_passages_anticipated_answer_comes_before_the_rest_of_a_long_first_one(
        question: str) -> None:
    # The first passage is too long to quote whole beside the anticipated answer of the
    # introduction: its best sentence, then that answer, then what room is left.
    lead = _passage([
        ("Pool running means running in the deep end with a flotation belt on.", 0.60),
        ("Without ground contact it takes the pounding away, and the heart and lungs work "
         "much as they do on the road, which is why injured runners swear by it.", 0.45),
        ("The best part?", 0.1),
        ("Some runners find it more relaxing than any run they do on land, whatever the "
         "weather outside and however hard the week has been!", 0.40),
    ])
    opening = ("Pool running is often seen as a rest day for runners, but it's so much "
               "more than that.")
    point = ("It's a way to keep your fitness, protect sore joints and even add some fun "
             "to a long block of training.")
    intro = Passage(chunk_id="intro", article=TITLE, section=TITLE, score=0.7,
                    kind="introduction", text=f"{opening} {point}",
                    sentences=(ScoredSentence(opening, 0.65, 0),
                               ScoredSentence(point, 0.40, 1)),
                    answers=frozenset({0}), position=-1)
    body = _body(Retrieval([lead, intro], covered=True), question)
    assert body.startswith("Pool running means running in the deep end")
    assert opening in body and point in body


def test_the_advices_anticipated_answer_leads_a_story_that_ranked_first() -> None:
    # The story ranked first and reads closer to the question than the advice; but the
    # advice holds the answer to the anticipated question closest to the one asked, and it
    # (with the sentence it needs) leaves the whole story no room: the answer still leads,
    # and the story follows with what fits, rather than a sentence that answers nothing.
    story = _passage([
        ("Personal Story: One of my runners cracked a bone in her foot three months before "
         "her first marathon and was told to keep all weight off it for six weeks.", 0.60),
        ("We moved every one of her key sessions into the deep end of the pool, with the "
         "same minutes and efforts as her plan, four times a week.", 0.62),
        ("She came back to the road in time and ran the whole marathon without any pain in "
         "her foot, a little slower than hoped but smiling.", 0.58),
    ], kind="story")
    advice = replace(_passage([
        ("Running on hard roads day after day is a lot of pounding for bones and tendons.",
         0.40),
        ("Deep-water running keeps the running motion with no impact on the feet at all, "
         "so the heart and lungs keep working while the body mends.", 0.30),
        ("It’s also the simplest way to keep your fitness while an injury heals.", 0.35),
    ], score=0.9), chunk_id="advice", answers=frozenset({2}))
    body = _body(Retrieval([story, advice], covered=True),
                 "broke a bone in my foot, how do i keep my fitness")
    assert body.startswith("Deep-water running keeps the running motion")
    assert "simplest way to keep your fitness while an injury heals" in body
    assert "The coach's story: One of my runners cracked a bone" in body
    assert "pounding for bones" not in body
