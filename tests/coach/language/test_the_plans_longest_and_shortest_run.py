"""A question about the athlete's run of most or fewest minutes ("whats my longest run
this week", "which is my biggest session?") is a plan question the plan answers by its
lengths: that run, on its next day (this week's when the week is said). The longest run
in general ("the longest run before a marathon") is no question about the plan."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("easy", 30), 1: ("intervals", 45), 3: ("tempo", 40), 5: ("long", 95),
        6: ("recovery", 20)}


@pytest.mark.parametrize("text", [
    "which is my biggest session?",
    "when is my longest run",
    "hey what's my longest one this week",
    "how long is my longest run this wk?",
])
def test_the_longest_run_is_the_plans_run_of_most_minutes(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "plan_question"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("long", 95)
    assert reading.day == date(2027, 1, 16)


def test_the_shortest_run_is_the_plans_run_of_fewest_minutes() -> None:
    reading = read_message("what's my shortest run", today=TODAY, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("recovery", 20)
    assert reading.day == date(2027, 1, 17)


def test_the_longest_run_in_general_is_no_plan_question() -> None:
    assert read_message("whats the longest run i should do before a marathon",
                        today=TODAY, plan=PLAN).intent == "article_question"
