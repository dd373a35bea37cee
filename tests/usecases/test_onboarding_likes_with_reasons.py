"""A reason said beside a like or dislike is no activity (found playing: "never swimming,
I sink" stored "i sink" as a liked activity); activities unknown to the catalogue, in
the athlete's words, are still kept."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding
from usecases.onboarding import _unknown_activities

USER = 526


@pytest.mark.parametrize("text", [
    "rowing's fine. never swimming, I sink",
    "cycling, its too hilly here though",
    "swimming please, im rubbish at it",
    "hate the elliptical, makes me dizzy",
    "rowing, they've got one at work",
])
def test_a_reason_beside_an_activity_is_not_one(text: str) -> None:
    assert _unknown_activities(text, known=[]) == ([], [])


@pytest.mark.parametrize("text", ["bouldering, pole dancing", "ultimate frisbee and parkour"])
def test_activities_in_the_athletes_words_are_still_kept(text: str) -> None:
    liked, _ = _unknown_activities(text, known=[])
    assert len(liked) == 2


def test_the_reason_is_not_stored_as_a_like(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "likes", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER,
                                text="rowing's fine. never swimming, I sink")
    assert replies is not None and "sink" not in replies[0].text
    athlete = athlete_of(uow, USER)
    assert not any("sink" in like for like in athlete.likes)
    assert "swimming" in athlete.dislikes


@pytest.mark.parametrize(("text", "liked"), [
    ("walking? 🚶‍♀️ yoga", "yoga"),
    ("swimming?? and cycling i guess", "swimming"),
    ("cycling? maybe rowing", "rowing"),
    ("hiking? dancing", "dancing"),
])
def test_a_list_with_a_doubtful_question_mark_answers_the_likes_step(
        uow: SqliteUnitOfWork, text: str, liked: str) -> None:  # noqa: F811
    """Found playing a beginner: "walking? 🚶‍♀️ yoga" was answered as a question the
    articles do not cover, and the likes asked again."""
    walk_to(uow, "likes", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.onboarding_step != "likes" and liked in athlete.likes


@pytest.mark.parametrize("text", ["pool running?", "walking? is that ok", "is yoga ok? or pilates"])
def test_a_question_at_the_likes_step_stays_a_question(
        uow: SqliteUnitOfWork, text: str) -> None:  # noqa: F811
    walk_to(uow, "likes", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert athlete_of(uow, USER).likes == []


@pytest.mark.parametrize("text", ["done it!! 25 mins 🎉", "did it, 30 min", "smashed it 5k",
                                  "loved that, 40 minutes"])
def test_news_at_the_likes_step_is_no_liked_activity(
        uow: SqliteUnitOfWork, text: str) -> None:  # noqa: F811
    """Found playing a beginner who answered a check-in she expected: "done it!! 25 mins"
    was stored as liked activities "done it" and "25 mins"."""
    walk_to(uow, "likes", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert athlete_of(uow, USER).likes == []
