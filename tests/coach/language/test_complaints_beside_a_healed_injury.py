"""At the injuries step, something told beside an injury said to be over is kept: "old
achilles thing, healed now. bunions lol" is no "none", and the injury noted is the
bunions, not the healed achilles. A remark beside a healed injury ("ages ago", "thanks")
still tells nothing."""

from __future__ import annotations

import pytest

from coach.language import is_none_answer, read_injuries


@pytest.mark.parametrize(("text", "told"), [
    ("old achilles thing, healed now. bunions lol", "bunions"),
    ("my knee was bad last year but fine now, bunions lol", "bunions"),
    ("calf strain in spring, all good now + gout", "gout"),
    ("hamstring tear last year, fine now. asthma too", "asthma"),
    ("bunions, old knee thing is healed", "bunions"),
])
def test_a_complaint_beside_a_healed_injury_is_kept(text: str, told: str) -> None:
    assert not is_none_answer(text)
    assert read_injuries(text)[0] == [told]


@pytest.mark.parametrize("text", [
    "ITB 2 yrs ago, all good now, thanks",
    "old ankle sprain, fine since, ages ago",
    "knee surgery in 2019, fully recovered lol",
])
def test_a_healed_injury_with_a_remark_is_none(text: str) -> None:
    assert is_none_answer(text)
