""""6pm pls" sent just after the check-in time was set: a message that is only a clock time
is the check-in time (found playing a runner: it got "the articles don't cover that")."""

from __future__ import annotations

from datetime import date, time

import pytest

from coach.language import read_message

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(("text", "moment"), [
    ("6pm pls", time(18, 0)),
    ("wait no, 7pm", time(19, 0)),
    ("make it 6.30am please", time(6, 30)),
    ("actually 07:45", time(7, 45)),
])
def test_a_bare_clock_time_sets_the_checkin_time(text: str, moment: time) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update == {"checkin_time": moment}


@pytest.mark.parametrize("text", ["6 pls", "6/10", "6pm run was great", "ran at 5pm, felt ok"])
def test_a_number_or_a_time_inside_news_is_no_checkin_time(text: str) -> None:
    assert "checkin_time" not in read_message(text, today=TODAY).update
