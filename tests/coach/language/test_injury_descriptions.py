"""An injuries answer that says how an injury hurts beside naming it: only the named
parts are injuries, the score stays a score."""

from __future__ import annotations

import pytest

from coach.language.readers import read_injuries


@pytest.mark.parametrize(("answer", "injuries", "score"), [
    ("achilles right side, pain since 3 days, maybe 4 of 10", ["right achilles"], 4),
    ("left hamstring, worse on hills, about a 2", ["left hamstring"], 2),
    ("sore lower back, comes and goes", ["sore lower back"], None),
])
def test_how_it_hurts_is_no_injury_of_its_own(answer: str, injuries: list[str],
                                               score: int | None) -> None:
    assert read_injuries(answer) == (injuries, score)


def test_injuries_naming_no_body_part_are_kept_as_said() -> None:
    assert read_injuries("shin splints, plantar fasciitis")[0] == [
        "shin splints", "plantar fasciitis"]
    assert read_injuries("anemia, asthma")[0] == ["anemia", "asthma"]


def test_a_condition_beside_a_named_part_is_kept() -> None:
    assert read_injuries("left knee, anemia")[0] == ["left knee", "anemia"]
