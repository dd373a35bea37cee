"""'No injury now', then a part said to hurt or stiffen: the part is told anyway, and the
'none' is no injury's name (found playing a learner: "No injuries, great.")."""

from __future__ import annotations

import pytest

from coach.language import is_none_answer, read_injuries


@pytest.mark.parametrize(("text", "part"), [
    ("no injury now. some times the calf is hard after long run", "calf"),
    ("nothing now, my hamstring gets stiff on long runs", "hamstring"),
    ("none at the moment. the knee feels stiff in the morning", "knee"),
    ("nothing now, my hamstring is sore on long runs", "hamstring"),
])
def test_a_part_told_beside_a_none_is_an_injury_to_note(text: str, part: str) -> None:
    assert not is_none_answer(text)
    names, _ = read_injuries(text)
    assert names == [part]


@pytest.mark.parametrize("text", [
    "no injury rn. that hill is hard", "no injury now", "none currently, had shin splints in 2023",
])
def test_a_none_with_no_part_hurting_is_still_none(text: str) -> None:
    assert is_none_answer(text)
