"""A session moved for good to another weekday is a plan change; one week's move is
not. Phrasings written here, not taken from any eval set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 6, 10)  # a Wednesday


# ------------------------------------------ a session moved for good to another weekday


PLAN = {0: ("rest", 0), 1: ("tempo", 40), 2: ("easy", 45), 3: ("easy", 40),
        4: ("rest", 0), 5: ("easy", 30), 6: ("long", 100)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could we switch my long runs to saturdays rather than sundays?",
         [{"day": "sat", "kind": "long", "minutes": 100}, {"day": "sun", "kind": "rest",
                                                          "minutes": 0}]),
        ("from now on i'd like my tempo on thursday, not tuesday",
         [{"day": "thu", "kind": "tempo", "minutes": 40}, {"day": "tue", "kind": "rest",
                                                           "minutes": 0}]),
        ("pls move my long run from sundays to fridays, 90 min",
         [{"day": "fri", "kind": "long", "minutes": 90}, {"day": "sun", "kind": "rest",
                                                         "minutes": 0}]),
    ],
)
def test_a_session_moved_for_good_is_a_plan_change(
        text: str, expected: list[dict[str, object]]) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    rows = reading.update["plan_set"]
    assert isinstance(rows, list)
    assert sorted(rows, key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    "text",
    [
        "can i move my long run to saturday this week? busy sunday",
        "moved my tempo to thursday because of work",
        "did saturdays tempo on friday instead of saturday",
    ],
)
def test_moving_one_week_s_session_changes_no_plan(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert "plan_set" not in reading.update


# ------------------------------------------ one day named: a long run moves, not doubles


@pytest.mark.parametrize("text", [
    "switch my long run to saturdays",
    "long runs on saturdays from now on please",
])
def test_the_long_run_moved_to_one_day_frees_the_day_it_held(text: str) -> None:
    update = read_message(text, today=TODAY, plan=PLAN).update
    assert update.get("plan_set") == [{"day": "sat", "kind": "long", "minutes": 100},
                                      {"day": "sun", "kind": "rest", "minutes": 0}]
    assert update.get("plan_partial") is True


def test_another_kind_moved_to_one_day_leaves_its_old_day_unsaid() -> None:
    # A week may hold two tempos; where the old one goes is not said, so it stays.
    update = read_message("moving my tempo to fridays", today=TODAY, plan=PLAN).update
    assert update.get("plan_set") == [{"day": "fri", "kind": "tempo", "minutes": 40}]
