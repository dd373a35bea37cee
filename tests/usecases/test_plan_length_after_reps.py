"""A plan day whose length is said after its reps keeps that length (found playing a
runner: "tue 8x400 45min" was stored as 50 min, a length made up from the reps)."""

from __future__ import annotations

from tests.usecases.account_support import SqliteUnitOfWork, uow  # noqa: F401
from tests.usecases.test_account import USER, enrolled, text
from usecases import account


def test_plan_command_keeps_the_length_said_after_the_reps(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    enrolled(uow)
    account.replace_plan(uow, telegram_user_id=USER, text="thu 12x300 40 mins")
    week = text(account.show_plan(uow, telegram_user_id=USER))
    assert "Thursday: intervals 40 min" in week
