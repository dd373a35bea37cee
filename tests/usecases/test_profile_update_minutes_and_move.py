"""Minutes and a move told in one message both stand (found playing an ultra runner:
"my long run has gone up to 4 hours now, and I've moved it to fridays" said "Long run:
240 min" but the plan kept 180, the move writing the old minutes back)."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import SqliteUnitOfWork, uow  # noqa: F401
from tests.usecases.test_account import USER, enrolled, text
from usecases import account


@pytest.mark.parametrize(("update", "day", "minutes"), [
    ({"long_run_minutes": 240, "plan_set": [{"day": "fri", "kind": "long", "minutes": 180}],
      "plan_partial": True}, "Friday", 240),
    # The enrolled plan: Tuesday tempo 45, Saturday long 100.
    ({"tempo_minutes": 50, "plan_set": [{"day": "wed", "kind": "tempo", "minutes": 45}],
      "plan_partial": True}, "Wednesday", 50),
])
def test_the_minutes_said_are_the_moved_runs_and_the_plans(
        uow: SqliteUnitOfWork, update: dict[str, object], day: str,  # noqa: F811
        minutes: int) -> None:
    athlete = enrolled(uow)
    assert athlete.id is not None
    account.apply_profile_update(uow, athlete_id=athlete.id, update=update)
    plan = text(account.show_plan(uow, telegram_user_id=USER))
    assert f"{day}: " in plan and f"{minutes} min" in plan.split(f"{day}: ")[1].split("\n")[0]


def test_minutes_said_stand_on_the_days_the_move_keeps(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    account.apply_profile_update(uow, athlete_id=athlete.id, update={
        "long_run_minutes": 150, "plan_set": [{"day": "thu", "kind": "easy", "minutes": 30}],
        "plan_partial": True})
    assert "Saturday: long 150 min" in text(account.show_plan(uow, telegram_user_id=USER))
