"""A question typed at the likes step ("aqua jogging?") is no like: nothing is stored and
the step stays, so the question path can answer it."""

from __future__ import annotations

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 502


def test_an_activity_asked_about_is_not_stored_as_a_like(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text="aqua jogging??")
    athlete = athlete_of(uow, USER)
    assert athlete.onboarding_step == "likes"
    assert athlete.likes == [] and athlete.dislikes == []


def test_a_like_said_beside_a_question_is_kept(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text="spin classes, and what about rowing?")
    athlete = athlete_of(uow, USER)
    assert athlete.likes and all("row" not in like for like in athlete.likes)


def test_a_question_with_no_question_mark_is_no_like(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    for text in ("what about the climbs, how do I train climbs if I miss trail days",
                 "how do i keep my legs fresh for hills",
                 "what about the mountains this summer"):
        walk_to(uow, "likes", user=USER)
        onboarding.answer(uow, telegram_user_id=USER, text=text)
        athlete = athlete_of(uow, USER)
        assert athlete.likes == [] and athlete.dislikes == [], text
        onboarding.cancel(uow, telegram_user_id=USER)


def test_a_refusal_at_the_likes_step_stores_no_dislike(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    for text in ("no thanks dont need that", "nah not really", "no thx, anything works"):
        walk_to(uow, "likes", user=USER)
        onboarding.answer(uow, telegram_user_id=USER, text=text)
        athlete = athlete_of(uow, USER)
        assert athlete.likes == [] and athlete.dislikes == [], text
        assert athlete.onboarding_step != "likes", text
        onboarding.cancel(uow, telegram_user_id=USER)
