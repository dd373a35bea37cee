"""A short day name is a day only when the words after it say something about a run
(found playing a runner: "we have a stroller and i have a yoga mat", typed at the plan
question, became "Wednesday: easy 40 min")."""

from __future__ import annotations

import pytest

from coach.language.plans import PlanParseError, parse_weekly_plan


@pytest.mark.parametrize(
    "text",
    ["we have a stroller and i have a yoga mat",
     "we are moving house so no idea yet",
     "mo is the best, he runs with me",
     "we usually just see how the week goes"],
)
def test_a_short_day_name_followed_by_other_words_is_no_day(text: str) -> None:
    with pytest.raises(PlanParseError):
        parse_weekly_plan(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [("we easy 40", {2: ("easy", 40)}),
     ("mo easy 30, we tempo 40", {0: ("easy", 30), 2: ("tempo", 40)}),
     ("m, w, f easy 30", {0: ("easy", 30), 2: ("easy", 30), 4: ("easy", 30)}),
     ("sa long run 90, su off", {5: ("long", 90), 6: ("rest", 0)})],
)
def test_a_short_day_name_before_a_run_is_still_that_day(
        text: str, days: dict[int, tuple[str, int]]) -> None:
    plan = {run.weekday: (run.kind, run.minutes) for run in parse_weekly_plan(text)}
    assert plan == days
