"""At the likes step a hedge beside a dislike ("no idea really, just not rowing") stores the
dislike and nothing for the hedge; a hedge alone stores nothing (found playing a runner:
"dunno" was stored as a liked activity)."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 526


@pytest.mark.parametrize("text", [
    "idk tbh, anything except rowing",
    "hmm not sure. hate rowing",
    "whatever works, not a fan of rowing",
    "no real preference, anything but rowing",
    "up to you coach, anything but the rower",
    "nothing in particular, but i can't stand rowing",
])
def test_a_hedge_beside_a_dislike_keeps_only_the_dislike(
    uow: SqliteUnitOfWork, text: str,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == ([], ["rowing"])
    assert replies is not None and "rowing" in replies[0].text


def test_a_hedge_beside_a_like_keeps_only_the_like(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text="no clue really, the rower maybe")
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == (["rowing"], [])


@pytest.mark.parametrize("text", ["whatever", "either is fine", "not fussed tbh"])
def test_a_hedge_alone_stores_nothing_and_moves_on(
    uow: SqliteUnitOfWork, text: str,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == ([], [])
    assert athlete.onboarding_step == "timezone"
