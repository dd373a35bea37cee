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
