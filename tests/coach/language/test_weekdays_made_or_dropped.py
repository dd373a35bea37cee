"""A weekday's run changed in the plan by "make" ("make friday an easy 40"), a weekday in
the plural dropped ("scrap mondays"), and two weekdays changed in two clauses without
"from now on" ("change tue to rest and make wed the hills") are plan rows; kept to one
week they are not. Phrasings written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("easy", 35), 1: ("hills", 45), 2: ("rest", 0), 3: ("tempo", 50), 4: ("easy", 30),
        5: ("long", 110), 6: ("rest", 0)}


def _rows(text: str) -> list[dict[str, object]] | None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    if reading.intent != "profile_update":
        return None
    rows = reading.update.get("plan_set")
    return rows if isinstance(rows, list) else None


@pytest.mark.parametrize(("text", "rows"), [
    ("could you make friday an easy 40 please", [("fri", "easy", 40)]),
    ("make mondays a rest day", [("mon", "rest", 0)]),
    ("pls make tuesday the tempo, 50 min", [("tue", "tempo", 50)]),
])
def test_a_weekday_made_into_a_run_is_a_plan_row(text: str, rows: list[tuple[object, ...]]
                                                 ) -> None:
    got = _rows(text)
    assert got is not None
    assert {(r["day"], r["kind"], r["minutes"]) for r in got} == set(rows)


@pytest.mark.parametrize(("text", "day"), [
    ("scrap mondays, too much on at work", "mon"),
    ("can we drop fridays", "fri"),
    ("cutting thursdays for the rest of the block", "thu"),
])
def test_a_weekday_in_the_plural_dropped_rests(text: str, day: str) -> None:
    got = _rows(text)
    assert got is not None
    assert [(r["day"], r["kind"], r["minutes"]) for r in got] == [(day, "rest", 0)]


@pytest.mark.parametrize(("text", "rows"), [
    ("change tuesday to rest and make wednesday the hills, 45",
     [("tue", "rest", 0), ("wed", "hills", 45)]),
    ("switch monday to rest and make sunday an easy 35",
     [("mon", "rest", 0), ("sun", "easy", 35)]),
    ("make thursday a rest day and change friday to tempo 50",
     [("thu", "rest", 0), ("fri", "tempo", 50)]),
])
def test_two_weekdays_changed_in_two_clauses_are_two_rows(
        text: str, rows: list[tuple[object, ...]]) -> None:
    got = _rows(text)
    assert got is not None
    assert {(r["day"], r["kind"], r["minutes"]) for r in got} == set(rows)


@pytest.mark.parametrize("text", [
    "can we make saturday the long run this week",
    "make sure friday is easy",
])
def test_one_week_or_no_run_made_is_no_plan_row(text: str) -> None:
    assert _rows(text) is None
