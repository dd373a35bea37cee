"""Pain felt partway into a run ("3k into the intervals") or on the trail or track today is
felt in that day's planned run, whose length is the plan's: how far in it began is no
length; pain told before asking whether a run is all right ("ok to do the easy today?") is
weighed against that run (from dev17's pain reports, which gave no session for these)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 12, 10)  # a Thursday
PLAN = {1: ("tempo", 45), 3: ("intervals", 50), 5: ("easy", 40), 6: ("long", 100)}


@pytest.mark.parametrize("text", [
    "pulled up 15 min into the intervals, left calf grabbed, maybe a 5",
    "3k into my run the right shin started aching",
    "went over on my ankle on the track earlier, a bit swollen",
])
def test_pain_in_todays_run_names_the_planned_run(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("intervals", 50)
    assert reading.day == TODAY


def test_pain_in_a_run_named_by_its_day_is_still_that_days() -> None:
    # Guard (passes before and after).
    reading = read_message("calf tightened up during yesterday's tempo, 4/10", today=TODAY,
                           plan=PLAN)
    assert reading.session is not None and reading.session.kind == "tempo"


@pytest.mark.parametrize(("text", "kind", "minutes"), [
    ("adductor twinge, 3/10 - fine to do sat's easy?", "easy", 40),
    ("left achilles a bit sore, like a 2. alright to run the intervals today?", "intervals", 50),
])
def test_pain_told_then_asking_about_a_run_names_that_run(text: str, kind: str,
                                                          minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)
