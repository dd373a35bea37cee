"""``/plan`` with one day changes that day and keeps the week, as onboarding tells a
runner to send a day it couldn't read ("/plan Sat easy 40"); a week of days replaces the
plan (found playing a runner who sent "/plan Thu tempo 40" and lost the rest of the week)."""

from __future__ import annotations

from tests.usecases.account_support import SqliteUnitOfWork, uow  # noqa: F401
from tests.usecases.test_account import USER, enrolled, text
from usecases import account


def test_one_day_changes_that_day_and_keeps_the_rest(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow)  # Tue tempo 45, Sat long 100
    shown = text(account.replace_plan(uow, telegram_user_id=USER, text="thu intervals 6x800"))
    week = text(account.show_plan(uow, telegram_user_id=USER))
    for day in ("Tuesday: tempo 45 min", "Thursday: intervals", "Saturday: long 100 min"):
        assert day in shown and day in week


def test_a_day_given_again_replaces_only_that_day(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow)
    account.replace_plan(uow, telegram_user_id=USER, text="Sat long 2h")
    week = text(account.show_plan(uow, telegram_user_id=USER))
    assert "Saturday: long 120 min" in week and "100" not in week
    assert "Tuesday: tempo 45 min" in week


def test_several_days_replace_the_week(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow)
    account.replace_plan(uow, telegram_user_id=USER, text="Mon easy 40, Sun long 90")
    week = text(account.show_plan(uow, telegram_user_id=USER))
    assert "Monday: easy 40 min" in week and "Sunday: long 90 min" in week
    assert "Tuesday" not in week and "Saturday" not in week
