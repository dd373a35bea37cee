"""At the likes step weather, dark, mud or hills are conditions, not activities ("hate
running in the rain lol" stored "running rain" as a disliked activity), and an activity
the catalogue lacks said with a hedge is kept without it ("no clue, bouldering maybe"
stored nothing). Found playing runners through the chat."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 531


@pytest.mark.parametrize("text", [
    "hate running in wind lol",
    "can't bear the mud tbh",
    "not a fan of running in the dark",
])
def test_a_condition_disliked_is_no_activity(uow: SqliteUnitOfWork, text: str,  # noqa: F811
                                            ) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == ([], [])


def test_the_activity_beside_a_condition_is_kept(uow: SqliteUnitOfWork,  # noqa: F811
                                                 ) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text="swimming, but hate running in snow")
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == (["swimming"], [])


@pytest.mark.parametrize(("text", "liked"), [
    ("no idea really, parkour perhaps", "parkour"),
    ("hmm, frisbee i suppose", "frisbee"),
])
def test_an_activity_said_with_a_hedge_is_kept(uow: SqliteUnitOfWork, text: str,  # noqa: F811
                                              liked: str) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == ([liked], [])
