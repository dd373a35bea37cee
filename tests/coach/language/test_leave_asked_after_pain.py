"""Pain told first and a question after it that only asks leave to go on, or whether it
is normal, is a pain report even when the question names a day of the plan (most sets
read it so; the first set's "ok to do tomorrow's intervals?" is the one that disagrees).
A part and its score told in clauses of their own are one report; time to spare told
with its subject dropped ("have maybe 30 min tomorrow") is no question; a learner's
negation with the bare verb ("I am not make my run") tells a run missed."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

FRIDAY = date(2027, 3, 12)
PLAN = {0: ("rest", 0), 1: ("intervals", 40), 2: ("easy", 35), 3: ("rest", 0),
        4: ("tempo", 40), 5: ("easy", 30), 6: ("long", 80)}


@pytest.mark.parametrize("text", [
    "achilles is grumbling, 4/10 this morning, should i still go out tomorrow?",
    "my hip aches pretty bad, like a 5. safe to do the long run sunday?",
    "right groin twinges, 3 out of 10 - tuesday's intervals ok or should i rest?",
    "calf at a 2, is tomorrow's interval session ok?",
])
def test_leave_asked_after_scored_pain_is_pain(text: str) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.score is not None


@pytest.mark.parametrize("text", [
    "calves wrecked after the hill reps, 3/10 stiffness, just doms right?",
    "glutes smashed from the squats, 4/10 tightness. is that normal",
    "hamstrings cooked after sprints. 3/10 ache, nothing to worry about?",
])
def test_a_part_and_its_score_in_separate_clauses_are_one_report(text: str) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.score in (3, 4)


@pytest.mark.parametrize("text", [
    "shoulder 3/10 after swimming, what's on tomorrow?",
    "knee is a 2, how long is sunday's run?",
])
def test_what_the_plan_holds_asked_after_pain_stays_a_plan_question(text: str) -> None:
    assert read_message(text, today=FRIDAY, plan=PLAN).intent == "plan_question"


@pytest.mark.parametrize("text", [
    "cant do the tempo tonight, got stuck at work. have maybe 30 min tomorrow",
    "skipping tonight's run, flat tire on the way home. have about 20 mins in the morning",
    "tonight's tempo is not happening, babysitting. got like an hour tomorrow",
])
def test_time_to_spare_with_its_subject_dropped_is_no_question(text: str) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == "tempo"
    assert reading.day == FRIDAY


@pytest.mark.parametrize(("text", "day"), [
    ("i not do the tempo yesterday, my son was sick. what i must do?", date(2027, 3, 11)),
    ("Hi, I am not make my run on wednesday because the rain is too much. What now?",
     date(2027, 3, 10)),
    ("i was not finish the intervals on tuesday, too much wind", date(2027, 3, 9)),
])
def test_a_learners_negation_with_the_bare_verb_tells_a_run_missed(text: str,
                                                                    day: date) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == day
