"""An injuries answer that says there is none, with an aside about age; phrasings written
for these tests (not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from coach.language import is_none_answer


@pytest.mark.parametrize("text", ["nothing, just getting old haha", "none, old age"])
def test_age_beside_a_none_is_still_none(text: str) -> None:
    assert is_none_answer(text)


@pytest.mark.parametrize("text", ["old hamstring injury", "getting old, knees ache"])
def test_an_old_injury_or_an_ache_is_something_to_report(text: str) -> None:
    assert not is_none_answer(text)
