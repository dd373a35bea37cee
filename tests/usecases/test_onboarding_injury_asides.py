"""An injuries answer with an aside about when it started or how long it has lasted
stores the part, not the aside ("left knee, been there since oct" is the left knee)."""

from __future__ import annotations

import pytest

from tests.usecases import support
from tests.usecases.account_support import SqliteUnitOfWork, uow  # noqa: F401
from usecases import onboarding

USER = 504
world = support.world  # the fixture


def _to_injuries(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    onboarding.start(uow, telegram_user_id=USER, chat_id=USER, name="Tg")
    athlete = uow.athlete(USER)
    while athlete is not None and athlete.onboarding_step != "consent":
        onboarding.skip(uow, telegram_user_id=USER)
        athlete = uow.athlete(USER)
    onboarding.answer(uow, telegram_user_id=USER, text="yes")


@pytest.mark.parametrize(("text", "part"), [
    ("right hip, had it since the summer", "right hip"),
    ("achilles, it's been around a few months", "achilles"),
    ("left shin - started last spring", "left shin"),
    ("right calf, 3 weeks now", "right calf"),
])
def test_a_when_aside_is_no_part_of_the_injury(
    uow: SqliteUnitOfWork, text: str, part: str,  # noqa: F811
) -> None:
    _to_injuries(uow)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = uow.athlete(USER)
    assert athlete is not None and athlete.injuries == [part]
