"""Retrieval eval on the shipped article with the real model (questions in our own words).

hit@3 counts a question only when it is answered (covered) and an expected section is in
the top three; out-of-scope questions must be refused.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bench.retrieval import load_dev, load_dev2, load_dev3, load_dev4, load_dev5, section_matches
from knowledge.retriever import HybridRetriever
from tests.knowledge.conftest import FIXTURES


def _eval() -> dict[str, Any]:
    data = yaml.safe_load((FIXTURES / "retrieval_eval.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_eval_is_big_enough_and_names_real_sections(
    shipped_retriever: HybridRetriever,
) -> None:
    data = _eval()
    assert len(data["covered"]) >= 80
    assert len(data["not_covered"]) >= 30
    for item in load_dev():
        for name in item.expected:
            assert any(section_matches(c, name) for c in shipped_retriever.chunks), name
    headings = {h.lower() for chunk in shipped_retriever.chunks for h in chunk.headings}
    # Our own words: no question repeats a heading.
    assert not any(item["q"].lower().strip("?") in headings for item in data["covered"])


@pytest.mark.parametrize("loader", [load_dev2, load_dev3, load_dev4, load_dev5])
def test_the_written_dev_sets_load_and_name_real_sections(
    shipped_retriever: HybridRetriever, loader: Any,
) -> None:
    items = loader()
    assert sum(item.in_scope for item in items) >= 60
    assert sum(not item.in_scope for item in items) >= 10
    for item in items:
        if item.in_scope:
            assert item.facts, item.question
            assert any(section_matches(c, name) for c in shipped_retriever.chunks
                       for name in item.expected), item.question


def test_hit_at_3_and_refusals(shipped_retriever: HybridRetriever) -> None:
    items = load_dev()
    covered = [item for item in items if item.in_scope]
    hits, misses = 0, []
    for item in covered:
        retrieval = shipped_retriever.retrieve(item.question, limit=3)
        top = [r.chunk for r in shipped_retriever.rank(item.question)[:3]]
        if retrieval.covered and any(section_matches(c, n) for c in top for n in item.expected):
            hits += 1
        else:
            misses.append((item.question, retrieval.covered, [c.section for c in top]))
    out_of_scope = [item.question for item in items if not item.in_scope]
    answered = [question for question in out_of_scope
                if shipped_retriever.retrieve(question).covered]
    # Measured 82/89 and 7/34 answered out of scope; on the larger set 9/44 answered, then
    # 1/44 with the calibrated coverage score (bench/retrieval.py). A share, as the set
    # grew; a regression fails.
    assert hits / len(covered) >= 0.9, misses
    assert len(answered) <= 0.1 * len(out_of_scope), answered


def test_a_booking_word_in_an_off_topic_question_does_not_bypass_the_coverage_score(
    shipped_retriever: HybridRetriever,
) -> None:
    # "register" asks about booking, but what is asked is a topic the articles skip.
    assert not shipped_retriever.retrieve(
        "how do i register for the boston marathon, when does it open").covered
    assert shipped_retriever.retrieve("where do i sign up for the masterclass").covered


@pytest.mark.parametrize("question, section_end", [
    ("Is a VersaClimber worth using for ultramarathon training?", "Tougher Challenges"),
    ("Do jump squats and bounding make you faster?", "Increase Speed and Power"),
    ("Wildfires closed my local trails, how do I keep training?", "Life’s Challenges"),
    # "slow" is the lexicon's word for speed (the fifth dev set).
    ("my stride feels slow and choppy. anything besides just running more?",
     "Increase Speed and Power"),
])
def test_rare_words_find_their_section_first(
    shipped_retriever: HybridRetriever, question: str, section_end: str
) -> None:
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.covered
    assert retrieval.passages[0].section.endswith(section_end)
    scores = [p.score for p in retrieval.passages]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_baselines_rank_the_same_chunks(shipped_retriever: HybridRetriever) -> None:
    question = "What are plyometric drills good for?"
    for method in ("hybrid", "dense", "bm25"):
        ranked = shipped_retriever.rank(question, method=method)  # type: ignore[arg-type]
        assert len(ranked) == len(shipped_retriever.chunks)


def test_topics_list_the_advice_sections_not_the_offers(
    shipped_retriever: HybridRetriever,
) -> None:
    topics = shipped_retriever.topics()
    assert "Reduce Injuries and Aid Recovery" in topics
    assert "How to Incorporate Cross-Training Into Your Plan" in topics
    assert not any("Want more help" in t for t in topics)


def test_no_heading_of_the_shipped_article_is_written_in_code() -> None:
    root = FIXTURES.parents[2]
    article = (root / "knowledge/articles/cross-training-for-runners.md").read_text("utf-8")
    headings = [line.lstrip("#").strip() for line in article.splitlines()
                if line.startswith("#")]
    points = [line.split(" - ", 1)[0] for line in article.splitlines() if " - " in line
              and len(line.split(" - ", 1)[0]) < 40]
    names = [h for h in headings + points if len(h) > 6]
    # Also their unnumbered forms ("Reduce Injuries and Aid Recovery").
    names += [h.split(". ", 1)[1] for h in headings if h[:1].isdigit() and ". " in h]
    for path in [*root.glob("knowledge/*.py"), *root.glob("coach/*.py")]:
        code = path.read_text(encoding="utf-8").lower()
        for name in names:
            assert name.lower() not in code, f"{path.name} names the heading {name!r}"


def test_general_passages_do_not_win_on_shared_words(shipped_retriever: HybridRetriever) -> None:
    # "race" appears in the call to action; a training question must not get an offer.
    ranked = shipped_retriever.rank("I have a race coming up, how do I level up my running?")
    assert "assessment" not in ranked[0].chunk.text.lower()
    offers = shipped_retriever.rank("How do I book a running assessment?")
    assert "assessment" in offers[0].chunk.text.lower()


@pytest.mark.parametrize("question", [
    "is swimming good cross training for runners", "what muscles does running miss?",
])
def test_a_question_naming_a_topic_of_the_advice_is_not_answered_by_the_introduction(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    assert shipped_retriever._specific(question)
    assert shipped_retriever.rank(question)[0].chunk.kind != "introduction"


def test_a_general_question_may_still_be_answered_by_the_introduction(
    shipped_retriever: HybridRetriever,
) -> None:
    assert not shipped_retriever._specific("is cross training worth it?")


def test_a_question_about_the_offers_is_answered_by_them(
    shipped_retriever: HybridRetriever,
) -> None:
    retrieval = shipped_retriever.retrieve("do you run any workshops?")
    assert retrieval.covered
    assert retrieval.passages[0].kind == "offer"
    assert "Workshop" in retrieval.passages[0].text


def test_a_booking_question_in_chat_spelling_is_answered_by_the_offers(
    shipped_retriever: HybridRetriever,
) -> None:
    retrieval = shipped_retriever.retrieve("do u do free assessments")
    assert retrieval.covered
    assert retrieval.passages[0].kind == "offer"
    assert any("Strength Assessment" in p.text for p in retrieval.passages)


@pytest.mark.parametrize("question, covered", [
    ("which shoes are best for running in the rain", False),
    ("how long should my taper be before an ultra", False),
    ("how do i pace a trail race with lots of climbing", False),
    ("snow everywhere and the treadmill is broken. ideas?", True),
    ("my shins are killing me, can i still train somehow?", True),
    # Reads like "what to eat before a race" for its "before ... races" alone.
    ("off season rn, want to get quicker before spring races. what should i add", True),
    ("what should i eat before a long run", False),
    # About as close to a topic the articles skip as to their best sentence, and far from
    # the article as a whole: the calibrated score refuses them (fifth dev set).
    ("best compression socks for recovery?", False),
    ("can i transfer my race bib to a friend if im injured", False),
    ("tips for fitting xt into my week?", True),
])
def test_a_question_closer_to_a_topic_the_articles_skip_is_not_covered(
    shipped_retriever: HybridRetriever, question: str, covered: bool,
) -> None:
    # Each shares words with the article (rain, ultra, climbing); the lexicon's off_topic
    # list says what runners ask that the articles don't cover.
    assert shipped_retriever.retrieve(question).covered is covered


@pytest.mark.parametrize("question", [
    "what is bounding",
    "The weather is awful and my routes are flooded, what now?",
    "i'm stuck at the same 10k time for a year",
])
def test_a_question_in_the_athlete_s_words_is_covered_through_the_lexicon(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    # Far from every sentence as asked; close once read with the lexicon's words.
    assert shipped_retriever.retrieve(question).covered


def test_a_list_question_is_answered_with_the_parts_of_the_section_it_names(
    shipped_retriever: HybridRetriever,
) -> None:
    from coach.answers import Answerer

    retrieval = shipped_retriever.retrieve("what are the benefits of cross training")
    assert retrieval.outline is not None and retrieval.covered
    parts = {passage.section for passage in retrieval.passages}
    assert len(parts) >= 3 and all(part.startswith(retrieval.outline) for part in parts)
    ranked = shipped_retriever.rank("what are the benefits of cross training")
    assert ranked[0].chunk.section in parts
    answer = Answerer(shipped_retriever).answer("what are the ways to do cross training")
    lines = answer.text.split("\n\n")[0].splitlines()
    assert len(lines) >= 4 and lines[1].startswith("1. ") and len(answer.text) <= 600
    # A question of its own is no list question.
    assert shipped_retriever.retrieve("my knee hurts, can I swim instead?").outline is None


@pytest.mark.parametrize("question", [
    "why does it work so well, main reasons",
    "how do i incorporate it into my plan, just the steps",
])
def test_a_list_question_may_name_its_section_by_the_heading_s_words(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    # "work", "incorporate", "plan" are the listed section's own words, not a topic.
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.outline is not None and retrieval.covered


def test_a_question_about_the_coach_herself_gets_a_passage_where_she_speaks(
    shipped_retriever: HybridRetriever,
) -> None:
    import re

    question = "does the coach do cross training herself?"
    assert shipped_retriever.lexicon.about_author(question)
    assert not shipped_retriever.lexicon.about_author("did plyos work for the coach's runner")
    assert re.search(r"\b(?:I|me)\b", shipped_retriever.rank(question)[0].chunk.text)


@pytest.mark.parametrize("question, fact", [
    # The story ranked first and its ending says what was asked: quoted to its end.
    ("how did the ultra runner feel about the ascents on race day after the VersaClimber "
     "work?", "confidence to conquer those grueling ascents"),
    # An introduction paragraph ranked clearly first answers before the others.
    ("what has cross-training done for you yourself, coach?", "overcome setbacks"),
])
def test_the_answer_holds_what_the_passage_ranked_first_says_about_the_question(
    shipped_retriever: HybridRetriever, question: str, fact: str,
) -> None:
    from coach.answers import MAX_ANSWER_CHARS, Answerer

    answer = Answerer(shipped_retriever, cautions=shipped_retriever.lexicon).answer(question)
    assert answer.covered and fact in answer.text
    assert len(answer.text) <= MAX_ANSWER_CHARS


@pytest.mark.parametrize("question, covered", [
    ("what's the 29029 thing?", True),
    # Naming the figure does not make an off-topic question covered.
    ("what should i eat the night before the 29029?", False),
])
def test_a_question_naming_what_one_passage_alone_names_is_covered(
    shipped_retriever: HybridRetriever, question: str, covered: bool,
) -> None:
    # Far in meaning from every sentence: the model reads "29029" poorly.
    retrieval = shipped_retriever.retrieve(question)
    assert retrieval.covered is covered
    if covered:
        assert "29029" in retrieval.passages[0].text


@pytest.mark.parametrize("question, section", [
    # Sharing only the title's words with the summary list, the section that develops
    # the idea wins.
    ("when in the week should i cross train", "Schedule It Strategically"),
    ("wait what even counts as cross training", "What is Cross-Training?"),
    # Sharing its own words ("right for me", "injured"), the summary list still answers.
    ("who is cross training actually for", "Is Cross-Training Right for You?"),
])
def test_a_summary_list_wins_only_on_words_of_its_own(
    shipped_retriever: HybridRetriever, question: str, section: str,
) -> None:
    assert shipped_retriever._summary.sum() == 1
    assert section in shipped_retriever.rank(question)[0].chunk.headings


@pytest.mark.parametrize("question", [
    "my physio has me on a return plan, where does cross-training fit",
    "in pt for my knee, how do i use cross training",
])
def test_a_runner_seeing_a_physio_is_in_injury_rehab(
    shipped_retriever: HybridRetriever, question: str,
) -> None:
    # "physio", "PT": the runners' words for the article's "injury rehab" (the lexicon).
    assert "rehab" in shipped_retriever.lexicon.expand(question)
    top = shipped_retriever.rank(question)[0].chunk
    assert top.headings[-1] == "Schedule It Strategically"


def test_an_answer_picks_its_sentences_by_the_question_read_with_the_lexicon(
    shipped_retriever: HybridRetriever,
) -> None:
    from coach.answers import Answerer

    # "plyos" is the lexicon's word for the article's "plyometric exercises": the sentence
    # naming them reads closest and opens the answer, not the section's general one.
    question = "r plyos any good for a marathoner"
    passages = shipped_retriever.retrieve(question).passages
    advice = next(p for p in passages if "Plyometric exercises, for example" in p.text)
    best = max(advice.sentences, key=lambda s: s.similarity)
    assert best.text.startswith("Plyometric exercises, for example")
    answer = Answerer(shipped_retriever).answer(question)
    assert answer.text.startswith("Plyometric exercises, for example, build explosive power")
