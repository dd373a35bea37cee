"""Sentence splitting and the words used for BM25 and topic evidence."""

from __future__ import annotations

from knowledge.text import sentences, stem, terms, topic_terms


def test_abbreviations_do_not_end_a_sentence() -> None:
    assert sentences("She’ll ascend the height of Mt. Everest. She lives in LA.") == [
        "She’ll ascend the height of Mt. Everest.", "She lives in LA."]


def test_a_list_after_a_colon_stays_one_sentence_and_lone_words_stay_apart() -> None:
    text = ("If you’re:\n- Recovering from an injury,\n- Preparing for a race, or\n"
            "- Just looking,\ncross-training is the answer.\nJoin our workshop!\nOr\nLearn more")
    assert sentences(text) == [
        "If you’re: Recovering from an injury, Preparing for a race, or Just looking, "
        "cross-training is the answer.",
        "Join our workshop!", "Or", "Learn more"]


def test_terms_stem_and_drop_stopwords_and_topics_drop_runner_words() -> None:
    assert stem("injuries") == stem("injury") and stem("climbing") == "climb"
    assert terms("What can I do for my injuries?") == [stem("injury")]
    assert topic_terms("Should I listen to music while I run?") == {"listen", "music"}
