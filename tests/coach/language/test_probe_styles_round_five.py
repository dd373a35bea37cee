"""Classes found by probing styles the sets barely have: watch and app talk, slang
negations, triathletes' goals, older runners' injury answers that say a part is fine or
an injury is past, and a rough number standing alone."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import is_none_answer, read_goal, read_injuries, read_message

SUNDAY = date(2027, 8, 15)
PLAN = {0: ("rest", 0), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 45),
        4: ("rest", 0), 5: ("long", 100), 6: ("recovery", 30)}


def test_a_rough_number_alone_in_its_clause_is_the_runs_minutes() -> None:
    reading = read_message("Garmin froze on the long run but I got round, about 95.",
                           today=SUNDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == 95


def test_a_pain_score_is_no_rough_length() -> None:
    reading = read_message("calf after the long run, about 4", today=SUNDAY, plan=PLAN)
    assert reading.pain is not None and reading.pain.score == 4


@pytest.mark.parametrize("text", ["aint running the recovery today, knackered",
                                  "ain't doing tuesday's intervals, work trip"])
def test_a_slang_negation_misses_the_run(text: str) -> None:
    assert read_message(text, today=SUNDAY, plan=PLAN).intent == "missed_run"


@pytest.mark.parametrize(("text", "goal"), [
    ("olympic distance in september", "olympic triathlon"),
    ("first sprint tri, 4 july", "first sprint triathlon"),
    ("Triathlon: olympic", "olympic triathlon"),
])
def test_a_triathlon_named_by_its_distance(text: str, goal: str) -> None:
    assert read_goal(text, today=SUNDAY).goal == goal


@pytest.mark.parametrize("text", ["nothing ongoing. tore a calf muscle 3 years back",
                                  "no back pain these days", "hips and knees are grand"])
def test_a_part_said_fine_or_an_injury_long_past_is_none(text: str) -> None:
    assert is_none_answer(text)


def test_a_fine_part_beside_a_sore_one_is_no_none() -> None:
    assert not is_none_answer("knees are fine, left hip is sore")


def test_a_bare_no_then_a_part_told_is_the_part() -> None:
    assert not is_none_answer("nope - right shin aches after speedwork")
    assert read_injuries("nope - right shin aches after speedwork")[0] == ["right shin"]
