"""Legs said tired after hard training ("legs are shot", "legs are dead") are tiredness
to weigh, not a pain to log (found playing a runner after a hard week: the legs became a
pain report)."""

from __future__ import annotations

import pytest

from coach.language import read_pain
from coach.reasons import parse_reason
from usecases.swaps import reports_pain

TIRED = ["my legs are totally shot after that block", "legs r dead today",
         "big week, legs feel like concrete", "legs are cooked, skipping tonight",
         "dead legs after saturday's race"]


@pytest.mark.parametrize("text", TIRED)
def test_tired_legs_name_no_part_that_hurts(text: str) -> None:
    assert read_pain(text).sites == ()
    assert not reports_pain(text)


@pytest.mark.parametrize("text", TIRED)
def test_tired_legs_are_fatigue(text: str) -> None:
    reason = parse_reason(text)
    assert reason.fatigue is not None and not reason.pain


@pytest.mark.parametrize(("text", "site"), [
    ("legs are toast and my left shin aches", "left shin"),
    ("my right leg hurts since the intervals", "right leg"),
])
def test_a_part_that_hurts_beside_them_is_still_pain(text: str, site: str) -> None:
    assert site in read_pain(text).sites
