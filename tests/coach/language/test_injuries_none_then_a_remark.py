"""The injuries answer: "none" followed by a remark that names no body part is no
injury ("no injury. only some stiffness in the morning"), and a short body part before a
score is the injury itself ("left knee 3/10" is the left knee, not "left")."""

from __future__ import annotations

import pytest

from coach.language import read_injuries


@pytest.mark.parametrize("text", [
    "no injury. only some stiffness morning, is normal at my age",
    "nothing really, bit stiff in the mornings",
    "no injuries, just the usual aches and pains",
    "nope just tired all the time lol",
    "all good. a bit creaky after long days at work",
])
def test_none_then_a_remark_without_a_body_part_is_no_injury(text: str) -> None:
    assert read_injuries(text) == ([], None)


@pytest.mark.parametrize("text, injury", [
    ("nothing now, my hamstring is sore on long runs", "hamstring"),
    ("nope. calves get tight sometimes", "calf"),
])
def test_none_then_a_body_part_keeps_the_part(text: str, injury: str) -> None:
    names, _ = read_injuries(text)
    assert names == [injury]


@pytest.mark.parametrize("text, injury, score", [
    ("left knee 3/10", "left knee", 3),
    ("no, right hip 2/10", "right hip", 2),
    ("left shin is like a 4/10", "left shin", 4),
    ("my back 2/10", "my back", 2),
])
def test_a_short_body_part_before_a_score_is_the_injury(text: str, injury: str,
                                                        score: int) -> None:
    assert read_injuries(text) == ([injury], score)
