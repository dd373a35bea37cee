"""At the injuries step an injury is stored by its name: remarks on how it goes or how often
it hurts are not stored as injuries, a side told apart is its side, and a range keeps its
score (found playing a runner: "achilles tendinopathy, managing it, usually 1-2/10" was
stored as "achilles tendinopathy, usually")."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 529


@pytest.mark.parametrize(("text", "injuries", "score"), [
    ("peroneal tendinopathy, coping with it, most days 2-3/10", ["peroneal tendinopathy"], 3),
    ("calf strain, right side, sometimes a 2", ["right calf strain"], 2),
    ("i have asthma, not an injury as such", ["asthma"], None),
])
def test_an_injury_is_stored_by_its_name(uow: SqliteUnitOfWork, text: str,  # noqa: F811
                                         injuries: list[str], score: int | None) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == injuries
    assert (athlete.limitations or "").startswith(f"pain {score}/10") if score else True
    assert replies is not None and injuries[0] in replies[0].text
