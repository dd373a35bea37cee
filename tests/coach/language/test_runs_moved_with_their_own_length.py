"""A run moved for good keeps its own length and frees the day that held it, also when
the athlete names the wrong old day or the plan calls no run "long" (found playing
runners: "Sorry not tues, the easy one is mondays" gave Monday 40 min, not the 60 of the
easy run moved; "moved my long run to fridays" set Friday and left the old day)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 5, 12)


def plan_rows(text: str, plan: dict[int, tuple[str, int]]) -> list[dict[str, object]]:
    update = read_message(text, today=TODAY, plan=plan).update
    return sorted(update.get("plan_set", []), key=lambda row: str(row["day"]))


@pytest.mark.parametrize(("text", "plan", "rows"), [
    # Only Thursday holds an easy run: it is the one meant, whatever day was denied.
    ("no wait, not wednesday, my easy one is on sundays",
     {1: ("tempo", 45), 3: ("easy", 55), 5: ("long", 100)},
     [{"day": "sun", "kind": "easy", "minutes": 55}, {"day": "thu", "kind": "rest", "minutes": 0}]),
    # Two easy runs: the one nearest the day denied (Friday's, beside Thursday) moves.
    ("sorry, not thurs - the easy run is mondays",
     {1: ("easy", 35), 4: ("easy", 50), 6: ("long", 110)},
     [{"day": "fri", "kind": "rest", "minutes": 0}, {"day": "mon", "kind": "easy", "minutes": 50}]),
])
def test_a_run_placed_on_the_wrong_day_moves_from_where_it_is(
        text: str, plan: dict[int, tuple[str, int]], rows: list[dict[str, object]]) -> None:
    assert plan_rows(text, plan) == rows


def test_the_day_denied_keeps_its_own_other_run() -> None:
    rows = plan_rows("not tuesday sorry, my easy run is mondays",
                     {1: ("hills", 40), 3: ("easy", 45), 6: ("long", 95)})
    assert {"day": "tue", "kind": "rest", "minutes": 0} not in rows
    assert {"day": "mon", "kind": "easy", "minutes": 45} in rows


@pytest.mark.parametrize(("text", "plan", "rows"), [
    # A plan told without the word "long": its clearly longest easy run is the long run.
    ("shifted my long run to thursdays",
     {0: ("easy", 30), 2: ("tempo", 45), 5: ("easy", 75)},
     [{"day": "sat", "kind": "rest", "minutes": 0}, {"day": "thu", "kind": "long", "minutes": 75}]),
    # Two long runs: "my long run" is the longer one.
    ("long runs are wednesdays from now on",
     {1: ("easy", 40), 5: ("long", 70), 6: ("long", 120)},
     [{"day": "sun", "kind": "rest", "minutes": 0},
      {"day": "wed", "kind": "long", "minutes": 120}]),
])
def test_a_long_run_moved_for_good_frees_its_old_day(
        text: str, plan: dict[int, tuple[str, int]], rows: list[dict[str, object]]) -> None:
    assert plan_rows(text, plan) == rows


def test_two_runs_as_long_leave_no_day_guessed() -> None:
    rows = plan_rows("moved my long run to fridays", {1: ("easy", 60), 6: ("easy", 60)})
    assert [row["day"] for row in rows] == ["fri"]
