"""A long goal is said back cut at a clause or a word, never mid-word (found playing an
ultra runner: "... this time I want to finish insid, on 2027-07-28")."""

from __future__ import annotations

import pytest

from usecases.onboarding import GOAL_CHARS, _clipped


@pytest.mark.parametrize("goal", [
    "training for the Lakeland 100 next, it's my third go at it after DNFs in 2023 and "
    "2025, this time I want to finish inside the 40 hours",
    "my first marathon which my sister talked me into after she ran london last year and "
    "loved every minute of it apparently so now it is my turn to suffer",
    "ultra " * 40,
])
def test_a_long_goal_ends_on_a_whole_word(goal: str) -> None:
    clipped = _clipped(goal)
    assert len(clipped) <= GOAL_CHARS + 1
    body = clipped.removesuffix("…")
    assert goal.startswith(body) and goal[len(body)] in " ,;.-"


def test_a_short_goal_is_kept_whole() -> None:
    assert _clipped("sub-4 marathon, Berlin") == "sub-4 marathon, Berlin"
