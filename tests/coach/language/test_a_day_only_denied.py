"""A day only denied beside a miss ("yesterday's hills I missed, not today") is no day
missed: of several days told missed the latest is taken, and "not today" was one (found
by conv25 playing a night-shift ultra runner)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 11, 29)  # a Sunday
PLAN = {0: ("easy", 40), 1: ("intervals", 50), 3: ("tempo", 45), 5: ("hills", 45),
        6: ("long", 100)}


@pytest.mark.parametrize(("text", "day"), [
    ("yesterday's hills I missed, not today", date(2026, 11, 28)),
    ("skipped my run yesterday, not today", date(2026, 11, 28)),
    ("missed thursday's tempo - not today!", date(2026, 11, 26)),
    ("bailed on the intervals tuesday, not today 🙈", date(2026, 11, 24)),
])
def test_the_day_told_missed_is_not_the_day_denied(text: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.day == day


@pytest.mark.parametrize("text", ["not today lol", "not today, too tired"])
def test_not_today_alone_is_still_todays_miss(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).day == TODAY
