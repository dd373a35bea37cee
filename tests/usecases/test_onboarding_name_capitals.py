"""A name typed in lower case is greeted and stored with its capitals (found playing:
"kofi here, marathon in april" was greeted "Nice to meet you, kofi!")."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
)
from usecases import onboarding

USER = 733


@pytest.mark.parametrize(("text", "name"), [
    ("kofi here, marathon in april", "Kofi"), ("its jo", "Jo"),
    ("mary-jane", "Mary-Jane"), ("McKenna", "McKenna"),
    # Anything but letters is left as typed: a handle, markup.
    ("r2d2", "r2d2"), ("jo <b>x</b>", "jo <b>x</b>"),
])
def test_a_lower_case_name_gets_its_capitals(
        uow: SqliteUnitOfWork, text: str, name: str) -> None:  # noqa: F811
    onboarding.start(uow, telegram_user_id=USER, chat_id=USER, name="Tg")
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None and f"Nice to meet you, {name}!" in replies[0].text
    assert athlete_of(uow, USER).name == name
