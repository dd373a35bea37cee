"""A day given to a team or racket sport holds no run, whichever comes first, and short
day names said with spaces before a run are a list (found playing a beginner: "football
on sundays w mates" at the plan question became Sunday easy 40, "wed 5-a-side football"
an easy run of 5 min, and "m w f 20 min run/walk" Monday alone)."""

from __future__ import annotations

import pytest

from coach.language.plans import PlanParseError, parse_weekly_plan


def _week(text: str) -> dict[int, tuple[str, int]]:
    return {run.weekday: (run.kind, run.minutes) for run in parse_weekly_plan(text)}


@pytest.mark.parametrize(
    ("text", "week"),
    [("mon easy 30, wed 5-a-side football, sat long 60",
      {0: ("easy", 30), 2: ("rest", 0), 5: ("long", 60)}),
     ("tue tennis, thu tempo 40", {1: ("rest", 0), 3: ("tempo", 40)}),
     ("swimming tuesdays, easy 30 mon wed fri",
      {0: ("easy", 30), 2: ("easy", 30), 4: ("easy", 30)}),
     ("mon easy 40, basketball on wed, sat long 90", {0: ("easy", 40), 5: ("long", 90)}),
     ("easy 30 mon, wed and fri, swim sat", {0: ("easy", 30), 2: ("easy", 30), 4: ("easy", 30)})],
)
def test_a_sports_day_holds_no_run(text: str, week: dict[int, tuple[str, int]]) -> None:
    assert _week(text) == week


def test_a_sport_alone_is_no_week() -> None:
    with pytest.raises(PlanParseError):
        parse_weekly_plan("football on sundays w mates, dont like gym stuff")


@pytest.mark.parametrize(
    ("text", "week"),
    [("m w f 20 min run/walk", {0: ("easy", 20), 2: ("easy", 20), 4: ("easy", 20)}),
     ("m w f easy 30", {0: ("easy", 30), 2: ("easy", 30), 4: ("easy", 30)}),
     ("tu th easy 45, sa long 90", {1: ("easy", 45), 3: ("easy", 45), 5: ("long", 90)})],
)
def test_short_day_names_said_with_spaces_before_a_run_are_a_list(
        text: str, week: dict[int, tuple[str, int]]) -> None:
    assert _week(text) == week
