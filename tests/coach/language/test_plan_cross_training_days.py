"""A day given to another sport in the weekly plan has no run: it neither takes the next
day's run ("mon swim, tue intervals" is no Monday intervals) nor becomes a run itself
("sun bike 90" is no 90 min long run). A part that also names a run keeps it."""

from __future__ import annotations

import pytest

from coach.language import read_plan


def _week(text: str) -> dict[int, tuple[str, int]]:
    return {run.weekday: (run.kind, run.minutes) for run in read_plan(text)}


@pytest.mark.parametrize("text, day", [
    ("mon swim, tue intervals 6x3min, thu easy 45, sat long 1h45", 0),
    ("Tue easy 40, Wed gym, Thu tempo 30, Sat long 90", 2),
    ("mon easy 30\ntue: yoga\nwed tempo 40\nsat long 80", 1),
    ("monday - strength, wednesday 8x400, saturday long run 80", 0),
    ("tue tempo 40, thu pilates, fri easy 30, sun long 90", 3),
])
def test_a_day_of_another_sport_does_not_take_the_next_days_run(text: str, day: int) -> None:
    week = _week(text)
    assert week.get(day, ("rest", 0)) == ("rest", 0)


@pytest.mark.parametrize("text, day", [
    ("tue intervals 50, thu easy 45, sat long 100, sun bike 90", 6),
    ("mon easy 40, wed swim 45, sat long 90", 2),
    ("tue tempo 35, thu spin 60, sun long 1h30", 3),
])
def test_minutes_of_another_sport_are_not_a_run(text: str, day: int) -> None:
    assert _week(text)[day] == ("rest", 0)


@pytest.mark.parametrize("text, day, run", [
    ("tue gym + easy 30, thu tempo 40, sat long 90", 1, ("easy", 30)),
    ("mon swim then easy run 25, wed tempo 40, sat long 90", 0, ("easy", 25)),
    ("wed tempo 40 then core, sat long 90", 2, ("tempo", 40)),
])
def test_a_part_that_also_names_a_run_keeps_it(text: str, day: int,
                                              run: tuple[str, int]) -> None:
    assert _week(text)[day] == run
