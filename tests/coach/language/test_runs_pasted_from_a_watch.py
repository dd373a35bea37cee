"""A run pasted from a watch or an app ("Lunch Run — 6.1 km, 33m 05s, avg HR 151") is a
run done today: a run named with its distance and its time is a log whatever its kind,
and a decimal with no date word before it ("TE 3.8", "VO2 max 52.3") is no date."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize(("text", "minutes"), [
    ("Evening Run · 10.2 km · 58:31 · 5:44 /km (Garmin)", 59),
    ("Lunch Run — 6.1 km, 33m 05s, avg HR 151", 33),
    ("Strava: Morning Run 12.0 km in 1:05:40, elev 120 m", 66),
    ("Morning Run 14.3 km 1h 20m 11s", 80),
])
def test_a_pasted_record_is_a_run_done_today(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("tempo", minutes)
    assert reading.day == TODAY


@pytest.mark.parametrize("text", [
    "tempo done, 9.1 km in 47:40, training effect 4.2",
    "easy 40 done, VO2 max says 51.7 now",
    "Long run ✅ 18 km 1:49:00, TE 3.9",
])
def test_a_decimal_beside_a_run_is_no_date(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.day == TODAY


def test_a_record_asked_about_or_planned_is_no_log() -> None:
    assert read_message("is a 10 km run in 50 min good?", today=TODAY,
                        plan=PLAN).intent != "done"
    assert read_message("gonna do a 10 km run tomorrow, about 60 min", today=TODAY,
                        plan=PLAN).intent != "done"
