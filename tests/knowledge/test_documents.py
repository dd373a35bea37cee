"""Splitting by heading then size, heading paths, stable ids, broken articles."""

from __future__ import annotations

from pathlib import Path

from knowledge.documents import CHUNK_SIZE, load_article, load_chunks, split_article
from tests.knowledge.conftest import ARTICLE, write_article


def test_split_keeps_the_heading_path_and_names_sections_below_the_title(tmp_path: Path) -> None:
    chunks = split_article(load_article(write_article(tmp_path)))
    assert [c.headings for c in chunks] == [
        ("Pool Running",),
        ("Pool Running", "How to do it"),
        ("Pool Running", "How long"),
    ]
    assert [c.section for c in chunks] == ["Pool Running", "How to do it", "How long"]
    assert chunks[1].text == "Wear a flotation belt. Run in the deep end with a tall posture."
    assert chunks[1].metadata()["heading_path"] == "Pool Running > How to do it"
    assert all(c.title == "Pool Running" and c.author == "Dayna" for c in chunks)


def test_long_sections_are_split_by_size_under_the_same_heading(tmp_path: Path) -> None:
    paragraphs = [f"Ride {n}: easy spinning on the bike builds aerobic fitness. " * 10
                  for n in range(6)]
    text = ARTICLE + "\n## Bike\n\n" + "\n\n".join(paragraphs)
    chunks = [c for c in split_article(load_article(write_article(tmp_path, text=text)))
              if c.section == "Bike"]
    assert len(chunks) >= 3
    assert all(len(c.text) <= CHUNK_SIZE for c in chunks)


def test_ids_are_stable_and_change_only_with_content(tmp_path: Path) -> None:
    first = split_article(load_article(write_article(tmp_path)))
    again = split_article(load_article(write_article(tmp_path)))
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    edited = ARTICLE.replace("Match the minutes", "Match the time")
    changed = split_article(load_article(write_article(tmp_path, text=edited)))
    assert [c.id for c in changed][:2] == [c.id for c in first][:2]
    assert changed[2].id != first[2].id


def test_broken_articles_are_reported_by_name_and_the_others_still_load(tmp_path: Path) -> None:
    write_article(tmp_path, "good.md")
    (tmp_path / "empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes(
        "---\ntitle: Caf\xe9\n---\n\nText".encode("latin-1"))
    (tmp_path / "bad-yaml.md").write_text("---\ntitle: [unclosed\n---\n\nText\n",
                                          encoding="utf-8")
    (tmp_path / "no-title.md").write_text("---\nauthor: Dayna\n---\n\nText\n", encoding="utf-8")
    (tmp_path / "no-body.md").write_text("---\ntitle: Only a title\n---\n", encoding="utf-8")
    result = load_chunks([tmp_path])
    assert [a.slug for a in result.articles] == ["good"]
    reasons = {p.path.name: p.reason for p in result.problems}
    assert set(reasons) == {"empty.md", "latin1.md", "bad-yaml.md", "no-title.md", "no-body.md"}
    assert "empty" in reasons["empty.md"]
    assert "UTF-8" in reasons["latin1.md"]
    assert "YAML" in reasons["bad-yaml.md"]
    assert "title" in reasons["no-title.md"]
    assert str(result.problems[0]).startswith(result.problems[0].path.name + ": ")


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = load_chunks([tmp_path / "nowhere.md"])
    assert result.chunks == []
    assert result.problems[0].reason == "does not exist"


STORY_ARTICLE = """---
title: Hill Work
author: Test fixture
language: en
---

# Hill Work

Hills build strength. They also build patience.

## Why hills

Climbing makes the legs stronger than flat running does.

Personal Story: My friend could not climb at all.

Instead of giving up, she walked every hill for a month.

## How to start

Keep It Short - Ten minutes of hills count.

Walk Down - Descents are hard on the knees.

If you are:

- new to hills,
- coming back from a break,

start with one short hill.

Or

## Sign-up

Join the hill club!

Or

Book a hill session here!
"""


def test_passages_carry_one_idea(tmp_path: Path) -> None:
    chunks = split_article(load_article(write_article(tmp_path, text=STORY_ARTICLE)))
    by_text = {c.text.splitlines()[0]: c for c in chunks}
    intro = by_text["Hills build strength. They also build patience."]
    assert intro.kind == "introduction" and intro.section == "Hill Work"
    # A labelled story stays whole, over two paragraphs, apart from the advice before it.
    story = by_text["Personal Story: My friend could not climb at all."]
    assert story.kind == "story" and "walked every hill" in story.text
    assert by_text["Climbing makes the legs stronger than flat running does."].kind == "text"
    # Each point is a passage named after it.
    short = by_text["Keep It Short - Ten minutes of hills count."]
    assert short.kind == "point" and short.section == "How to start > Keep It Short"
    assert by_text["Walk Down - Descents are hard on the knees."].section == \
        "How to start > Walk Down"
    # A colon's list and the line after it, and a stray "Or", join their paragraph.
    listing = by_text["If you are:"]
    assert "new to hills" in listing.text and listing.text.rstrip().endswith("Or")
    # Short calls to action are one passage, not one per line.
    sign_up = [c for c in chunks if c.section == "Sign-up"]
    assert len(sign_up) == 1 and "Book a hill session" in sign_up[0].text
    assert [c.position for c in chunks] == list(range(len(chunks)))


def test_a_heading_inside_a_code_block_is_text(tmp_path: Path) -> None:
    text = ARTICLE + "\n## Code\n\n```\n# not a heading\n```\n"
    chunks = split_article(load_article(write_article(tmp_path, text=text)))
    assert any("# not a heading" in c.text and c.section == "Code" for c in chunks)
