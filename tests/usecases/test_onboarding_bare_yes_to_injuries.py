"""A yes to "any injuries or niggles?" names none: the bot asks which and stores nothing;
a yes before the injury ("yes, left knee") is no part of it."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 504


@pytest.mark.parametrize("text", ["Yep!", "ya a couple 👍", "sure, unfortunately"])
def test_a_bare_yes_is_asked_which_and_then_the_answer_is_stored(
    uow: SqliteUnitOfWork, text: str,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    reply = onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.injuries == []
    assert athlete.onboarding_step.startswith("injuries")  # still the injuries question
    assert reply is not None and "Which ones" in " ".join(r.text for r in reply)

    onboarding.answer(uow, telegram_user_id=USER, text="right hamstring, tight on hills")
    athlete = athlete_of(uow, USER)
    assert not athlete.onboarding_step.startswith("injuries")
    assert athlete.injuries and "yes" not in " ".join(athlete.injuries)
    assert "hamstring" in " ".join(athlete.injuries)


def test_a_yes_before_the_injury_is_not_part_of_it(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text="yeah, left shin")
    athlete = athlete_of(uow, USER)
    assert athlete.injuries
    assert not any(name.startswith("yeah") for name in athlete.injuries)
    assert "shin" in " ".join(athlete.injuries)


def test_a_condition_after_a_yes_is_kept(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    walk_to(uow, "injuries", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text="yes asthma")
    athlete = athlete_of(uow, USER)
    assert not athlete.onboarding_step.startswith("injuries")
    assert athlete.injuries == ["asthma"]
