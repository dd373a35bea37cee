"""Plan edits told clause by clause against the athlete's plan: a day that rests ("mondays
are out", "sunday off"), a run moved to a day, which leaves the one day that held it, a
day's run named anew ("correction: monday is easy not intervals"), a run added ("add a
thursday run, 30 min easy"). A one-week change, a question that is no request and a run
told done are no edit."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

FRIDAY = date(2027, 3, 12)
PLAN = {0: ("intervals", 45), 1: ("rest", 0), 2: ("easy", 40), 3: ("rest", 0),
        4: ("hills", 50), 5: ("long", 90), 6: ("easy", 35)}


def _rows(text: str) -> set[tuple[object, object, object]]:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "profile_update", reading
    return {(r["day"], r["kind"], r["minutes"]) for r in reading.update["plan_set"]}


@pytest.mark.parametrize(("text", "rows"), [
    ("new job, mornings only now. shift the long run to sunday and saturday off",
     {("sun", "long", 90), ("sat", "rest", 0)}),
    ("wednesdays are out now (choir), put the easy run on thursday",
     {("wed", "rest", 0), ("thu", "easy", 40)}),
    ("rota changed so mondays are off, push the intervals to tuesday",
     {("mon", "rest", 0), ("tue", "intervals", 45)}),
    ("moving hills to thursday, 55 min, and friday becomes a rest day",
     {("thu", "hills", 55), ("fri", "rest", 0)}),
])
def test_a_day_rested_and_a_run_moved_in_two_clauses(text: str,
                                                     rows: set[tuple[object, ...]]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(("text", "rows"), [
    # No length said: the length the plan gives that kind of run.
    ("correction: monday is easy not intervals", {("mon", "easy", 40)}),
    ("actually wednesday is hills, not easy. same length", {("wed", "hills", 40)}),
    ("my bad, friday is the long one and saturday is hills", {("fri", "long", 90),
                                                            ("sat", "hills", 50)}),
])
def test_a_days_run_named_anew_as_a_correction(text: str,
                                               rows: set[tuple[object, ...]]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(("text", "rows"), [
    ("add a thursday run please, 30 min easy", {("thu", "easy", 30)}),
    ("can you add hills on tuesday, 40 min", {("tue", "hills", 40)}),
    ("throw in an easy 25 on thursdays pls", {("thu", "easy", 25)}),
    ("add tempo tuesday 45", {("tue", "tempo", 45)}),
])
def test_a_run_added_on_a_day(text: str, rows: set[tuple[object, ...]]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize("text", [
    "move my long run to sunday this week",
    "i added a run on thursday, 30 easy, felt good",
    "did monday's intervals, then tuesday off",
    "sunday is the long run right?",
    "i have saturday off work so the long run is on",
])
def test_one_week_reports_and_questions_change_no_plan(text: str) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert "plan_set" not in reading.update
