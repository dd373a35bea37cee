"""Messages as voice typing and learners of English write them: no punctuation, "did not"
written out, a present tense for a run done, pain given after "because"; and a plan day
corrected with "no wait". Phrasings written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message, read_plan

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("rest", 0), 1: ("easy", 40), 2: ("tempo", 45), 3: ("easy", 35), 4: ("rest", 0),
        5: ("long", 100), 6: ("recovery", 25)}


@pytest.mark.parametrize(("text", "day"), [
    ("the tempo of today i did not do it the office was crazy", TODAY),
    ("sorry coach i have not done the run yesterday", date(2027, 1, 12)),
    ("i did not went running on tuesday", date(2027, 1, 12)),
])
def test_a_run_not_done_written_out(text: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.day == day


@pytest.mark.parametrize(("text", "minutes"), [
    ("today i finish the tempo 50 minutes", 50),
    ("yesterday i make 30 minutes only the legs was tired", 30),
])
def test_a_learners_present_tense_for_a_run_done(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == minutes


@pytest.mark.parametrize("text", [
    "not doing the long run saturday because my foot is hurting",
    "i skip today because the hamstring is sore",
])
def test_pain_given_after_because_is_why(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"


@pytest.mark.parametrize(("text", "days"), [
    ("thursday 40 easy no wait friday, sunday long 100", [(4, "easy", 40), (6, "long", 100)]),
    ("mon tempo 45 or rather tue, sat long 90", [(1, "tempo", 45), (5, "long", 90)]),
])
def test_a_plan_day_corrected_with_no_wait(text: str, days: list[tuple[int, str, int]]) -> None:
    assert [(r.weekday, r.kind, r.minutes) for r in read_plan(text)] == days


@pytest.mark.parametrize("text", [
    "hey so my achilles was like 5/10 this morning and also we moved to perth last week",
    "got a rower delivered today and my left hip is sitting at a 4 out of 10",
])
def test_scored_pain_comes_first_in_a_message_of_several_facts(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.score is not None
