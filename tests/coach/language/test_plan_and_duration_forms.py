"""Whole classes of duration and weekly-plan wordings, each tried on phrasings written
for these tests (not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from coach.language import read_duration, read_plan

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _plan(text: str) -> list[tuple[str, str, int]]:
    return [(DAYS[r.weekday], r.kind, r.minutes) for r in read_plan(text)]


@pytest.mark.parametrize(("text", "minutes"), [
    ("2 and a half hours", 150), ("1 and a half hrs", 90), ("2½ hrs", 150),
    ("3 1/2 hours", 210), ("an hour and 15", 75), ("an hour 20", 80),
    ("one hour and 10 minutes", 70), ("2 hours and 5 mins", 125),
    ("an hour and a quarter", 75), ("three quarters of an hour", 45), ("3/4 hr", 45),
    ("half an hr", 30), ("thirty five mins", 35), ("forty-five minutes", 45),
    ("45-50 min", 50), ("1-1.5 hrs", 90), ("1:10:00", 70),
])
def test_durations_in_fractions_words_ranges_and_clock_form(text: str, minutes: int) -> None:
    assert read_duration(text) == minutes


def test_an_hour_with_a_distance_after_it_is_only_an_hour() -> None:
    assert read_duration("an hour and 10k of it at tempo") == 60


def test_short_day_names_joined_or_with_a_colon() -> None:
    assert _plan("tu/th easy 35, sa long 1h30") == [
        ("tue", "easy", 35), ("thu", "easy", 35), ("sat", "long", 90)]
    assert _plan("Mo: 25e / We: tempo 40 / Su: 100 LR") == [
        ("mon", "easy", 25), ("wed", "tempo", 40), ("sun", "long", 100)]


def test_a_count_of_days_before_a_colon_is_no_length() -> None:
    assert _plan("4 days: mon easy, wed 6x1k, fri easy 30, sun long 80")[1] == (
        "wed", "intervals", 50)


def test_rest_of_the_days_and_the_remainder_are_the_days_not_named() -> None:
    assert _plan("wed tempo 40, sun long 90, rest of the days off") == [
        ("mon", "rest", 0), ("tue", "rest", 0), ("wed", "tempo", 40), ("thu", "rest", 0),
        ("fri", "rest", 0), ("sat", "rest", 0), ("sun", "long", 90)]
    assert _plan("mon easy 30. sat long 70. the remainder easy 20")[1] == ("tue", "easy", 20)


def test_except_a_day_takes_that_day_out_of_every_day() -> None:
    assert _plan("i run daily, 25 mins easy, except sunday long 1h45") == [
        *[(d, "easy", 25) for d in DAYS[:6]], ("sun", "long", 105)]
    assert _plan("tue intervals 45, everything else easy 35 except thursday which is off")[3] \
        == ("thu", "rest", 0)


def test_a_kind_given_to_all_listed_days_then_one_exception() -> None:
    assert _plan("i run tue wed fri sun. all easy 30 but sun which is my long (like 80)") == [
        ("tue", "easy", 30), ("wed", "easy", 30), ("fri", "easy", 30), ("sun", "long", 80)]


def test_days_listed_before_a_long_run_do_not_all_become_long_runs() -> None:
    assert _plan("mon wed sun long 100") == [
        ("mon", "easy", 40), ("wed", "easy", 40), ("sun", "long", 100)]
    assert _plan("sat and sun long 2h") == [("sat", "long", 120), ("sun", "long", 120)]


def test_a_kind_and_a_length_said_on_either_side_of_and_describe_one_run() -> None:
    assert _plan("tempo runs tue and fri (40 min each)") == [
        ("tue", "tempo", 40), ("fri", "tempo", 40)]


def test_a_day_corrected_in_the_same_answer() -> None:
    assert _plan("fri long 90, sorry i mean saturday. mon easy 30") == [
        ("mon", "easy", 30), ("sat", "long", 90)]


def test_a_named_kind_beats_the_shape_of_reps() -> None:
    assert _plan("thu 4x8min threshold (55 total)") == [("thu", "tempo", 55)]
    assert _plan("thu 4x8min (55 total)") == [("thu", "intervals", 55)]


def test_a_run_as_long_as_a_long_run_is_the_long_run() -> None:
    assert _plan("wed easy 40, sun 20k") == [("wed", "easy", 40), ("sun", "long", 125)]
    # Shorter than a long run's default, but clearly the week's longest weekend run: the
    # long run (test_plan_long_run_inference); a weekday one stays easy.
    assert _plan("wed 30, sun 50") == [("wed", "easy", 30), ("sun", "long", 50)]
    assert _plan("wed 50, sun 30") == [("wed", "easy", 50), ("sun", "easy", 30)]


def test_a_sentence_end_separates_days() -> None:
    assert _plan("tue tempo 35. others easy 25")[1] == ("tue", "tempo", 35)


def test_days_left_waiting_at_a_sentence_end_take_the_run_before_them() -> None:
    assert _plan("tempo 40 tue, thu & sat. long run sun 1h40") == [
        ("tue", "tempo", 40), ("thu", "tempo", 40), ("sat", "tempo", 40), ("sun", "long", 100)]


def test_days_waiting_before_a_long_run_take_the_run_said_before_them() -> None:
    assert _plan("easy 30 mon, wed, long run sat 90") == [
        ("mon", "easy", 30), ("wed", "easy", 30), ("sat", "long", 90)]
