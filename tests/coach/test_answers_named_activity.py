"""An activity the question names that the first passage does not: what another passage
retrieved says of it is taken before the first passage fills the room."""

from __future__ import annotations

import pytest

from coach.answers import MAX_ANSWER_CHARS, Passage, Retrieval, ScoredSentence, compose_extractive
from coach.catalogue import load_catalogue

TITLE = "Hills Without Hills"


def _passage(section: str, sentences: list[tuple[str, float]], score: float,
             kind: str = "text") -> Passage:
    return Passage(
        chunk_id=f"{section}:{kind}", article=TITLE, section=section,
        text="\n".join(text for text, _ in sentences), score=score,
        sentences=tuple(ScoredSentence(text, sim, i) for i, (text, sim) in enumerate(sentences)),
        kind=kind,
    )


MACHINE_STORY = _passage("Climbing > Machines", [
    ("Personal Story: A trail runner I coach had a mountain race in the autumn and lived "
     "somewhere completely flat, hours from the nearest real hill.", 0.5),
    ("We put a climbing machine into two of his weekly sessions, building from ten "
     "minutes to forty over the summer months.", 0.45),
    ("He reached the top of every climb on race day still running, and he told me it was "
     "the strongest he had ever felt going uphill.", 0.42),
], 1.0, "story")
MACHINES = _passage("Climbing > Machines", [
    ("Climbing machines load the legs the way a long climb does.", 0.4),
], 0.9)
HOME_STORY = _passage("Life Gets In The Way > At Home", [
    ("Personal Story: One athlete lost access to her trails for a month.", 0.38),
    ("Instead, we added step-up drills on her stairs at home.", 0.37),
], 0.8, "story")


@pytest.mark.parametrize("question", [
    "are step ups any use for a hilly race",
    "could i do step-ups at home instead of hills",
    "stepups twice a week for a mountain race, worth it?",
])
def test_what_another_passage_says_of_the_activity_named_joins_the_answer(
        question: str) -> None:
    retrieval = Retrieval([MACHINE_STORY, MACHINES, HOME_STORY], covered=True)
    answer = compose_extractive(question, retrieval, catalogue=load_catalogue())
    assert "step-up drills" in answer.text
    assert "climbing machine" in answer.text.lower()
    assert answer.text.count("Source:") == 1 and len(answer.text) <= MAX_ANSWER_CHARS


def test_a_first_passage_naming_the_activity_answers_as_before() -> None:
    retrieval = Retrieval([MACHINE_STORY, MACHINES, HOME_STORY], covered=True)
    answer = compose_extractive("is a climbing machine any good for a mountain race",
                                retrieval, catalogue=load_catalogue())
    assert "Personal Story" not in answer.text
    assert "we put a climbing machine" in answer.text.lower()
