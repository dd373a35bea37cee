"""A day given to another sport or told off with more words holds no run: "mon swim (not
running)" and "mon rest (swim)" once took Tuesday's run (found playing a masters runner:
her Monday became "easy 45 min")."""

from __future__ import annotations

import pytest

from coach.language import read_plan_and_aside


def _week(text: str) -> dict[int, tuple[str, int]]:
    plan, _ = read_plan_and_aside(text)
    return {run.weekday: (run.kind, run.minutes) for run in plan}


@pytest.mark.parametrize("text", [
    "mon swim (not running), tue easy 45, sat long 100",
    "mon rest (swim), tue easy 45, sat long 100",
    "mon (swim), tue easy 45, sat long 100",
    "mon off - gym maybe, tue easy 45, sat long 100",
    "mon bike no run, tue easy 45, sat long 100",
    "mon: day off (yoga), tue easy 45, sat long 100",
])
def test_a_day_of_another_sport_or_off_holds_no_run(text: str) -> None:
    week = _week(text)
    assert week.get(0, ("rest", 0)) == ("rest", 0), (text, week)
    assert week[1] == ("easy", 45) and week[5] == ("long", 100), (text, week)


@pytest.mark.parametrize(("text", "monday"), [
    ("mon rest or easy 20, wed tempo 40", ("easy", 20)),  # a run said beside the rest
    ("mon swim + easy 30, wed tempo 40", ("easy", 30)),
    ("mon, wed easy 40", ("easy", 40)),  # a day with nothing said waits for the run
])
def test_a_run_said_on_that_day_is_kept(text: str, monday: tuple[str, int]) -> None:
    assert _week(text)[0] == monday, text
