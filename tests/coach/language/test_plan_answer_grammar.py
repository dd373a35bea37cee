"""The grammar of a weekly-plan answer, on phrasings written for these tests (not taken
from any evaluation set): a day said again keeps what the new words leave out, day
ranges, days then lengths in order, a part that completes the days just described,
exceptions that describe their own run, a denied day, letter codes before a length, 0 as
a day off, and time "only" had in a plan being the run's length."""

from __future__ import annotations

import pytest

from coach.language import read_plan

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _plan(text: str) -> list[tuple[str, str, int]]:
    return [(DAYS[r.weekday], r.kind, r.minutes) for r in read_plan(text)]


def test_a_day_said_again_keeps_the_kind_when_only_the_length_changes() -> None:
    assert _plan("tue easy 30, sun long 80. oh wait, sun is 95") == [
        ("tue", "easy", 30), ("sun", "long", 95)]


def test_a_day_said_again_keeps_the_length_when_only_the_kind_changes() -> None:
    assert _plan("tue to thu 40 min each. wed is tempo") == [
        ("tue", "easy", 40), ("wed", "tempo", 40), ("thu", "easy", 40)]


@pytest.mark.parametrize("text", ["tue-fri easy 30", "tue through fri easy 30",
                                  "tuesday to friday easy 30"])
def test_a_range_of_days_is_every_day_in_it(text: str) -> None:
    assert _plan(text) == [(day, "easy", 30) for day in ("tue", "wed", "thu", "fri")]


def test_days_listed_bare_then_as_many_runs_are_paired_in_order() -> None:
    assert _plan("mon, wed and sun. 25 min, 40 min tempo and 70 min long") == [
        ("mon", "easy", 25), ("wed", "tempo", 40), ("sun", "long", 70)]


def test_a_part_with_no_day_completes_the_days_just_described() -> None:
    assert _plan("tue thu sat, all tempo, about 50 min") == [
        ("tue", "tempo", 50), ("thu", "tempo", 50), ("sat", "tempo", 50)]


def test_a_part_with_no_day_that_is_a_second_run_is_still_asked_about() -> None:
    with pytest.raises(ValueError, match="Which day"):
        read_plan("mon wed easy 40, tempo 45")


def test_an_exception_that_describes_its_own_run_is_that_days_run() -> None:
    plan = dict((d, (k, m)) for d, k, m in _plan(
        "every day 25 mins except the long one on sunday (100 mins)"))
    assert plan["sun"] == ("long", 100)
    assert all(plan[day] == ("easy", 25) for day in DAYS[:6])


def test_a_length_after_an_excepted_day_is_every_other_days() -> None:
    plan = dict((d, (k, m)) for d, k, m in _plan("every day but monday, 35 min each"))
    assert plan["mon"] == ("rest", 0)
    assert all(plan[day] == ("easy", 35) for day in DAYS[1:])


def test_a_denied_day_is_replaced_by_the_day_said() -> None:
    assert _plan("mon 30 easy, fri 80 long. sorry, the long run is saturday not fri") == [
        ("mon", "easy", 30), ("sat", "long", 80)]


def test_letter_codes_before_a_length_beside_a_named_day() -> None:
    assert _plan("T 50 tue, I 45 thu, L 2h sat") == [
        ("tue", "tempo", 50), ("thu", "intervals", 45), ("sat", "long", 120)]


def test_zero_minutes_is_a_day_off() -> None:
    assert _plan("mon 0 tue 40 easy") == [("mon", "rest", 0), ("tue", "easy", 40)]


def test_time_only_had_in_a_plan_is_the_runs_length() -> None:
    assert _plan("thu easy, only 25 min") == [("thu", "easy", 25)]


def test_a_count_of_runs_before_brackets_is_no_reps() -> None:
    assert _plan("tempo 35 x2 (tue, thu)") == [("tue", "tempo", 35), ("thu", "tempo", 35)]


def test_a_listed_day_said_again_is_described_alone_and_the_others_take_the_rest() -> None:
    assert _plan("mon wed sat, sat is long 95, the others 35 easy") == [
        ("mon", "easy", 35), ("wed", "easy", 35), ("sat", "long", 95)]


def test_days_waiting_before_a_long_run_do_not_take_it() -> None:
    assert _plan("tue, thu; sun long 1h50") == [
        ("tue", "easy", 40), ("thu", "easy", 40), ("sun", "long", 110)]


def test_days_chained_with_dashes_are_a_list_not_a_range() -> None:
    assert _plan("tue-thu-sat 40") == [("tue", "easy", 40), ("thu", "easy", 40),
                                       ("sat", "easy", 40)]
