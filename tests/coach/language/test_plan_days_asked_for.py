"""A change asked for in so many words: a request verb or "should be" beside a weekday
and its new run, leave asked for a longer long run, and an injury asked off the list."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TUESDAY = date(2027, 5, 11)
PLAN = {0: ("rest", 0), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 45),
        4: ("rest", 0), 5: ("long", 100), 6: ("easy", 30)}


def _rows(text: str) -> list[dict[str, object]]:
    reading = read_message(text, today=TUESDAY, plan=PLAN)
    assert reading.intent == "profile_update", reading
    rows = reading.update.get("plan_set")
    assert isinstance(rows, list)
    return rows


@pytest.mark.parametrize("text", [
    "could you make thursday easy 35 rather than tempo, my legs need it",
    "pls set thursday to an easy 35 from now on",
    "thursday should be easy 35 not tempo going forward",
    "could thursday be an easy 35 instead of the tempo?",
    "thursday tempo should be an easy 35 from now on",
])
def test_a_weekday_given_a_new_run_by_request(text: str) -> None:
    assert {"day": "thu", "kind": "easy", "minutes": 35} in _rows(text)


@pytest.mark.parametrize("text", [
    "bump saturday long to 120 please",
    "extend saturday's long run to 2 hours",
    "add saturday long to 120 pls",
])
def test_a_weekday_given_a_new_length_keeps_its_run(text: str) -> None:
    assert _rows(text) == [{"day": "sat", "kind": "long", "minutes": 120}]


def test_two_days_asked_for_in_one_message() -> None:
    rows = _rows("make monday an easy 25 instead of rest, and sunday should be a recovery 30")
    assert {"day": "mon", "kind": "easy", "minutes": 25} in rows
    assert {"day": "sun", "kind": "recovery", "minutes": 30} in rows


@pytest.mark.parametrize("text", [
    "couldn't make thursday tempo, work ran late",
    "thursday should be tempo but i skipped it",
    "thursday should be tempo right?",
    "make thursday easy this week, i'm wrecked",
])
def test_no_change_without_a_request_for_good(text: str) -> None:
    reading = read_message(text, today=TUESDAY, plan=PLAN)
    assert "plan_set" not in reading.update


@pytest.mark.parametrize(("text", "minutes"), [
    ("could my long runs go up to 2.5 hours now?", 150),
    ("can the long run be 2 hours from now on?", 120),
    ("can my long runs stretch to 130 min now", 130),
])
def test_leave_asked_for_a_longer_long_run_is_an_update(text: str, minutes: int) -> None:
    reading = read_message(text, today=TUESDAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get("long_run_minutes") == minutes


@pytest.mark.parametrize(("text", "part"), [
    ("achilles isnt a problem anymore, you can take it off my injuries", "achilles"),
    ("please remove the hamstring from my injury list", "hamstring"),
    ("my shin is no longer an issue", "shin"),
])
def test_an_injury_asked_off_the_list(text: str, part: str) -> None:
    reading = read_message(text, today=TUESDAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get("injuries_remove") == [part]
