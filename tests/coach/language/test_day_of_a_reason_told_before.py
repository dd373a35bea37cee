"""A day told in the reason is not the day of the run missed (found playing a beginner:
"last night i couldnt sleep so no run this morning" was logged as a run missed
yesterday)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

PLAN = {0: ("easy", 30), 2: ("tempo", 40), 4: ("easy", 30), 6: ("long", 75)}
SUNDAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    "text",
    ["last night i couldnt sleep so no run this morning",
     "didnt sleep last night so skipped this mornings run",
     "yesterday was my bday so no run today lol 🎂",
     "kids were sick on tuesday so i skipped today as well",
     "skipped today because i ran hard yesterday"],
)
def test_the_run_missed_is_the_day_the_miss_is_told_for(text: str) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.day == SUNDAY


def test_a_run_missed_yesterday_and_made_up_today_is_yesterdays() -> None:
    reading = read_message("missed yesterday so i will run today", today=SUNDAY, plan=PLAN)
    assert reading.session is not None and reading.session.day == date(2026, 11, 28)
