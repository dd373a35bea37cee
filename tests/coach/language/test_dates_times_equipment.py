"""The one reader of calendar dates, clock times and equipment (``coach.language``):
what /plan, /settings, onboarding and free messages all use."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.catalogue import EQUIPMENT_WORDS
from coach.language import read_clock_time, read_equipment, read_goal
from coach.language.days import parse_calendar_date

TODAY = date(2026, 6, 10)

# ---------------------------------------------------------------- calendar dates


@pytest.mark.parametrize(
    "text",
    [
        "2027-04-20",
        " 2027-04-20 ",
        "2027/04/20",
        "20.04.2027",
        "20/04/2027",
        "20-04-2027",
        "04/20/2027",  # US order, unambiguous because there is no 20th month
        "April 20 2027",
        "april 20, 2027",
        "April 20th, 2027",
        "20 April 2027",
        "20th April 2027",
        "the 20th of April 2027",
        "Apr 20 2027",
        "20 Apr 2027",
        "Tuesday, April 20, 2027",
        "on April 20 2027",
    ],
)
def test_date_formats(text: str) -> None:
    assert parse_calendar_date(text, today=TODAY) == date(2027, 4, 20)


def test_day_first_wins_when_both_orders_are_possible() -> None:
    assert parse_calendar_date("04/05/2027", today=TODAY) == date(2027, 5, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 4", date(2026, 10, 4)),
        ("4 Oct", date(2026, 10, 4)),
        ("Sept 3", date(2026, 9, 3)),
        ("April 20", date(2027, 4, 20)),  # already past this year: next year
        ("29 Feb", date(2028, 2, 29)),  # the next leap year
        ("29.02", date(2028, 2, 29)),
        ("20.04", date(2027, 4, 20)),  # not a time of day
    ],
)
def test_a_date_without_a_year_is_the_next_one(text: str, expected: date) -> None:
    assert parse_calendar_date(text, today=TODAY) == expected


def test_a_date_without_a_year_is_the_last_one_looking_back() -> None:
    assert parse_calendar_date("20.04", today=TODAY, direction="past") == date(2026, 4, 20)


@pytest.mark.parametrize(
    "text", ["", "soon", "next spring", "2027-02-30", "31/04/2027", "13/13/2027", "2027"])
def test_no_date_is_none(text: str) -> None:
    assert parse_calendar_date(text, today=TODAY) is None


def test_dates_in_words() -> None:
    assert parse_calendar_date("in three weeks", today=TODAY) == date(2026, 7, 1)
    assert parse_calendar_date("dec 18th", today=TODAY) == date(2026, 12, 18)


def test_a_goal_keeps_only_dates_ahead_and_within_five_years() -> None:
    assert read_goal("marathon 2027/04/20", today=TODAY).race_date == date(2027, 4, 20)
    assert read_goal("marathon 2026-06-09", today=TODAY).race_date is None
    assert read_goal("marathon 2032-01-01", today=TODAY).race_date is None


# ---------------------------------------------------------------- clock times


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("19:05", time(19, 5)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("7.30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("19h", time(19, 0)),
        ("0730", time(7, 30)),
        ("1900", time(19, 0)),
        ("7", time(7, 0)),
        ("7am", time(7, 0)),
        ("7 AM", time(7, 0)),
        ("7pm", time(19, 0)),
        ("7:30pm", time(19, 30)),
        ("7:30 p.m.", time(19, 30)),
        ("7 a.m.", time(7, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("12:30am", time(0, 30)),
        ("noon", time(12, 0)),
        ("midnight", time(0, 0)),
        ("at 6pm", time(18, 0)),
        ("  06:15  ", time(6, 15)),
    ],
)
def test_clock_times(text: str, expected: time) -> None:
    assert read_clock_time(text) == expected


@pytest.mark.parametrize(
    "text", ["13pm", "0am", "00pm", "24:00", "25:00", "7:60", "99", "", "morning"])
def test_impossible_or_missing_times_are_none(text: str) -> None:
    assert read_clock_time(text) is None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=20))
def test_property_any_text_is_a_time_or_none(text: str) -> None:
    assert read_clock_time(text) is None or isinstance(read_clock_time(text), time)


@settings(max_examples=100, deadline=None)
@given(moment=st.times())
def test_property_hh_mm_round_trips(moment: time) -> None:
    assert read_clock_time(moment.strftime("%H:%M")) == moment.replace(second=0, microsecond=0)


# ---------------------------------------------------------------- equipment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pool, spin bike and a gym", ["gym", "indoor_bike", "pool"]),
        ("treadmill", ["treadmill"]),
        ("Treadmills and an elliptical", ["elliptical", "treadmill"]),
        ("mountain bike and trails", ["mountain_bike", "trails"]),
        ("a road bike", ["bike"]),
        ("bicycle", ["bike"]),
        ("rowing machine", ["rower"]),
        ("Concept2 erg", ["rower"]),
        ("stair climber", ["stair_climber"]),
        ("StairMaster", ["stair_climber"]),
        ("cross trainer", ["elliptical"]),
        ("I swim in the lake", ["open_water"]),
        ("open water and a swimming pool", ["open_water", "pool"]),
        ("the stairs in my building", ["stairs"]),
        ("a step box", ["step"]),
        ("versa climber", ["versaclimber"]),
        ("Zwift + treadmill", ["indoor_bike", "treadmill"]),
        ("gym membership", ["gym"]),
        ("trail", ["trails"]),
    ],
)
def test_equipment_words(text: str, expected: list[str]) -> None:
    assert sorted(read_equipment(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no gym, just a treadmill", ["treadmill"]),
        ("I have a bike and a pool but no gym", ["bike", "pool"]),
        ("don't have a pool", []),
        ("without a bike, but I have stairs", ["stairs"]),
        ("no mountain bike", []),
    ],
)
def test_equipment_they_lack_is_left_out(text: str, expected: list[str]) -> None:
    assert sorted(read_equipment(text)) == expected


def test_a_mountain_bike_is_not_also_a_road_bike() -> None:
    assert read_equipment("mountain bike") == ("mountain_bike",)
    assert read_equipment("indoor bike") == ("indoor_bike",)


def test_nothing_recognised_is_empty() -> None:
    assert read_equipment("a skipping rope and a frisbee") == ()  # no kit of ours
    assert read_equipment("") == ()


def test_every_engine_equipment_word_is_recognised_as_itself() -> None:
    for word in EQUIPMENT_WORDS - {"home"}:
        assert word in read_equipment(word.replace("_", " ")), word


def test_an_activity_word_names_no_equipment_beside_the_place_for_it() -> None:
    assert read_equipment("there's a river we swim in, swimming in summer") == ("open_water",)
    assert read_equipment("swimming") == ("pool",)


def test_a_span_counted_from_a_day_said_after_it() -> None:
    monday = date(2026, 12, 7)
    assert parse_calendar_date("two weeks from this sunday", today=monday) == date(2026, 12, 27)
    assert parse_calendar_date("10 days after friday", today=monday) == date(2026, 12, 21)
    goal = read_goal("trail 30k, 5 weeks from this sunday 🏔️", today=monday)
    assert (goal.words, goal.race_date) == ("trail 30k", date(2027, 1, 17))


def test_a_day_of_next_month() -> None:
    monday = date(2026, 12, 7)
    assert parse_calendar_date("race is the 20th of next month", today=monday) == date(2027, 1, 20)
    assert parse_calendar_date("the 20th", today=monday) == date(2026, 12, 20)


@pytest.mark.parametrize("text", [
    "skipped the long one on saturday, kids birthday 🎂",
    "did the easy one yesterday and felt great, 3 more weeks to go",
])
def test_a_number_in_a_sentence_about_something_else_is_no_clock_time(text: str) -> None:
    assert read_clock_time(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("7 works", time(7, 0)), ("seven", time(7, 0)), ("around seven please", time(7, 0)),
    ("7 tonight", time(19, 0)), ("at 6 most days i guess", time(6, 0)),
])
def test_a_lone_hour_in_a_short_answer_or_beside_a_time_word_is_a_time(
    text: str, expected: time,
) -> None:
    assert read_clock_time(text) == expected
