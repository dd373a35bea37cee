"""An injuries answer with an aside about when it started or how long it has lasted
stores the part, not the aside ("left knee, been there since oct" is the left knee)."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 504


@pytest.mark.parametrize(("text", "part"), [
    ("right hip, had it since the summer", "right hip"),
    ("achilles, it's been around a few months", "achilles"),
    ("left shin - started last spring", "left shin"),
    ("right calf, 3 weeks now", "right calf"),
])
def test_a_when_aside_is_no_part_of_the_injury(
    uow: SqliteUnitOfWork, text: str, part: str,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == [part]
