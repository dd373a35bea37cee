"""Telegram HTML rendering: everything escaped, every message under the limit."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.render import MESSAGE_LIMIT, escape, split_message, text_length

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
