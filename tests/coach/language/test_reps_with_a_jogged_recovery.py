"""A rep workout's recovery ("8x400 w/ 90s jog") is part of the workout: the session is
intervals, and neither the jog nor the recovery's length makes it an easy run."""

from __future__ import annotations

import pytest

from coach.language import read_plan_and_aside


@pytest.mark.parametrize("text", [
    "tue 8x400 w/ 90s jog, thu easy 30",
    "tue 6x800 w 2min jog, thu easy 30",
    "tue 8 x 400m with 90 sec jog recovery, thu easy 30",
    "tue 10x1min / 1min easy jog, thu easy 30",
])
def test_reps_with_a_jogged_recovery_are_intervals(text: str) -> None:
    plan, _ = read_plan_and_aside(text)
    runs = {run.weekday: (run.kind, run.minutes) for run in plan}
    assert runs[1][0] == "intervals", runs
    assert runs[1][1] >= 30, runs  # not the recovery's 2 minutes
    assert runs[3] == ("easy", 30)


def test_strides_after_an_easy_run_keep_it_easy() -> None:
    plan, _ = read_plan_and_aside("tue easy 40 with 6x100 strides")
    assert [(run.kind, run.minutes) for run in plan] == [("easy", 40)]
