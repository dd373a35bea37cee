"""Hours told as the length of something else are no check-in time (found playing a
night-shift nurse: "missed yesterdays tempo, came off a 12h shift" at the check-in
question set daily check-ins at 12:00)."""

from __future__ import annotations

from datetime import time

import pytest

from coach.language.readers import read_clock_time


@pytest.mark.parametrize(
    "text",
    ["missed my run, came off a 12h shift and was wrecked",
     "after my 8h shift i am useless",
     "running on 5h of sleep lol",
     "did a 3h ride instead",
     "after my 10 hour shift i can barely walk"],
)
def test_hours_of_a_shift_sleep_or_ride_are_no_time(text: str) -> None:
    assert read_clock_time(text) is None


@pytest.mark.parametrize(
    ("text", "at"),
    [("19h", time(19)), ("at 7h please", time(7)), ("19h works for me", time(19)),
     ("12h shifts all week, 6pm is best", time(18)), ("at 19h after work", time(19))],
)
def test_an_hour_written_the_french_way_is_still_a_time(text: str, at: time) -> None:
    assert read_clock_time(text) == at
