"""A day said only to be denied beside a run ("skipped the run, not the 4th one") is not the
day meant and changes no race date (found playing runners: "missed my run, not the 6th
one" was read as a race date)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 12, 10)  # a Thursday
PLAN = {1: ("tempo", 45), 3: ("easy", 40), 4: ("intervals", 50), 6: ("long", 100)}


@pytest.mark.parametrize("text", [
    "skipped the run, not the 4th one",
    "didn't get my session in today, not the 8th",
    "bailed on the run - not the 3rd run, today's",
])
def test_a_runs_day_denied_is_no_race_date_and_no_day(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert "race_date" not in reading.update
    assert reading.day == TODAY


def test_a_race_date_corrected_is_still_one() -> None:
    # Guard: a race named with the date denied is a race date (passes before and after).
    reading = read_message("race is the 20th not the 13th", today=TODAY, plan=PLAN)
    assert reading.update.get("race_date") == date(2026, 12, 20)
