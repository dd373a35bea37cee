"""Pain told with its score comes first, whatever is asked after it; a run stopped
partway ("had to stop at 8k", "at minute 20 ... walked home") is the day's planned run."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

FRIDAY = date(2027, 4, 16)
PLAN = {0: ("rest", 0), 1: ("tempo", 45), 2: ("easy", 40), 3: ("intervals", 55),
        4: ("easy", 35), 5: ("long", 110), 6: ("recovery", 25)}


@pytest.mark.parametrize("text", [
    "hamstring twinged during thursday's intervals, 4/10. is that a strain or just tight?",
    "right shin sore after the long one, about a 5. normal for my age?",
    "left hip aches since wednesday's easy run, 3 out of 10 - should i be worried??",
    "right foot 5/10 after yesterday's run, what could that be?",
])
def test_scored_pain_before_a_question_is_pain(text: str) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.score is not None


@pytest.mark.parametrize("text", [
    "legs feel great. should I still do the long run tomorrow?",
    "achilles at a 3, what's on saturday?",
])
def test_a_question_about_the_plan_stays_a_plan_question(text: str) -> None:
    assert read_message(text, today=FRIDAY, plan=PLAN).intent == "plan_question"


@pytest.mark.parametrize("text", [
    "had to stop at 8k, left calf went tight, 6/10",
    "achilles flared up around km 4 so I limped home. 5/10",
    "right knee started hurting at about minute 20, walked home, like a 4",
])
def test_a_run_stopped_partway_is_todays_planned_run(text: str) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("easy", 35)
    assert reading.day == FRIDAY
