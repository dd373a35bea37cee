"""An injuries answer that plays the thing down and then tells it is stored as the part
it tells, briefly; a hedge alone is none."""

from __future__ import annotations

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 503


def test_a_played_down_niggle_is_stored_as_the_part(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER,
                      text="not much really, my hip grumbles on long descents")
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == ["hip"]


def test_the_hedge_alone_stores_no_injury(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text="nothing really")
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == []
