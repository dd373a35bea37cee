"""A day's run said to be "better as" a new length is a standing plan change (found
playing a runner: "actually fridays are better as 45 min" got "the articles don't cover
that")."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

PLAN = {0: ("easy", 30), 2: ("tempo", 40), 4: ("easy", 30), 6: ("long", 75)}
TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("text", "day", "kind", "minutes"),
    [("actually fridays are better as 45 min", "fri", "easy", 45),
     ("fridays are better as 45 min now", "fri", "easy", 45),
     ("actually friday works better as a 45", "fri", "easy", 45),
     ("mondays would be better at 40 actually", "mon", "easy", 40),
     ("going forward wednesday's tempo is best as 35", "wed", "tempo", 35)],
)
def test_a_day_better_as_a_length_changes_the_plan(
        text: str, day: str, kind: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert (reading.update or {}).get("plan_set") == [
        {"day": day, "kind": kind, "minutes": minutes}]


def test_one_week_better_as_a_length_is_no_plan_change() -> None:
    reading = read_message("friday is better as 45 min this week", today=TODAY, plan=PLAN)
    assert "plan_set" not in (reading.update or {})
