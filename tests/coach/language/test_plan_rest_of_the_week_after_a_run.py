"""A week ending "sun easy 30 the rest is rest": the run belongs to the day named and the
other days rest; the run is not spread to every day the athlete did not name."""

from __future__ import annotations

import pytest

from coach.language import read_plan_and_aside


@pytest.mark.parametrize("text", [
    "tu intervals 45, thu easy 40, sun easy 30 the rest is rest",
    "tue intervals 45, thu easy 40, sun easy 30 other days rest",
    "tue intervals 45 thu easy 40 sun easy 30 rest of the week off",
])
def test_the_days_not_named_rest(text: str) -> None:
    plan, _ = read_plan_and_aside(text)
    runs = {run.weekday: (run.kind, run.minutes) for run in plan}
    assert runs[1] == ("intervals", 45) and runs[3] == ("easy", 40)
    assert runs[6] == ("easy", 30)
    assert all(runs.get(day, ("rest", 0))[0] == "rest" for day in (0, 2, 4, 5)), runs


def test_days_listed_together_keep_their_run_and_the_rest_is_off() -> None:
    plan, _ = read_plan_and_aside("mon wed fri easy 40 the rest off")
    runs = {run.weekday: (run.kind, run.minutes) for run in plan}
    assert [runs[day] for day in (0, 2, 4)] == [("easy", 40)] * 3
    assert all(runs.get(day, ("rest", 0))[0] == "rest" for day in (1, 3, 5, 6)), runs
