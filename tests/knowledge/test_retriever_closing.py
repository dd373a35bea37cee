"""Sentences that close a piece of writing (sign-offs, bylines, calls to action), found by
position and shape, and the questions that set two options against each other."""

from __future__ import annotations

import pytest

from knowledge.retriever import HybridRetriever
from knowledge.text import closing_sentences, load_lexicon, sentences

HORTATIVES = load_lexicon().hortatives


def _closing(text: str, author: str = "") -> list[str]:
    found = sentences(text)
    return [found[i] for i in sorted(closing_sentences(text, author=author,
                                                       hortatives=HORTATIVES))]


def test_a_letter_s_closing_lines_at_the_end_of_a_passage_close_it() -> None:
    text = ("Mix a swim into your easiest week.\n\n"
            "See you on the trails,\nstay curious and keep moving!\nCheers,\nMarta")
    assert _closing(text) == ["See you on the trails, stay curious and keep moving!",
                              "Cheers, Marta"]
    # The same words as prose (one line) are advice, not a sign-off.
    assert _closing("See you on the trails, stay curious and keep moving!") == []


def test_a_short_last_line_naming_the_author_is_a_byline() -> None:
    text = "Rowing builds the back that holds your posture late in a race.\nMarta Lind, coach"
    assert _closing(text, author="Marta Lind") == ["Marta Lind, coach"]
    assert _closing(text, author="Someone Else") == []
    assert _closing("Ask Marta Lind about rowing technique before you start the drills.",
                    author="Marta Lind") == []


def test_a_last_sentence_calling_the_reader_to_act_closes_the_passage() -> None:
    assert _closing("Hills build power. Let's get you started on them today.") == [
        "Let's get you started on them today."]
    assert _closing("Spin on easy days. Book your seat now!") == ["Book your seat now!"]
    # An imperative that advises, a long exclamation, or a call in the middle: advice.
    assert _closing("Hills build power. Let your calves rest the day after.") == []
    assert _closing("Bike on easy days. Some rides are just a joy on a sunny morning!") == []
    assert _closing("Let's talk about hills. They build power in the calves.") == []


def test_a_list_whose_items_end_in_commas_is_no_sign_off() -> None:
    text = "If you are:\n\n- hurt,\n- bored,\n- stuck,\n\nthen swim."
    assert _closing(text) == []


@pytest.mark.parametrize(("question", "sides"), [
    ("rowing or the bike for a recovery day?", ("rowing", "the bike for a recovery day")),
    ("is the elliptical better than swimming for sore shins",
     ("is the elliptical", "swimming for sore shins")),
    ("stair climber vs hill walking before a mountain race",
     ("stair climber", "hill walking before a mountain race")),
    ("how is rowing compared to the elliptical", ("how is rowing", "the elliptical")),
])
def test_a_question_setting_two_options_against_each_other_is_read(
        question: str, sides: tuple[str, str]) -> None:
    assert load_lexicon().compared(question) == sides


def test_a_question_with_nothing_after_or_before_the_comparing_word_compares_nothing() -> None:
    lexicon = load_lexicon()
    assert lexicon.compared("what should i do on my rest day") is None
    assert lexicon.compared("swim or?") is None
    assert lexicon.compared("or the bike") is None


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "my shins ache after long runs, what should i do instead",
    "is it ok to ride the bike on my easy days",
    "i keep skipping my strength sessions, does that matter",
    "who is cross training for, i'm not racing this year",
    # About the coach's own training: neither her sign-off nor a call to action answers.
    "is the coach someone who cross trains herself?",
    "has cross-training helped the coach in her own running",
    "who should even bother with cross training",
])
def test_answers_to_training_questions_quote_no_closing_sentence(
        shipped_retriever: HybridRetriever, question: str) -> None:
    from coach.answers import Answerer

    closing = [sentence for index, chunk in enumerate(shipped_retriever.chunks)
               for position, sentence in enumerate(sentences(chunk.text))
               if position in shipped_retriever._closing[index]]
    assert closing, "the shipped article signs off"
    answer = Answerer(shipped_retriever).answer(question)
    assert not any(sentence in answer.text for sentence in closing)


@pytest.mark.slow
# "who wrote this, what are her credentials" is answered by the byline alone
# (test_retriever_byline.py).
@pytest.mark.parametrize("question", ["remind me what the coach's motto is",
                                      "what's that saying the coach ends with"])
def test_asked_for_the_sign_off_or_the_byline_the_answer_quotes_it(
        shipped_retriever: HybridRetriever, question: str) -> None:
    from coach.answers import Answerer

    # The sign-off: a passage whose every sentence closes the article.
    sign_off = [sentence for index, chunk in enumerate(shipped_retriever.chunks)
                if len(shipped_retriever._closing[index]) == len(sentences(chunk.text))
                for sentence in sentences(chunk.text)]
    assert sign_off
    answer = Answerer(shipped_retriever).answer(question)
    assert any(sentence in answer.text for sentence in sign_off)


@pytest.mark.parametrize("question", [
    "who's the writer here",
    "what credentials does the author have",
    "what's her catchphrase again",
    "how does the coach sign off her posts",
])
def test_asking_about_the_writing_itself_is_read(question: str) -> None:
    assert load_lexicon().about_writing(question)


@pytest.mark.parametrize("question", [
    "is it ok to ride the bike on my easy days",
    "who is cross training for",
    "i wrote my plan myself, is it ok",
])
def test_a_training_question_is_no_question_about_the_writing(question: str) -> None:
    assert not load_lexicon().about_writing(question)


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "is it ok to ride the bike on my easy days",
    "should my easy day be a spin",
    "keep easy days easy?",
])
def test_a_passage_that_only_signs_off_does_not_rank_first_for_a_training_question(
        shipped_retriever: HybridRetriever, question: str) -> None:
    first = shipped_retriever.rank(question)[0].chunk
    index = shipped_retriever.chunks.index(first)
    assert len(shipped_retriever._closing[index]) < len(sentences(first.text))
