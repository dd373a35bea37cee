"""Days joined, one run's words, then as many lengths joined in the same order ("mon and
thu easy 35 and 50", "tue/fri tempo 30/45"): each day takes the length in its place, not
the first length for every day."""

from __future__ import annotations

import pytest

from coach.language import read_plan


@pytest.mark.parametrize(("text", "expected"), [
    ("mon and thu easy 35 and 50", {0: ("easy", 35), 3: ("easy", 50)}),
    ("tue/fri tempo 30/45, sun long 100",
     {1: ("tempo", 30), 4: ("tempo", 45), 6: ("long", 100)}),
    ("sat long 80 then mon & wed recovery 20 min & 30 min",
     {5: ("long", 80), 0: ("recovery", 20), 2: ("recovery", 30)}),
    ("weds n fri easy 25 n 40", {2: ("easy", 25), 4: ("easy", 40)}),
])
def test_each_day_takes_the_length_in_its_place(
    text: str, expected: dict[int, tuple[str, int]],
) -> None:
    assert {run.weekday: (run.kind, run.minutes) for run in read_plan(text)} == expected


def test_one_length_for_several_days_is_still_shared() -> None:
    # A guard: read so before this change too.
    runs = read_plan("mon and thu easy 35, sat long 90")
    assert {run.weekday: run.minutes for run in runs} == {0: 35, 3: 35, 5: 90}
