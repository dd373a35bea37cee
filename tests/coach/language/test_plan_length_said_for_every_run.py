"""A length said of every run at once ("about an hour each", "35 mins per run", "30 min
apiece") is the length of each day named without one of its own, wherever it stands:
after a sentence end, or first, before the days; a day given its own length keeps it.
A remark before a plan that says every day's run ("so excited!!! ...") is no run."""

from __future__ import annotations

import pytest

from coach.language import read_plan

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _week(text: str) -> dict[str, tuple[str, int]]:
    return {WEEKDAYS[run.weekday]: (run.kind, run.minutes) for run in read_plan(text)}


@pytest.mark.parametrize(("text", "week"), [
    ("mon easy, wed hills, sat long. 40 min apiece except sat which is 90",
     {"mon": ("easy", 40), "wed": ("hills", 40), "sat": ("long", 90)}),
    ("easy runs mon and thu, tempo wed. 35 mins per run",
     {"mon": ("easy", 35), "wed": ("tempo", 35), "thu": ("easy", 35)}),
    ("about 45 min each: mon easy, wed tempo, fri easy",
     {"mon": ("easy", 45), "wed": ("tempo", 45), "fri": ("easy", 45)}),
    ("tue intervals, thu tempo. roughly 50 mins each",
     {"tue": ("intervals", 50), "thu": ("tempo", 50)}),
])
def test_a_length_for_every_run_fills_each_day(text: str, week: dict[str, tuple[str, int]]
                                               ) -> None:
    assert _week(text) == week


@pytest.mark.parametrize("text", ["so excited!!! tue thu sat, 30 min apiece",
                                  "on a 10k plan now!! tue thu sat 30 min each",
                                  "week 2 of 9. tue, thu, sat, 30 mins apiece"])
def test_a_remark_before_a_plan_is_no_run(text: str) -> None:
    assert _week(text) == {"tue": ("easy", 30), "thu": ("easy", 30), "sat": ("easy", 30)}


def test_each_week_is_no_length_of_every_run() -> None:
    assert _week("mon easy 40, sat long 90, same each week") == {
        "mon": ("easy", 40), "sat": ("long", 90)}
