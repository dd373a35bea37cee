"""Telegram HTML rendering: everything escaped, every message under the limit."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.render import (
    MESSAGE_LIMIT,
    answer_html,
    escape,
    option_html,
    split_message,
    swap_html,
    text_length,
)
from coach.answers import Answer, Source
from coach.substitution import SwapOption, SwapResult

NASTY = '<script>alert("x")</script> & <b>bold</b> &amp; 5 < 6 > 4'


def _no_raw_markup(html: str, allowed_tags: set[str]) -> None:
    """Only our own tags appear; every '&' starts an entity."""
    for tag in re.findall(r"</?([a-zA-Z]+)[^>]*>", html):
        assert tag in allowed_tags, f"unexpected tag <{tag}> in {html!r}"
    assert re.findall(r"&(?!(?:amp|lt|gt|quot|#\d+);)", html) == []


def _words(text: str) -> list[str]:
    return text.split()


# ---------------------------------------------------------------- escape


def test_escape_escapes_the_three_html_specials() -> None:
    assert escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"


def test_escape_leaves_quotes_alone_for_readability() -> None:
    assert escape("it's \"easy\"") == "it's \"easy\""


def test_escape_escapes_an_existing_entity_again() -> None:
    # Text from the athlete is text: "&amp;" typed by them shows as "&amp;".
    assert escape("&amp;") == "&amp;amp;"


def test_escape_of_script_tag() -> None:
    assert escape("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"


# ---------------------------------------------------------------- split_message


def test_short_text_is_one_message_unchanged() -> None:
    assert split_message("Hello\n\nthere") == ["Hello\n\nthere"]


def test_text_of_exactly_the_limit_is_not_split() -> None:
    text = "a" * MESSAGE_LIMIT
    assert split_message(text) == [text]


def test_default_limit_is_telegrams_4096() -> None:
    assert MESSAGE_LIMIT == 4096
    chunks = split_message("a" * 4097)
    assert [len(c) for c in chunks] == [4096, 1]


def test_splits_at_paragraph_boundaries_first() -> None:
    paragraphs = [f"Paragraph {i}. " + "word " * 150 for i in range(12)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    chunks = split_message(text)
    assert len(chunks) > 1
    assert all(len(c) <= MESSAGE_LIMIT for c in chunks)
    # Every paragraph is whole inside exactly one chunk.
    for paragraph in (p.strip() for p in paragraphs):
        assert sum(paragraph in chunk for chunk in chunks) == 1
    assert "\n\n".join(chunks) == text


def test_paragraphs_are_packed_greedily_not_one_per_message() -> None:
    text = "\n\n".join(["x" * 1000] * 8)  # 8 paragraphs of 1000 characters
    chunks = split_message(text)
    assert len(chunks) == 2  # four paragraphs and three separators fit in 4096
    assert chunks[0] == "\n\n".join(["x" * 1000] * 4)


def test_a_long_paragraph_splits_at_lines() -> None:
    lines = [f"line {i:03d} " + "y" * 60 for i in range(100)]
    text = "Intro.\n\n" + "\n".join(lines)
    chunks = split_message(text, limit=1000)
    assert all(len(c) <= 1000 for c in chunks)
    for line in lines:
        assert sum(line in chunk for chunk in chunks) == 1, "a line was cut"


def test_a_long_line_splits_at_words() -> None:
    words = [f"w{i:04d}" for i in range(2000)]
    text = " ".join(words)  # one line of 11,999 characters
    chunks = split_message(text)
    assert all(len(c) <= MESSAGE_LIMIT for c in chunks)
    assert _words(" ".join(chunks)) == words  # no word was cut in two


def test_a_single_10000_character_word_is_cut_hard() -> None:
    word = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    chunks = split_message(word)
    assert [len(c) for c in chunks] == [4096, 4096, 1808]
    assert "".join(chunks) == word


def test_a_huge_word_between_paragraphs_keeps_the_paragraphs_whole() -> None:
    text = "Before.\n\n" + "z" * 10_000 + "\n\nAfter."
    chunks = split_message(text)
    assert all(len(c) <= MESSAGE_LIMIT for c in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())
    assert chunks[0].startswith("Before.")
    assert chunks[-1].endswith("After.")


def test_emoji_count_as_two_units_so_the_message_fits_however_telegram_counts() -> None:
    text = "💪" * 3000  # 3000 characters, 6000 UTF-16 code units
    chunks = split_message(text)
    assert all(text_length(c) <= MESSAGE_LIMIT for c in chunks)
    assert "".join(chunks) == text
    assert len(chunks) == 2


def test_text_length_counts_utf16_units() -> None:
    assert text_length("abc") == 3
    assert text_length("é") == 1
    assert text_length("💪") == 2
    assert text_length("") == 0


def test_a_cut_never_lands_inside_an_entity() -> None:
    text = escape("&" * 3000)  # "&amp;" x 3000: 15,000 characters with no space
    chunks = split_message(text)
    assert all(len(c) <= MESSAGE_LIMIT for c in chunks)
    for chunk in chunks:
        assert re.fullmatch(r"(?:&amp;)+", chunk), chunk[:20] + "..." + chunk[-20:]
    assert "".join(chunks) == text


def test_a_cut_never_lands_inside_a_tag() -> None:
    text = ("<b>x</b>" * 2000)  # 16,000 characters, no spaces
    for limit in (4096, 100, 37):
        chunks = split_message(text, limit=limit)
        assert all(len(c) <= limit for c in chunks)
        for chunk in chunks:
            assert "<" not in chunk.split(">")[-1], f"tag cut at the end of {chunk[-12:]!r}"
        assert "".join(chunks) == text


def test_whitespace_only_pieces_are_not_sent() -> None:
    text = "a" * 4096 + "\n\n" + " " * 50 + "\n\n" + "   "
    assert split_message(text) == ["a" * 4096]


def test_a_small_limit_still_makes_progress() -> None:
    chunks = split_message("abc def ghi", limit=1)
    assert chunks == list("abcdefghi")


def test_a_limit_below_one_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        split_message("text", limit=0)


_texts = st.lists(
    st.sampled_from([*"ab é💪&<>", "\n", "\n\n", " ", "word", "&amp;", "<b>", "</b>"]),
    max_size=150,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_texts, limit=st.integers(min_value=2, max_value=60))  # an emoji needs 2
@example(text="\n\n\n\n", limit=2)
@example(text="a\n\n\nb", limit=2)
def test_property_never_over_the_limit_and_nothing_lost(text: str, limit: int) -> None:
    chunks = split_message(text, limit=limit)
    assert all(text_length(c) <= limit for c in chunks)
    # Same content once the separators (whitespace) are ignored.
    assert "".join("".join(chunks).split()) == "".join(text.split())
    if text_length(text) > limit:
        assert all(c.strip() for c in chunks)


@settings(max_examples=100, deadline=None)
@given(
    paragraphs=st.lists(
        st.text(alphabet="abc xyz\n", min_size=1, max_size=40).map(str.strip).filter(
            lambda p: p and "\n\n" not in p
        ),
        min_size=2,
        max_size=12,
    ),
    limit=st.integers(min_value=40, max_value=120),
)
def test_property_paragraphs_that_fit_are_never_split(paragraphs: list[str], limit: int) -> None:
    text = "\n\n".join(paragraphs)
    chunks = split_message(text, limit=limit)
    assert "\n\n".join(chunks) == text


# ---------------------------------------------------------------- answer_html


def _answer(text: str, *, covered: bool = True, sources: bool = True) -> Answer:
    found = [Source("Cross-training for runners", "Cycling", 0.9)] if sources else []
    return Answer(text=text, covered=covered, sources=found)


def test_answer_source_line_is_in_italics_and_body_escaped() -> None:
    html = answer_html(
        _answer("Cycling <works> & helps.\n\nSource: Cross-training for runners — Cycling")
    )
    assert html == (
        "Cycling &lt;works&gt; &amp; helps.\n\n"
        "<i>Source: Cross-training for runners — Cycling</i>"
    )


def test_answer_source_line_itself_is_escaped() -> None:
    html = answer_html(_answer("Body.\nSource: <script>x</script> & co"))
    assert html == "Body.\n<i>Source: &lt;script&gt;x&lt;/script&gt; &amp; co</i>"
    _no_raw_markup(html, {"i"})


def test_answer_without_sources_has_no_italics() -> None:
    html = answer_html(_answer("I don't know that one.\nSource: nothing", sources=False))
    assert "<i>" not in html
    assert html == "I don't know that one.\nSource: nothing"


def test_uncovered_answer_is_escaped_plainly() -> None:
    html = answer_html(_answer(f"Not covered {NASTY}\nSource: x", covered=False))
    assert "<i>" not in html
    _no_raw_markup(html, set())


def test_answer_whose_last_line_is_not_a_source_is_escaped_plainly() -> None:
    html = answer_html(_answer("Line one.\nLine <two> & more"))
    assert html == "Line one.\nLine &lt;two&gt; &amp; more"


def test_one_line_answer_is_escaped() -> None:
    assert answer_html(_answer(NASTY)) == escape(NASTY)


# ---------------------------------------------------------------- swap_html / option_html


def _option(**changes: object) -> SwapOption:
    base = SwapOption(
        activity="pool_running",
        name="Deep-water running",
        minutes=40,
        effort="easy",
        rpe=3,
        structure="10 min easy, 6 x 3 min steady / 1 min easy, 8 min easy",
        impact="none",
        indoor=True,
        equipment=("pool",),
        why="Same movement as running, no impact",
        source="Cross-training for runners — Water running",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_option_html_shape() -> None:
    html = option_html(2, _option())
    assert html == (
        "<b>2. Deep-water running</b> — 40 min, easy (RPE 3), no impact, indoor\n"
        "10 min easy, 6 x 3 min steady / 1 min easy, 8 min easy\n"
        "<i>Why:</i> Same movement as running, no impact\n"
        "<i>Source:</i> Cross-training for runners — Water running"
    )


@pytest.mark.parametrize(
    ("impact", "words"),
    [("none", "no impact"), ("low", "low impact"), ("moderate", "moderate impact"),
     ("high", "high impact")],
)
def test_option_html_names_every_impact_level(impact: str, words: str) -> None:
    assert f"RPE 3), {words}, outdoor" in option_html(1, _option(impact=impact, indoor=False))
    assert "outdoor" in option_html(1, _option(impact=impact, indoor=False))


def test_option_html_escapes_every_text_field() -> None:
    option = _option(
        name="<script>alert(1)</script> & swim",
        effort="easy & <i>steady</i>",
        structure="5 x <4 min> & 1 min",
        why='<a href="x">because</a> & fun',
        source="Article & <b>section</b>",
    )
    html = option_html(1, option)
    _no_raw_markup(html, {"b", "i"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; swim" in html
    assert "easy &amp; &lt;i&gt;steady&lt;/i&gt;" in html
    assert "5 x &lt;4 min&gt; &amp; 1 min" in html
    assert '&lt;a href="x"&gt;because&lt;/a&gt; &amp; fun' in html
    assert "Article &amp; &lt;b&gt;section&lt;/b&gt;" in html
    assert "<script>" not in html


def test_swap_html_escapes_intro_referral_and_note() -> None:
    result = SwapResult(
        referral="See a <doctor> & rest",
        options=[_option(name="Swim & <b>float</b>")],
        note="Keep it <easy> & fun",
    )
    html = swap_html(result, intro="Hi <Ann> & co")
    _no_raw_markup(html, {"b", "i"})
    assert html.startswith("Hi &lt;Ann&gt; &amp; co\n\n")
    assert "⚠️ <b>See a &lt;doctor&gt; &amp; rest</b>" in html
    assert "Keep it &lt;easy&gt; &amp; fun" in html
    assert "<b>1. Swim &amp; &lt;b&gt;float&lt;/b&gt;</b>" in html
    assert "If your clinician agrees" in html


def test_swap_html_numbers_options_in_order_and_asks_to_tap() -> None:
    result = SwapResult(
        referral=None,
        options=[_option(name="Bike"), _option(name="Row"), _option(name="Swim")],
        note=None,
    )
    html = swap_html(result)
    assert html.index("<b>1. Bike</b>") < html.index("<b>2. Row</b>") < html.index("<b>3. Swim</b>")
    assert html.startswith("Here's what I suggest instead:")
    assert html.endswith("Tap the one you'll do and I'll log it.")
    assert "⚠️" not in html


def test_swap_html_referral_only_has_no_option_list() -> None:
    result = SwapResult(referral="Please see a doctor today.", options=[], note=None)
    assert swap_html(result) == "⚠️ <b>Please see a doctor today.</b>"


def test_swap_html_paragraphs_survive_splitting() -> None:
    result = SwapResult(
        referral=None, options=[_option(name=f"Option {i}") for i in range(1, 40)], note=None
    )
    html = swap_html(result)
    chunks = split_message(html)
    assert len(chunks) > 1
    for chunk in chunks:
        # Tags are balanced in every message, so Telegram can parse each one.
        assert chunk.count("<b>") == chunk.count("</b>")
        assert chunk.count("<i>") == chunk.count("</i>")
