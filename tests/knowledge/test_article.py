"""The shipped article: the coach's text unchanged, with front matter and Markdown headings."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter

from knowledge.documents import load_article, split_article
from tests.knowledge.conftest import FIXTURES

ARTICLE = Path(__file__).parents[2] / "knowledge" / "articles" / "cross-training-for-runners.md"
SEED = FIXTURES / "cross-training-article.txt"
_MARKDOWN_PREFIX = re.compile(r"^(#{1,6} |- )")


def _body_lines() -> list[str]:
    body = frontmatter.loads(ARTICLE.read_text(encoding="utf-8")).content
    return [_MARKDOWN_PREFIX.sub("", line) for line in body.splitlines() if line.strip()]


def test_every_line_of_the_seed_is_in_the_article_verbatim_and_in_order() -> None:
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = _body_lines()
    assert len(seed_lines) > 40
    position = 0
    for line in seed_lines:
        assert line in body[position:], f"missing or out of order: {line!r}"
        position = body.index(line, position) + 1
    # Nothing was added to the text but Markdown markup.
    assert len(body) == len(seed_lines)


def test_front_matter_has_title_author_language() -> None:
    article = load_article(ARTICLE)
    assert article.title == (
        "The Benefits of Cross-Training for Runners: More Than Just a Break from Running")
    assert article.author == "Dayna"
    assert article.language == "en"


def test_numbered_benefits_are_nested_under_why_cross_training_works() -> None:
    sections = [chunk.section for chunk in split_article(load_article(ARTICLE))]
    why = "Why Cross-Training Works: 4 Key Benefits for Runners"
    for benefit in ("1. Reduce Injuries and Aid Recovery",
                    "2. Build Strength for Tougher Challenges",
                    "3. Adapt to Life’s Challenges",
                    "4. Increase Speed and Power"):
        assert f"{why} > {benefit}" in sections
    assert "What is Cross-Training?" in sections
    how_to = "How to Incorporate Cross-Training Into Your Plan"
    # Each of the four points is a passage of its own, named after the point.
    for point in ("Choose the Right Activities", "Schedule It Strategically", "Make It Fun",
                  "Stay Consistent"):
        assert f"{how_to} > {point}" in sections
    text = ARTICLE.read_text(encoding="utf-8")
    assert f"\n## {why}\n" in text
    assert "\n### 1. Reduce Injuries and Aid Recovery\n" in text
