"""An acknowledgement at the plan question ("ok", "cool 👍") asks for the week again, in
words, not "Which day is “ok”?" (found playing a runner who said "ok" to "Understood,
I won't store injuries")."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    onboarding_step,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 733


@pytest.mark.parametrize("said", ["ok", "cool 👍", "okay thx"])
def test_an_acknowledgement_asks_for_the_week_again(uow: SqliteUnitOfWork, said: str) -> None:  # noqa: F811
    walk_to(uow, "plan", user=USER, consent=False)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=said)
    assert replies is not None
    text = "\n".join(reply.text for reply in replies)
    assert "Which day" not in text and f"“{said}”" not in text
    assert "Mon easy 40" in text
    assert (onboarding_step(uow, USER) or "").startswith("plan")  # still at the plan


def test_a_week_that_does_not_read_still_says_why(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "plan", user=USER, consent=False)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="funday long 90")
    assert replies is not None and "Mon easy 40" in replies[0].text
    assert (onboarding_step(uow, USER) or "").startswith("plan")  # still at the plan
