"""The answer-first lead: the sentences answering the anticipated question closest to the
one asked (an article's questions sidecar, ``Passage.answers``) open the reply."""

from __future__ import annotations

from dataclasses import replace

from coach.answers import Passage, Retrieval, ScoredSentence, compose_extractive

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
    long_setup = "Personal note: " + "the pool was my refuge for a whole winter " * 9 + "."
    elsewhere = Passage(
        chunk_id="elsewhere", article=TITLE, section="Who It Suits", score=0.6,
        text=f"Nearby words about pools. {long_setup} It kept me sane.",
        sentences=(ScoredSentence("Nearby words about pools and the deep end.", 0.05, 0),
                   ScoredSentence(long_setup, 0.2, 1),
                   ScoredSentence("It kept me sane.", 0.1, 2)),
        answers=frozenset({2}))
    body = _body(Retrieval([lead, elsewhere], covered=True), "is it for me?")
    assert "It kept me sane" not in body and "refuge" not in body
