"""Days and what only looks like one: a pain score written "n/10" beside a body part is
no date; "the last weekend of august" is a date, not last weekend (phrasings written for
these tests)."""

from __future__ import annotations

from datetime import date

from coach.language import read_day, read_session

THURSDAY = date(2026, 11, 26)


def test_a_score_beside_a_body_part_names_no_day() -> None:
    assert read_day("missed my long run, hip achy 3/10, wind was awful", today=THURSDAY) is None
    reading = read_session("missed my long run, hip achy 3/10", today=THURSDAY)
    assert reading is not None and reading.day is None and reading.kind == "long"


def test_a_date_written_with_a_slash_is_still_a_date_without_pain() -> None:
    assert read_day("race moved to 5/10", today=THURSDAY, direction="future") == date(2027, 10, 5)


def test_the_nth_weekend_or_weekday_of_a_month_is_that_date() -> None:
    saturday = date(2026, 11, 28)
    assert read_day("last weekend of august i think", today=saturday,
                    direction="future") == date(2027, 8, 28)
    assert read_day("the first sunday in may", today=saturday,
                    direction="future") == date(2027, 5, 2)
    assert read_day("missed my run last weekend", today=saturday) == date(2026, 11, 21)
