"""A plan's one clearly longer weekend run of no said kind is its long run; phrasings
written here, not taken from any eval set."""

from __future__ import annotations

import pytest

from coach.language import read_plan

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _plan(text: str) -> set[tuple[str, str, int]]:
    return {(DAYS[r.weekday], r.kind, r.minutes) for r in read_plan(text)}


# ------------------------------------------------- the one clearly longer weekend run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("only 3 runs for now: tue 30, thu 30 and saturday 70",
         {("tue", "easy", 30), ("thu", "easy", 30), ("sat", "long", 70)}),
        ("two runs a week atm - monday 20 min, sunday 50 min",
         {("mon", "easy", 20), ("sun", "long", 50)}),
        ("thurs 35 mins and sat 1 hour, slowly building",
         {("thu", "easy", 35), ("sat", "long", 60)}),
    ],
)
def test_a_clearly_longer_weekend_run_without_a_kind_is_the_long_run(
        text: str, expected: set[tuple[str, str, int]]) -> None:
    assert _plan(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # not clearly longer than the others
        ("mon 40, wed 40, sat 45", {("mon", "easy", 40), ("wed", "easy", 40),
                                    ("sat", "easy", 45)}),
        # its kind is said
        ("tue tempo 30, sun easy 60", {("tue", "tempo", 30), ("sun", "easy", 60)}),
        # another run's kind is said: the bare one is as easy as it
        ("tue 30 min easy, thu 30, sat an hour", {("tue", "easy", 30), ("thu", "easy", 30),
                                                   ("sat", "easy", 60)}),
        # a long run is named already
        ("wed 25, sat 50, sun long 80", {("wed", "easy", 25), ("sat", "easy", 50),
                                         ("sun", "long", 80)}),
        # the longer run is on a weekday
        ("mon 20, thu 60", {("mon", "easy", 20), ("thu", "easy", 60)}),
    ],
)
def test_other_plans_keep_their_kinds(text: str, expected: set[tuple[str, str, int]]) -> None:
    assert _plan(text) == expected
