"""The retrieval bench: a reply opens with a sentence of an expected section; which sets it
measures and lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.retrieval import opening_section_matches
from knowledge.documents import Chunk

TITLE = "Cross-Training"


def _chunk(heading: str, text: str, position: int) -> Chunk:
    return Chunk(id=str(position), text=text, article="a", title=TITLE, author="", language="en",
                 source="a.md", headings=(TITLE, heading), position=position)


CHUNKS = [
    _chunk("Reduce Injuries", "Running is a high-impact sport. It lets you train around "
           "injuries while your body heals.", 0),
    _chunk("Plan", "Stay Consistent - Like running, the key to cross-training is consistency.", 1),
]


def test_the_first_sentence_decides_whatever_follows() -> None:
    reply = ("Running is a high-impact sport. Stay Consistent: Like running...\n\n"
             "Source: Cross-Training — Reduce Injuries")
    assert opening_section_matches(reply, CHUNKS, ["Reduce Injuries"])
    assert not opening_section_matches(reply, CHUNKS, ["Plan"])


def test_a_point_s_name_and_the_story_label_are_read_past() -> None:
    reply = "Stay Consistent: Like running, the key to cross-training is consistency."
    assert opening_section_matches(reply, CHUNKS, ["Plan"])
    assert not opening_section_matches("The coach's articles don't cover that.", CHUNKS,
                                       ["Plan", "Reduce Injuries"])


def test_a_validation_set_without_its_file_is_left_out_not_failed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import retrieval

    monkeypatch.setitem(retrieval.OPTIONAL_FILES, "dev17", tmp_path / "dev17.jsonl")
    assert retrieval.available(["dev16", "dev17"]) == ["dev16"]
    (tmp_path / "dev17.jsonl").write_text("", encoding="utf-8")
    assert retrieval.available(["dev16", "dev17"]) == ["dev16", "dev17"]


def test_the_released_set_is_tunable_and_the_next_is_not() -> None:
    from bench.retrieval import SETS

    assert SETS["dev16"][2] and "released for tuning" in SETS["dev16"][0]
    assert not SETS["dev17"][2] and not SETS["heldout"][2]
