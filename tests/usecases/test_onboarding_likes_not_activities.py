"""At the likes step, a watch, an app, a brand or a place is no activity to favour: the
activities beside it are kept, the rest is not stored as a like."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 505


@pytest.mark.parametrize("text", [
    "bouldering, my coros watch",
    "bouldering, strava lol",
    "bouldering, paris",
    "bouldering, podcasts",
    # Joined in one item (found playing a runner: stored as "bouldering and strava").
    "bouldering and strava",
    "bouldering + my garmin",
    "bouldering & podcasts",
    "bouldering/strava",
])
def test_no_gadget_or_place_is_stored_as_a_like(
    uow: SqliteUnitOfWork, text: str,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.likes == ["bouldering"]


def test_a_sport_that_is_also_a_town_is_still_a_like(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    # Rugby is a town in England too: the town list answers the timezone question only.
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text="bouldering, rugby")
    athlete = athlete_of(uow, USER)
    assert athlete.likes == ["bouldering", "rugby"]


def test_two_unknown_activities_in_one_item_are_two_likes(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER,
                      text="bouldering and pilates, not a fan of rowing")
    athlete = athlete_of(uow, USER)
    assert (athlete.likes, athlete.dislikes) == (["bouldering", "pilates"], ["rowing"])


@pytest.mark.parametrize("text", ["london", "my garmin", "podcasts lol", "Europe/Madrid",
                                  "America/Los_Angeles"])
def test_an_answer_naming_no_activity_is_asked_once_more_then_skipped(
    uow: SqliteUnitOfWork, text: str,  # noqa: F811
) -> None:
    walk_to(uow, "likes", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None
    assert "didn't find an activity" in replies[0].text
    athlete = athlete_of(uow, USER)
    assert athlete.likes == [] and athlete.dislikes == []
    assert athlete.onboarding_step == "likes" + onboarding.UNSURE
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.onboarding_step == "timezone"


@pytest.mark.parametrize("text", ["8pm after bedtime", "7:30 works", "around 6 in the evening",
                                  "bouldering, 19:00"])
def test_a_time_of_day_is_no_like(uow: SqliteUnitOfWork, text: str) -> None:  # noqa: F811
    # Found playing a runner: the check-in time typed early was stored as a liked
    # activity called "8pm after bedtime".
    walk_to(uow, "likes", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.likes in ([], ["bouldering"]) and athlete.dislikes == []


def test_liked_and_disliked_activities_are_said_by_their_names(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    # Found playing a runner: "I do not care for the gym" was answered "I'll keep
    # strength core upper, strength lower out of the first picks".
    walk_to(uow, "likes", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER,
                                text="I enjoy deep water running. I do not care for the gym.")
    assert replies is not None
    said = replies[0].text.split("\n\n")[0]  # the timezone question follows
    assert "deep-water running" in said and "lower-body strength" in said
    assert "strength lower" not in said and "_" not in said
