"""A run missed, then a question about doing "it" on another day ("is it ok to do it
friday instead?", "can i do it tonight?"), is the missed run to swap, not a question about
the plan; one that weighs the plan's own day ("since it's a rest day") stays a plan
question. A learner's "not" before the modal ("yesterday I not could run") tells a miss."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("easy", 30), 1: ("intervals", 45), 3: ("tempo", 40), 5: ("long", 90),
        6: ("recovery", 20)}


@pytest.mark.parametrize(("text", "day"), [
    ("cant make saturday's long run, work do. could i do it friday instead?",
     date(2027, 1, 16)),
    ("missed the intervals yesterday, ok if i run them tomorrow?", date(2027, 1, 12)),
    ("skipped monday's run, should i move it to thursday?", date(2027, 1, 11)),
    ("Yesterday we not could train, the track was closed. Can I do it today?",
     date(2027, 1, 12)),
])
def test_a_miss_then_a_make_up_day_is_the_missed_run(text: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == day


def test_a_make_up_weighing_a_rest_day_is_a_plan_question() -> None:
    reading = read_message("missed yesterday's intervals, should i do it today since "
                           "it's my day off?", today=TODAY, plan=PLAN)
    assert reading.intent == "plan_question"


def test_a_learners_not_before_the_modal_is_a_miss() -> None:
    assert read_message("monday I not could run, too much snow", today=TODAY,
                        plan=PLAN).intent == "missed_run"
