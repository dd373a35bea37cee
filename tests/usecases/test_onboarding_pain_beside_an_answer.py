"""Pain told beside an answer a step reads (a check-in time, a town, equipment) is kept
with consent and said back, and the answer is still taken (found playing: "knee is a bit
sore but 7am is fine" set the check-ins and dropped the knee without a word)."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 524


@pytest.mark.parametrize(("text", "part", "time"), [
    ("knee is a bit sore but 7am is fine", "knee", "07:00"),
    ("6:30 pls. left calf tight, like a 4", "left calf", "06:30"),
    ("evenings, 7pm. hip has been aching since sunday", "hip", "19:00"),
])
def test_a_time_with_pain_sets_checkins_and_keeps_the_pain(
        uow: SqliteUnitOfWork, text: str, part: str, time: str) -> None:  # noqa: F811
    walk_to(uow, "checkins", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None
    athlete = athlete_of(uow, USER)
    assert athlete.checkin_enabled and athlete.checkin_time == time
    assert part in athlete.injuries
    assert f"Noted about your {part}" in replies[0].text and time in replies[0].text


def test_a_score_told_with_the_time_is_kept_and_no_time_is_a_score(
        uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "checkins", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER,
                                text="6:30 pls. left calf tight, like a 4")
    assert replies is not None and "(4/10)" in replies[0].text
    assert (athlete_of(uow, USER).limitations or "").startswith("pain 4/10")


@pytest.mark.parametrize(("step", "text", "part"), [
    ("equipment", "bike and a pool, my knee is sore today 3/10", "knee"),
    ("timezone", "london, achilles niggling a bit", "achilles"),
])
def test_pain_beside_equipment_or_a_town_is_kept_too(
        uow: SqliteUnitOfWork, step: str, text: str, part: str) -> None:  # noqa: F811
    walk_to(uow, step, user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.onboarding_step != step and part in athlete.injuries
    assert "london" not in athlete.injuries


def test_without_consent_the_pain_is_acknowledged_not_stored(
        uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "checkins", user=USER, consent=False)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="knee a bit sore but 7am is fine")
    assert replies is not None and "won't store it" in replies[0].text
    athlete = athlete_of(uow, USER)
    assert athlete.checkin_time == "07:00" and not athlete.injuries
