"""Weekly plans in more of the forms people type: the week's day letters in order, a
length given as a range, an hour said without "an", short day names listed before a
colon, a day count said alone, a sleeping emoji for a day off, "the other days" after a
" / " list; phrasings written for these tests (not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from coach.language import read_plan


def _runs(text: str) -> list[tuple[int, str, int]]:
    return [(r.weekday, r.kind, r.minutes) for r in read_plan(text)]


def test_the_week_s_day_letters_in_order_are_the_seven_days() -> None:
    assert _runs("M 30 easy T rest W 50 intervals T rest F 30 easy S rest S 1:30 long") == [
        (0, "easy", 30), (1, "rest", 0), (2, "intervals", 50), (3, "rest", 0),
        (4, "easy", 30), (5, "rest", 0), (6, "long", 90)]


def test_letters_that_are_not_the_whole_week_are_not_read_as_it() -> None:
    # Only "m" and "w" stand alone: no week of letters, so no second Tuesday either.
    assert _runs("M rest, W 40 easy, sat long 80") == [
        (0, "rest", 0), (2, "easy", 40), (5, "long", 80)]


@pytest.mark.parametrize(("text", "runs"), [
    ("tue and thu easy 40-50 mins, sat long 90", [(1, "easy", 45), (3, "easy", 45),
                                                  (5, "long", 90)]),
    ("wed tempo 30 to 40, sun long 100", [(2, "tempo", 35), (6, "long", 100)]),
])
def test_a_length_given_as_a_range_is_its_middle(text: str,
                                                 runs: list[tuple[int, str, int]]) -> None:
    assert _runs(text) == runs


@pytest.mark.parametrize(("text", "runs"), [
    ("mon easy hour, sat long 2h", [(0, "easy", 60), (5, "long", 120)]),
    ("mon half hour easy, sat two hour long run", [(0, "easy", 30), (5, "long", 120)]),
])
def test_an_hour_said_without_an_is_an_hour(text: str, runs: list[tuple[int, str, int]]
                                            ) -> None:
    assert _runs(text) == runs


def test_short_day_names_listed_with_spaces_before_a_colon() -> None:
    assert _runs("run mo we fr: mo easy 30, we hills 40, fr easy 30") == [
        (0, "easy", 30), (2, "hills", 40), (4, "easy", 30)]


def test_a_day_count_said_alone_and_day_letters_alone_in_a_sentence() -> None:
    assert _runs("only 2 days. t/th. 40 mins each, easy") == [(1, "easy", 40), (3, "easy", 40)]


def test_a_sleeping_emoji_is_a_day_off() -> None:
    assert _runs("mon easy 30\n💤 wed\nsat long 75") == [
        (0, "easy", 30), (2, "rest", 0), (5, "long", 75)]


def test_the_other_days_after_a_slashed_list_rest() -> None:
    runs = _runs("mon: 5k easy / fri: 45min tempo / rest the other days")
    assert [(day, kind) for day, kind, _ in runs] == [
        (0, "easy"), (1, "rest"), (2, "rest"), (3, "rest"), (4, "tempo"), (5, "rest"),
        (6, "rest")]


def test_a_day_group_followed_by_its_own_days_is_a_heading() -> None:
    assert _runs("weekend: sat long 80, sun easy 30") == [(5, "long", 80), (6, "easy", 30)]
    assert _runs("weekdays only tue and fri, 40 min easy") == [(1, "easy", 40),
                                                                (4, "easy", 40)]


def test_a_day_group_with_a_day_set_apart_is_still_every_day_of_it() -> None:
    runs = _runs("weekdays 30 easy except thu which is tempo 45")
    assert [(day, kind) for day, kind, _ in runs] == [
        (0, "easy"), (1, "easy"), (2, "easy"), (3, "tempo"), (4, "easy")]


def test_nothing_right_after_a_day_is_a_day_off() -> None:
    assert _runs("tue easy 40, sat long 90, wed nothing") == [
        (1, "easy", 40), (2, "rest", 0), (5, "long", 90)]
