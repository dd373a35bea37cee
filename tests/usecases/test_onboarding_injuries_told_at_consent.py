"""Injuries told at the consent question are no answer to it (found playing a runner:
"pelvic floor still a bit weak ... no pain really" was read as "no" to storing health
details, "old achilles thing ..., fine for a year now" as "yes")."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 517


@pytest.mark.parametrize(
    "text",
    ["pelvic floor still a bit weak (physio said ok to run tho) and my left hip clicks "
     "sometimes, no pain really",
     "old achilles tendinopathy on the right, fine for a year now",
     "right hamstring niggle, nothing major, no worries",
     "lower back gets tight on long runs but its ok"],
)
def test_injuries_told_at_consent_ask_for_consent_first(
        uow: SqliteUnitOfWork, text: str) -> None:  # noqa: F811
    walk_to(uow, "consent", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None
    said = "\n".join(reply.text for reply in replies)
    assert "I need your OK first" in said
    athlete = athlete_of(uow, USER)
    assert not athlete.health_consent
    assert (athlete.onboarding_step or "").startswith("consent")


@pytest.mark.parametrize(
    ("text", "consent"),
    [("sure, left knee is a bit dodgy tho", True),
     ("yes my left knee is sore", True),
     ("no, my knee is my business", False),
     ("ok but my back stuff stays private", True)],
)
def test_an_answer_opening_the_message_is_still_read(
        uow: SqliteUnitOfWork, text: str, consent: bool) -> None:  # noqa: F811
    walk_to(uow, "consent", user=USER)
    onboarding.answer(uow, telegram_user_id=USER, text=text)
    athlete = athlete_of(uow, USER)
    assert athlete.health_consent is consent
