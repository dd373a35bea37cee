"""Sentence splitting and the words used for BM25 and topic evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.text import (
    LexiconError,
    _holds,
    load_lexicon,
    match_form,
    sentences,
    stem,
    term_of,
    terms,
    topic_terms,
)


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


def test_the_lexicon_expands_a_question_with_words_for_the_same_idea() -> None:
    lexicon = load_lexicon()
    expanded = lexicon.expand("It's pouring and I can't get outside")
    assert stem("weather") in expanded
    assert stem("consistency") in lexicon.expand("how often should I do it?")
    assert {stem("deep"), stem("water")} <= set(lexicon.expand("is aqua jogging any good"))
    # Words the athlete wrote come first; nothing is added to an unrelated question.
    assert lexicon.expand("capital of Australia") == terms("capital of Australia")
    assert stem("weather") in lexicon.topic("pouring rain all week")


def test_the_lexicon_finds_high_impact_advice_and_has_a_caution() -> None:
    lexicon = load_lexicon()
    assert lexicon.high_impact_words("We added jump squats and bounding drills.") == \
        ["jump", "bounding"]
    assert lexicon.high_impact_words("Swim easy for twenty minutes.") == []
    assert "{injury}" in lexicon.caution and "{words}" in lexicon.caution


def test_a_broken_lexicon_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("synonyms: [[ok], 3]\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        load_lexicon(path)
    path.write_text("off_topic: shoes\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        load_lexicon(path)


def test_the_lexicon_lists_topics_the_articles_do_not_cover(tmp_path: Path) -> None:
    assert any("shoes" in topic for topic in load_lexicon().off_topic)
    path = tmp_path / "lexicon.yaml"
    path.write_text("off_topic: [' race fuel ', '']\n", encoding="utf-8")
    assert load_lexicon(path).off_topic == ("race fuel",)


def test_the_lexicon_gives_the_phrases_as_written_for_a_question_s_meaning() -> None:
    lexicon = load_lexicon()
    phrases = lexicon.expansion_phrases("how do i stick with it", per_group=4)
    assert "consistency" in phrases and "stick with" not in phrases
    assert len(phrases) <= 4
    assert lexicon.expansion_phrases("the capital of australia please") == []


def test_british_words_for_heavy_rain_read_as_bad_weather() -> None:
    lexicon = load_lexicon()
    for question in ("it's chucking it down again", "tipping it down all week, now what?"):
        assert "weather" in lexicon.expand(question)
    # The words alone are no rain: "down" and "tips" say nothing about the weather.
    assert "weather" not in lexicon.expand("any tips for running downhill")


def test_an_adverb_is_matched_apart_from_the_word_it_is_made_from() -> None:
    # Snowball stems "personally" and "personal" alike; the lexicon keeps them apart.
    assert stem("personally") == stem("personal")
    assert match_form("personally") != match_form("personal")
    assert term_of(match_form("personally")) == stem("personally")
    # Inflections and words merely ending in "ly" still meet as before.
    assert match_form("families") == match_form("family")
    assert match_form("injuries") == match_form("injury")


def test_asking_who_it_is_for_reads_as_whether_it_is_right_for_you() -> None:
    lexicon = load_lexicon()
    for question in ("is cross training for beginners too", "is it only for injured ppl"):
        assert stem("right") in lexicon.expand(question), question
    assert stem("right") not in lexicon.expand("is cross training good for speed")


def test_a_personal_best_is_no_question_about_the_author() -> None:
    lexicon = load_lexicon()
    assert lexicon.about_author("has cross training helped u personally")
    assert not lexicon.about_author("I want a marathon personal best")
    assert stem("herself") not in lexicon.expand("I want a marathon personal best")
    assert stem("herself") in lexicon.expand("has it helped you personally")
    # The BM25 terms an expansion adds are plain stems, never matching forms.
    assert all("+" not in term for term in lexicon.expand("does she do it personally"))


@given(st.lists(st.sampled_from("abcd"), max_size=8),
       st.lists(st.sampled_from("abcd"), max_size=3).map(tuple))
def test_a_phrase_is_held_exactly_when_it_is_a_run_of_the_words(
    sequence: list[str], phrase: tuple[str, ...]
) -> None:
    runs = {tuple(sequence[i:i + len(phrase)]) for i in range(len(sequence) - len(phrase) + 1)}
    assert _holds(sequence, phrase) == (bool(phrase) and phrase in runs)


def test_words_that_only_frame_a_question_name_no_topic() -> None:
    # "instead", "during", "bad", "okay" are in the article's sentences too ("Instead of
    # giving up"): sharing them is no sign that it covers the activity asked about.
    found = topic_terms("would it be bad or okay to do tai chi instead, during my taper")
    assert not found & {stem(w) for w in ("instead", "during", "bad", "okay")}
    assert {stem("tai"), stem("chi"), stem("taper")} <= found


def test_indoor_bike_trainers_read_as_cycling() -> None:
    lexicon = load_lexicon()
    for question in ("45 min on the turbo count?", "zwift ride after work ok?",
                     "my smart trainer or a run?"):
        assert stem("cycling") in lexicon.topic(question)


def test_things_out_of_ones_control_read_as_lifes_obstacles() -> None:
    lexicon = load_lexicon()
    for question in ("work stuff out of my control wrecks my plan",
                     "my week got derailed again", "life threw me a curveball"):
        assert stem("obstacles") in lexicon.expand(question)
