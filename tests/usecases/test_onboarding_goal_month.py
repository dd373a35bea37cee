"""A race given by its month only is dated to a day of that month and said to be
approximate, not asked for again (found playing an ultrarunner: "lavaredo 120k end of
june" was asked "When is it?" and then "I couldn't read that date")."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import account, onboarding

USER = 529


@pytest.mark.parametrize(("text", "day"), [
    ("lavaredo 120k end of june!!! 🏔️", date(2027, 6, 30)),
    ("half marathon in may", date(2027, 5, 15)),
    ("early april 10k", date(2027, 4, 7)),
])
def test_a_race_month_is_dated_and_said_to_be_approximate(
        uow: SqliteUnitOfWork, text: str, day: date) -> None:  # noqa: F811
    walk_to(uow, "goal", user=USER, answers=("Tomasz",))
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None
    assert f"around {day:%B %Y}" in replies[0].text  # the month said, not a made-up day
    athlete = athlete_of(uow, USER)
    assert athlete.goal_date == day
    assert athlete.onboarding_step == "consent"


def test_a_month_given_at_the_date_question_is_taken(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "goal", user=USER, answers=("Tomasz",))
    onboarding.answer(uow, telegram_user_id=USER, text="a 10k, nothing crazy")
    replies = onboarding.answer(uow, telegram_user_id=USER, text="end of september probably")
    assert replies is not None and "around September 2027" in replies[0].text
    athlete = athlete_of(uow, USER)
    assert athlete.goal_date == date(2027, 9, 30)


def test_a_race_told_by_its_month_shows_as_that_month_in_the_profile(
        uow: SqliteUnitOfWork) -> None:  # noqa: F811
    # Found playing a runner: "marathon in april" was said back "around April 2027" and
    # then shown in /profile as "marathon on 15 April 2027", a day never given.
    walk_to(uow, "goal", user=USER, answers=("Tomasz",))
    onboarding.answer(uow, telegram_user_id=USER, text="trail 50k sometime in august")
    shown = account.profile(uow, telegram_user_id=USER)[0].text
    assert "around August 2027" in shown and "15 August" not in shown


def test_a_race_given_its_day_later_shows_that_day(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "goal", user=USER, answers=("Tomasz",))
    onboarding.answer(uow, telegram_user_id=USER, text="10k in june")
    athlete_id = athlete_of(uow, USER).id
    assert athlete_id is not None
    account.apply_profile_update(uow, athlete_id=athlete_id,
                                 update={"race_date": date(2027, 6, 12)})
    shown = account.profile(uow, telegram_user_id=USER)[0].text
    assert "12 June 2027" in shown and "around" not in shown
    moved = account.apply_profile_update(uow, athlete_id=athlete_id, update={
        "race_date": date(2027, 9, 15), "race_date_approximate": True})
    assert "around September 2027" in moved.text
    assert "around September 2027" in account.profile(uow, telegram_user_id=USER)[0].text
