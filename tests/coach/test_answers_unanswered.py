"""The composer on a question narrowed to a situation the articles don't speak to
(``Retrieval.unanswered``): the first passage's best sentences, one line naming the
situation, one source; without it the answer is unchanged."""

from __future__ import annotations

from coach.answers import Passage, Retrieval, ScoredSentence, compose_extractive

TITLE = "Swim, Bike, Run Less"


def _passage(section: str, sentences: list[tuple[str, float]], score: float) -> Passage:
    return Passage(
        chunk_id=f"{section}:{score}", article=TITLE, section=section,
        text=" ".join(text for text, _ in sentences), score=score,
        sentences=tuple(ScoredSentence(text, sim, i) for i, (text, sim) in enumerate(sentences)),
    )


HOW_OFTEN = _passage("Planning > Twice a Week", [
    ("Two short sessions a week keep the habit going.", 0.62),
    ("Put them on the days after your hardest runs.", 0.5),
    ("A third session helps only once the first two feel easy.", 0.45),
    ("Mark them in your calendar like any other appointment.", 0.4),
], 1.0)
EASY_DAYS = _passage("Planning > Easy Days", [
    ("Easy days are for recovery, whatever the sport.", 0.55),
    ("A ride or a swim keeps the legs fresh.", 0.5),
], 0.9)
QUESTION = "how many cross training sessions should i do on holiday in the mountains?"


def test_the_situation_is_named_after_a_short_answer_from_one_section() -> None:
    answer = compose_extractive(QUESTION, Retrieval(
        [HOW_OFTEN, EASY_DAYS], covered=True, unanswered="on holiday in the mountains"))
    body, _, source = answer.text.rpartition("\n\n")
    first, _, last = body.rpartition("\n")
    assert first.startswith("Two short sessions a week")
    assert len(first) <= 260 and "Easy days" not in first
    assert last == ("The coach's articles don't say anything specific about doing it on "
                    "holiday in the mountains.")
    assert source == f"Source: {TITLE} — Twice a Week"
    assert len(answer.text) <= 600
    assert answer.situation == "on holiday in the mountains"  # for a reply that leads


def test_without_a_situation_the_answer_is_unchanged() -> None:
    answer = compose_extractive(QUESTION, Retrieval([HOW_OFTEN, EASY_DAYS], covered=True))
    assert "don't say anything specific" not in answer.text
    assert answer.situation == ""
    assert "Mark them in your calendar" in answer.text or "Easy days" in answer.text
