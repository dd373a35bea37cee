"""Pain told at a step that reads none is news: kept with consent (or acknowledged) and
the step asked again with no strike (found playing a beginner: "shins are a bit sore
today, like 3/10" at the likes question counted as a second unclear answer and the step
was skipped)."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 523


@pytest.mark.parametrize(("step", "text"), [
    ("likes", "shins are a bit sore today, like 3/10"),
    ("equipment", "left knee 3/10 today"),
    ("timezone", "my calf is tight after yesterday, maybe a 4"),
    ("checkins", "achilles is niggling again, 3/10"),
])
def test_pain_between_steps_is_kept_and_the_step_asked_again(
        uow: SqliteUnitOfWork, step: str, text: str) -> None:  # noqa: F811
    walk_to(uow, step, user=USER, consent=True)
    unclear = {"likes": "london", "equipment": "london"}.get(step, "the moon")
    onboarding.answer(uow, telegram_user_id=USER, text=unclear)  # one unclear answer first
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None
    athlete = athlete_of(uow, USER)
    assert (athlete.onboarding_step or "").startswith(step)
    assert athlete.limitations is not None and "/10" in athlete.limitations


def test_pain_between_steps_without_consent_is_acknowledged_not_stored(
        uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "likes", user=USER, consent=False)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="shins sore today, 3/10")
    assert replies is not None and "won't store it" in replies[0].text
    athlete = athlete_of(uow, USER)
    assert athlete.onboarding_step == "likes"
    assert not athlete.limitations


def test_a_time_beside_pain_still_answers_the_checkin_question(
        uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "checkins", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text="7am is good, knee a little stiff tho")
    athlete = athlete_of(uow, USER)
    assert athlete.checkin_enabled
