"""Injuries told with a "none" word or a healed one beside them are kept (found playing a
58-year-old: "left achilles gets cranky on long descents, had plantar fasciitis ... but
it's settled. oh and a dodgy lower back, nothing serious" was answered "No injuries,
great."); a "none" with only past or healed injuries stays none."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 525


@pytest.mark.parametrize(("text", "part"), [
    ("right knee, nothing major", "knee"),
    ("achilles gets grumpy on steep descents, the plantar fasciitis from last year has "
     "settled. plus a dodgy lower back, nothing serious", "achilles"),
    ("hamstring plays up on hills but nothing to worry about", "hamstring"),
    ("left hip grumbles sometimes, nothing big", "hip"),
])
def test_a_part_told_now_beside_a_downplay_is_kept(uow: SqliteUnitOfWork, text: str,  # noqa: F811
                                                   part: str) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None and "No injuries" not in replies[0].text
    assert any(part in injury for injury in athlete_of(uow, USER).injuries)


@pytest.mark.parametrize("text", [
    "nothing serious", "had shin splints in 2023, fine now",
    "none currently, broke my wrist years ago", "nope, knees are fine",
])
def test_none_with_only_past_or_fine_parts_stays_none(uow: SqliteUnitOfWork,  # noqa: F811
                                                      text: str) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None and "No injuries" in replies[0].text
    assert athlete_of(uow, USER).injuries == []
