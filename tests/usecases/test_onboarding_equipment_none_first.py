"""An equipment answer that opens with none and then says more ("nothing, just my feet and
the park") is none, not "I didn't recognise any equipment" asked again (found playing a
64-year-old runner)."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 731


@pytest.mark.parametrize("text", [
    "nothing, just my feet and the park",
    "none really - i just run outside",
    "nope, only the road and some hills",
    "no. i run from my front door",
])
def test_none_then_why_is_none(uow: SqliteUnitOfWork, text: str) -> None:  # noqa: F811
    walk_to(uow, "equipment", user=USER, consent=True)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None and "didn't recognise" not in replies[0].text
    athlete = athlete_of(uow, USER)
    assert athlete.onboarding_step != "equipment" and athlete.equipment == []


@pytest.mark.parametrize(("text", "kept"), [
    ("nothing but a treadmill at work", "treadmill"),
    ("none except a bike", "bike"),
])
def test_equipment_named_after_none_is_kept(uow: SqliteUnitOfWork, text: str,  # noqa: F811
                                            kept: str) -> None:
    walk_to(uow, "equipment", user=USER, consent=True)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert kept in athlete_of(uow, USER).equipment
