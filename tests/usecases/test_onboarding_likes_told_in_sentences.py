"""Likes told in sentences keep every activity named (found playing a marathoner:
"cycling, yoga. hate swimming" kept cycling and lost yoga, its sentence holding a known
activity too)."""

from __future__ import annotations

import pytest

from usecases.onboarding import _unknown_activities


@pytest.mark.parametrize(("text", "kept"), [
    ("cycling, yoga. hate swimming", ["yoga"]),
    ("bouldering. not a fan of rowing", ["bouldering"]),
    ("pilates! swimming too", ["pilates"]),
    ("yoga. thats it", ["yoga"]),
])
def test_an_activity_in_a_sentence_of_its_own_is_kept(text: str, kept: list[str]) -> None:
    assert _unknown_activities(text, known=["road_cycling", "swimming", "rowing"]) == (
        kept, []), text
