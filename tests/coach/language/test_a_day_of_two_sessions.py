"""A weekly plan may give one day two sessions ("sat parkrun + 20 easy", "thu intervals
45 plus 15 easy after"): the day is noted as its harder session, lasting as long as
both; an add-on said without its length ("tempo 40 + strides") changes nothing, and a
"+" between two days still joins two days."""

from __future__ import annotations

import pytest

from coach.language import read_plan


def _week(text: str) -> dict[int, tuple[str, int]]:
    return {run.weekday: (run.kind, run.minutes) for run in read_plan(text)}


@pytest.mark.parametrize(("text", "day", "run"), [
    ("mon easy 40, thu intervals 45 plus 15 easy after, sun long 100", 3, ("intervals", 60)),
    ("wed hills 40 + 10 jog, sat long 90", 2, ("hills", 50)),
    ("tue 30 easy + 20 easy, fri rest", 1, ("easy", 50)),
    ("sun long 100, sat parkrun + 25 easy", 5, ("tempo", 70)),
])
def test_two_sessions_on_a_day_are_one_run(text: str, day: int, run: tuple[str, int]) -> None:
    assert _week(text)[day] == run


def test_an_add_on_without_a_length_changes_nothing() -> None:
    assert _week("tue tempo 40 + strides, sat long 2h") == {1: ("tempo", 40),
                                                              5: ("long", 120)}


def test_a_plus_between_two_days_joins_two_days() -> None:
    assert _week("mon easy 40 + wed tempo 45") == {0: ("easy", 40), 2: ("tempo", 45)}
