""""actually sat is 60 now not 70": one weekday's run given a new length for good, its kind
kept from the plan (found playing a runner: the correction got "the articles don't cover
that")."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

PLAN = {1: ("easy", 40), 2: ("intervals", 50), 4: ("easy", 30), 5: ("long", 70)}
SATURDAY = date(2026, 11, 28)


@pytest.mark.parametrize(("text", "row"), [
    ("actually sat is 60 now not 70", {"day": "sat", "kind": "long", "minutes": 60}),
    ("my saturday long run is 85 mins now", {"day": "sat", "kind": "long", "minutes": 85}),
    ("tuesdays are 45 min from now on", {"day": "tue", "kind": "easy", "minutes": 45}),
    ("correction: wednesday is 1h now", {"day": "wed", "kind": "intervals", "minutes": 60}),
    ("fri = 35 now pls", {"day": "fri", "kind": "easy", "minutes": 35}),
])
def test_the_day_keeps_its_kind_and_takes_the_new_length(
    text: str, row: dict[str, object],
) -> None:
    reading = read_message(text, today=SATURDAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update["plan_set"] == [row]
    assert reading.update.get("plan_partial") is True


@pytest.mark.parametrize("text", [
    "saturday is 60 this week, busy weekend",  # one week only
    "sat is 20k now",  # a distance
    "monday is 40 now",  # a rest day has no length to change
    "is sat 60 now?",  # a question
])
def test_what_is_no_standing_new_length_changes_no_plan(text: str) -> None:
    reading = read_message(text, today=SATURDAY, plan=PLAN)
    assert "plan_set" not in reading.update
