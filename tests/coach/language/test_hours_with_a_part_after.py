"""A part of an hour said after the hours ("2 hours and half", "1 hour and half", "three
hours and a quarter") is added to them; a length longer than any session ("recovery
time 72h" from a watch) is no run's length."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_duration, read_message, read_plan


@pytest.mark.parametrize(("text", "minutes"), [
    ("2 hours and half", 150),
    ("1 hour and half", 90),
    ("three hours and a quarter", 195),
    ("two hours n a half on the trails", 150),
    ("3 hrs and three quarters", 225),
])
def test_a_part_of_an_hour_after_the_hours(text: str, minutes: int) -> None:
    assert read_duration(text) == minutes


def test_a_plan_day_with_hours_and_half() -> None:
    runs = read_plan("tuesday and friday 40 min easy, saturday 2 hours and half")
    assert [(r.weekday, r.kind, r.minutes) for r in runs] == [
        (1, "easy", 40), (4, "easy", 40), (5, "long", 150)]


@pytest.mark.parametrize("text", [
    "skipped tuesday's intervals, watch says 48 hours recovery needed",
    "polar said rest for 60h after the race so i missed tuesday",
])
def test_a_length_longer_than_any_session_is_no_runs_length(text: str) -> None:
    plan = {1: ("intervals", 45), 3: ("easy", 40), 5: ("long", 100)}
    reading = read_message(text, today=date(2027, 3, 12), plan=plan)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.minutes == 45
