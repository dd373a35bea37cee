"""Filling the room an answer leaves: another section's sentences count by their own
closeness to the question; what the coach did in a story counts more only in the story of
the section that answers."""

from __future__ import annotations

from coach.answers import (
    MAX_ANSWER_CHARS,
    Passage,
    Retrieval,
    ScoredSentence,
    _candidates,
    compose_extractive,
)

TITLE = "Fixture: Pool Running"


def _passage(section: str, sentences: list[tuple[str, float]], *, kind: str = "text",
             score: float = 1.0, chunk_id: str = "") -> Passage:
    return Passage(
        chunk_id=chunk_id or f"{section}:{kind}", article=TITLE, section=section,
        score=score, kind=kind, text="\n".join(text for text, _ in sentences),
        sentences=tuple(ScoredSentence(text, similarity, position)
                        for position, (text, similarity) in enumerate(sentences)))


LEAD = _passage("Plan > When to Swap", [
    ("When to Swap - Move a run into the pool on the days after a hard session, or for "
     "as long as a sore foot or shin needs to settle, and keep the minutes of the run you "
     "replace so the week still adds up to the training your plan asked of you, rather "
     "than resting and hoping the fitness waits for you while you heal, which it will "
     "not do for very long at all.", 0.55),
], kind="point")
STORY = _passage("Why > Heal Well", [
    ("Personal Story: Ana sprained an ankle.", 0.25),
    ("Then we moved her runs to the pool.", 0.45),
], kind="story", score=0.9)
ADVICE = _passage("Why > Heal Well", [
    ("Pool running keeps you fit while an injury heals, in the running motion.", 0.50),
], score=0.85)


def test_what_the_coach_did_counts_more_only_in_the_answering_sections_story() -> None:
    question = "sprained ankle, can i keep fit while it heals?"
    # The story is the next section's (only LEAD answers): its sentences count by their
    # closeness alone, so the closer advice beside it fills the room first.
    elsewhere = {(c.passage, c.position): c.score
                 for c in _candidates(question, [LEAD, STORY, ADVICE], section=1)}
    assert elsewhere[(1, 1)] < elsewhere[(2, 0)]
    # In the answering section, what the coach did is what the story teaches.
    answering = {(c.passage, c.position): c.score
                 for c in _candidates(question, [STORY, ADVICE], section=2)}
    assert answering[(0, 1)] > answering[(1, 0)]


def test_the_room_left_goes_to_another_sections_closer_advice() -> None:
    answer = compose_extractive("sprained ankle, can i keep fit while it heals?",
                                Retrieval([LEAD, STORY, ADVICE], covered=True))
    assert len(answer.text) <= MAX_ANSWER_CHARS
    body = answer.text.rsplit("\n\n", 1)[0]
    assert body.startswith("When to Swap: Move a run into the pool")
    assert "Pool running keeps you fit while an injury heals" in body


def test_a_sibling_point_fills_the_room_a_short_answer_leaves() -> None:
    # The first passage is one "how to" point; another point of the same section reads
    # further from the question than the usual margin allows, but it belongs to the same
    # advice: it fills the room. Another section's passage as far away still does not.
    keep_at_it = _passage("Plan > Keep At It", [
        ("Keep At It - Pool sessions pay off when they are regular.", 0.50),
        ("Put them in your week like any run.", 0.68),
    ], kind="point")
    when = _passage("Plan > When to Swap", [
        ("When to Swap - Use the pool on easy days or instead of a run after a hard one.",
         0.45),
    ], kind="point", score=0.8)
    elsewhere = _passage("Why > Heal Well", [
        ("Pool running keeps you fit while an injury heals.", 0.45),
    ], score=0.9)
    question = "how do i add pool sessions to my plan without wrecking it"
    body = compose_extractive(question, Retrieval([keep_at_it, elsewhere, when],
                                                  covered=True)).text
    assert body.startswith("Keep At It: Pool sessions pay off")
    assert "When to Swap: Use the pool on easy days" in body
    assert "keeps you fit while an injury heals" not in body


class _RankedRetriever:
    """Returns the first ``limit`` of its passages, as a retriever ranks them."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        return Retrieval(self.passages[:limit], covered=True)

    def topics(self) -> list[str]:
        return []


def test_the_fourth_passage_retrieved_may_fill_the_room_left() -> None:
    # Three short passages leave room, the third too far from the question to fill it;
    # the fourth ranked, about as close as the first, holds what was asked ("kick
    # boards"): it is a candidate to fill that room.
    def short(section: str, text: str, similarity: float, score: float) -> Passage:
        return _passage(section, [(text, similarity)], score=score)

    ranked = [
        short("Water > Deep Water", "Deep-water running keeps the running motion.", 0.60, 1.0),
        short("Floating > Belts", "A flotation belt keeps you upright in the water.", 0.55, 0.9),
        short("Sessions > Laps", "Swim easy laps between the intervals.", 0.30, 0.8),
        short("Gear > Kit", "Kick boards and pull buoys make the pool session varied.",
              0.58, 0.7),
    ]
    from coach.answers import Answerer

    answerer = Answerer(_RankedRetriever(ranked))
    answer = answerer.answer("what kit do i need in the water, kick boards?")
    assert "Kick boards and pull buoys" in answer.text
    assert len(answer.text) <= MAX_ANSWER_CHARS
