"""A weekly plan as runners type it: days labelled with short names and colons in one
line, a length given as a range of hours, the longer run named by comparison, and an age
told beside the plan."""

from __future__ import annotations

import pytest

from coach.language import read_plan


def _week(text: str) -> dict[int, tuple[str, int]]:
    return {run.weekday: (run.kind, run.minutes) for run in read_plan(text)}


@pytest.mark.parametrize("text", [
    "Mo: easy 45 Tu: rest We: hills 40 Th: easy 45 Fr: rest Sa: long 100 Su: rest",
    "M: easy 45 W: hills 40 Th: easy 45 Sa: long 100",
    "mon easy 45  we: hills 40  th: easy 45  sa: long 100",
])
def test_short_day_labels_with_colons_mid_line_are_days(text: str) -> None:
    week = _week(text)
    assert week[0] == ("easy", 45)
    assert week[2] == ("hills", 40)
    assert week[3] == ("easy", 45)
    assert week[5] == ("long", 100)


@pytest.mark.parametrize(("text", "minutes"), [
    ("tue easy 40, sun long run 2-3 hours", 150),
    ("tue easy 40, sunday long 1.5 to 2 hrs depending on the week", 105),
    ("tue easy 40, long one on sundays, 2 or 3 hours", 150),
])
def test_a_range_of_hours_is_its_middle(text: str, minutes: int) -> None:
    assert _week(text)[6] == ("long", minutes)


@pytest.mark.parametrize("text", [
    "tue and thu easy 35, plus a longer one on saturday, about 80 min",
    "easy 35 tuesdays and thursdays and saturday a longer run of 80",
    "tue 35 easy, thu 35 easy, sat longer one 80",
])
def test_the_longer_one_is_the_long_run(text: str) -> None:
    week = _week(text)
    assert week[5] == ("long", 80)
    assert week[1] == ("easy", 35)


@pytest.mark.parametrize("text", [
    "tue easy 30, fri easy 30, sun long 60. nothing else, at 71 I need my rest days",
    "I'm 58 so only three runs: tue easy 30, fri easy 30, sun long 60",
    "tue easy 30, fri easy 30, sun long 60 (I'm 63 years old, so I go slowly)",
])
def test_an_age_beside_the_plan_is_no_run(text: str) -> None:
    week = _week(text)
    assert week[1] == ("easy", 30)
    assert week[4] == ("easy", 30)
    assert week[6] == ("long", 60)
    assert {day for day, (kind, _) in week.items() if kind != "rest"} == {1, 4, 6}


def test_a_time_of_day_after_at_is_no_age_nor_length() -> None:
    week = _week("tue easy at 18:30, sat long 90 at 7am")
    assert week[5] == ("long", 90)
    assert week[1][0] == "easy"
