"""How many runs or run days the athlete has ("how many run days do i have a week rn")
asks about their own plan, not the articles."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 6, 9)
PLAN = {1: ("easy", 40), 3: ("tempo", 45), 6: ("long", 85)}


@pytest.mark.parametrize("text", [
    "how many running days do i get each week at the moment",
    "how many sessions am i doing weekly now? seems low for a marathon",
    "how many training days do i have this week",
])
def test_asking_how_many_runs_i_have_asks_the_plan(text: str) -> None:
    assert read_message(text, today=TODAY, plan=PLAN).intent == "plan_question"
