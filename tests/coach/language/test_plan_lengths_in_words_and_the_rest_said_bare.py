"""A plan's lengths said in words are minutes as digits are ("Tuesday easy forty-five",
"thu tempo thirty five"); and "rest" followed by a kind and a length ("rest easy 40ish")
is the rest of the week, since a rest day has neither."""

from __future__ import annotations

import pytest

from coach.language import read_plan


def _week(text: str) -> dict[int, tuple[str, int]]:
    return {run.weekday: (run.kind, run.minutes) for run in read_plan(text)}


@pytest.mark.parametrize(("text", "day", "run"), [
    ("Tuesday easy forty-five, Saturday long ninety", 1, ("easy", 45)),
    ("mon steady thirty five then wed tempo fifty", 0, ("easy", 35)),
    ("thu tempo twenty-five, sun long eighty", 3, ("tempo", 25)),
    ("Friday recovery thirty", 4, ("recovery", 30)),
])
def test_lengths_in_words_are_minutes(text: str, day: int, run: tuple[str, int]) -> None:
    assert _week(text)[day] == run


@pytest.mark.parametrize("text", [
    "wed tempo 45, sun long 100, rest easy 35ish",
    "sun long 100, wed tempo 45, rest runs 35 each",
    "wed tempo 45 + sun long 100, rest easy ~35",
])
def test_rest_with_a_kind_and_a_length_is_the_other_days(text: str) -> None:
    week = _week(text)
    assert week[2] == ("tempo", 45)
    assert week[6] == ("long", 100)
    assert all(week[day] == ("easy", 35) for day in (0, 1, 3, 4, 5))


def test_a_rest_day_is_still_rest() -> None:
    assert _week("mon rest, tue easy 40")[0] == ("rest", 0)
