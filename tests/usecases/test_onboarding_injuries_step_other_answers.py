"""Equipment or activities typed at the injuries question are no injuries (found playing
a runner: "treadmill with incline, bike on a trainer, and the gym at work" was stored as
an injury named with that whole sentence)."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 519


@pytest.mark.parametrize(
    "text",
    ["treadmill with incline, bike on a trainer, and the gym at work",
     "a pool and a bike at home",
     "swimming and yoga, hate rowing",
     "elliptical at the hospital gym"],
)
def test_equipment_or_activities_are_no_injury(uow: SqliteUnitOfWork, text: str  # noqa: F811
                                               ) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None
    assert "didn't find an injury" in replies[0].text
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == []
    assert (athlete.onboarding_step or "").startswith("injuries")


@pytest.mark.parametrize(
    ("text", "injury"),
    [("stress fracture last year, gym work helps", "stress fracture"),
     ("asthma, the gym makes it worse", "asthma"),
     ("knee hurts on the bike", "knee")],
)
def test_an_injury_told_beside_equipment_is_still_kept(
        uow: SqliteUnitOfWork, text: str, injury: str) -> None:  # noqa: F811
    walk_to(uow, "injuries", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert any(injury in name for name in athlete.injuries)
