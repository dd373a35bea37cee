"""A comparison one of whose options the coach's activity list knows and the other no
article covers ("yoga or an easy spin?"), and the question who wrote the articles: one
plain answer each, not a patchwork of the article's sentences (found playing a runner)."""

from __future__ import annotations

import pytest

from coach.answers import Passage, Retrieval, ScoredSentence, compose_extractive
from coach.catalogue import load_catalogue
from knowledge.text import load_lexicon, stem

TITLE = "Swim, Bike, Run Less"
# Words the fixture article is taken to hold: an option among them is no unknown one.
ARTICLE_WORDS = frozenset(stem(w) for w in ("muscles", "impact", "stop", "recovery", "legs"))


def _passage(section: str, sentences: list[tuple[str, float]], score: float, *,
             closing: frozenset[int] = frozenset()) -> Passage:
    return Passage(
        chunk_id=f"{section}:{score}", article=TITLE, section=section,
        text="\n".join(text for text, _ in sentences), score=score,
        sentences=tuple(ScoredSentence(text, sim, i) for i, (text, sim) in enumerate(sentences)),
        closing=closing,
    )


EASY_DAYS = _passage("Planning > Easy Days", [
    ("Easy days are for recovery, whatever the sport.", 0.5),
    ("A ride or a swim keeps the legs fresh.", 0.45),
], 1.0)
SIGN_OFF = _passage("Wrapping Up", [
    ("Train smart and see you out there, friends!", 0.6),
    ("Marta Lind - head coach", 0.5),
], 0.8, closing=frozenset({0, 1}))


def _retrieval(question: str, *, covered: bool = True,
               byline: tuple[str, str] | None = None) -> Retrieval:
    lexicon = load_lexicon()
    options = lexicon.compared(question)
    heads = lexicon.option_heads(options) if options else None
    unread = frozenset(h for h in heads or ()
                       if h and not {stem(w) for w in h.split()} & ARTICLE_WORDS)
    return Retrieval([EASY_DAYS, SIGN_OFF], covered=covered, options=options,
                     option_heads=heads, unread=unread, byline=byline)


@pytest.mark.parametrize(("question", "known", "other"), [
    ("zumba or a swim on my recovery day?", "swimming", "zumba"),
    ("is kickboxing better than the rower?", "rowing", "kickboxing"),
    ("the elliptical vs bouldering, which one", "elliptical", "bouldering"),
    ("pool running or tai chi while my shin heals", "deep-water running", "tai chi"),
])
def test_one_known_option_leads_with_what_is_known_and_says_what_is_not(
        question: str, known: str, other: str) -> None:
    for covered in (True, False):
        answer = compose_extractive(question, _retrieval(question, covered=covered),
                                    catalogue=load_catalogue())
        first = answer.text.split("\n")[0]
        assert first.startswith(f"Of the two, the coach's activity list knows {known}")
        assert f"don't cover {other}" in first
        assert answer.text.count("Source:") == 1
        assert "Easy days are for recovery" not in answer.text


@pytest.mark.parametrize("question", [
    "does it work different muscles than running?",
    "keep running or stop?",
    "is running more high impact than cycling?",
    "is waterskiing legit or am i kidding myself",
    "swimming or cycling on my recovery day?",
])
def test_no_unknown_option_no_one_sided_answer(question: str) -> None:
    answer = compose_extractive(question, _retrieval(question), catalogue=load_catalogue())
    assert "Of the two" not in answer.text


@pytest.mark.parametrize("question", ["who wrote this?", "whos marta lind", "who's the author"])
def test_who_wrote_it_is_answered_by_the_byline(question: str) -> None:
    answer = compose_extractive(question, _retrieval(
        question, byline=("Marta Lind", "Marta Lind - head coach")), catalogue=load_catalogue())
    assert answer.text.startswith(
        "The coach's articles are by Marta Lind, signed “Marta Lind - head coach”.")
    assert "Source: Swim, Bike, Run Less — Wrapping Up" in answer.text
    assert "Train smart" not in answer.text


def test_an_article_without_an_author_says_so() -> None:
    answer = compose_extractive("who wrote this?", _retrieval("who wrote this?",
                                                              byline=("", "")))
    assert answer.text == "I answer from the coach's articles; they don't say who wrote them."
