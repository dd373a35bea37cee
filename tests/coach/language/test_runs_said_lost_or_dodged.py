"""A run said lost, the run being the subject ("tomorrows run is gone", "sunday's long run
got binned", "the hills went out the window"), or the object of a verb of dodging
("ghosted thursday's workout", "flaked on the tempo"), is a run missed; the dodge lies in
the past. A run said to go well, or a pain said gone, is no miss."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("easy", 30), 1: ("intervals", 45), 3: ("tempo", 40), 5: ("long", 90),
        6: ("recovery", 20)}


@pytest.mark.parametrize(("text", "day", "kind"), [
    ("tmrw's tempo is gone, work trip", date(2027, 1, 14), "tempo"),
    ("sunday's recovery run got binned, family stuff", date(2027, 1, 10), "recovery"),
    ("monday's easy run went out the window with the snow", date(2027, 1, 11), "easy"),
    ("saturday's long one is dead in the water, wedding", date(2027, 1, 16), "long"),
])
def test_a_run_said_lost_is_missed(text: str, day: date, kind: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == day
    assert reading.session is not None and reading.session.kind == kind


@pytest.mark.parametrize("text", [
    "ngl i ghosted thursday's session",
    "flaked on thursday's tempo, sorry coach",
    "totally nuked thursday's run, too much wine",
])
def test_a_run_dodged_lies_back(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == date(2027, 1, 7)


@pytest.mark.parametrize("text", ["the long run went great", "my knee pain is gone"])
def test_no_miss_without_a_run_lost(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent != "missed_run"
