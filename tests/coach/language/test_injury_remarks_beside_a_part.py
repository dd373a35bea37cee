"""Beside a named body part, a remark ("it is manageable", "fine for a year now") is no
injury of its own, and sentences are parts (found playing a 64-year-old: "Arthritis in my
right knee, it is manageable. Sometimes stiff in the morning, perhaps 2 of 10." was stored
as one injury named with all of it)."""

from __future__ import annotations

import pytest

from coach.language.readers import read_injuries


@pytest.mark.parametrize(
    ("text", "names", "score"),
    [("Arthritis in my right knee, it is manageable. Sometimes stiff in the morning, "
      "perhaps 2 of 10.", ["arthritis in my right knee"], 2),
     ("my right hip flexor is tight, it is ok though", ["right hip flexor"], None),
     ("old achilles tendinopathy on the right, fine for a year now",
      ["right achilles tendinopathy"], None),
     ("Plantar fasciitis. Mostly ok.", ["plantar fasciitis"], None),
     ("left shin, nothing dramatic, 3/10", ["left shin"], 3)],
)
def test_a_remark_beside_a_part_is_no_injury(text: str, names: list[str],
                                             score: int | None) -> None:
    assert read_injuries(text) == (names, score)


@pytest.mark.parametrize(
    ("text", "names"),
    [("left knee, anemia", ["left knee", "anemia"]),
     ("calf strain. also asthma", ["calf strain", "also asthma"])],
)
def test_a_condition_beside_a_part_is_kept(text: str, names: list[str]) -> None:
    assert read_injuries(text)[0] == names


def test_a_single_word_beside_a_part_is_kept_as_an_injury() -> None:
    # "bunions" is no body part or condition the lexicon knows, but no remark either.
    assert read_injuries("left knee, bunions")[0] == ["left knee", "bunions"]
