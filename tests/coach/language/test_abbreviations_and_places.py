"""Runners' abbreviations read as the words they stand for (LR, WU/CD, wk, tmrw, yday), what
a newly joined place "has" gained with it, and a venue named only as where a pool is.
Phrasings written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_equipment, read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("rest", 0), 1: ("easy", 40), 2: ("tempo", 45), 3: ("easy", 35), 4: ("rest", 0),
        5: ("long", 100), 6: ("recovery", 25)}


@pytest.mark.parametrize(("text", "minutes"), [
    ("LR is 2h15 now", 135),
    ("my LRs are up to 100 mins from next wk", 100),
])
def test_lr_is_the_long_run_in_a_profile_update(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update.get("long_run_minutes") == minutes


@pytest.mark.parametrize(("text", "day"), [
    ("skipping the run tmrw, dentist", date(2027, 1, 14)),
    ("ystd's run didn't happen", date(2027, 1, 12)),
])
def test_short_day_words(text: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.day == day


@pytest.mark.parametrize(("text", "added"), [
    ("signed up to a gym by the station, it's got rowers too", ["gym", "rower"]),
    ("joined the club gym in town and they have a pool", ["gym", "pool"]),
])
def test_what_a_new_place_has_is_gained_with_it(text: str, added: list[str]) -> None:
    update = read_message(text, today=TODAY, plan=PLAN).update
    assert update.get("equipment_add") == added


@pytest.mark.parametrize(("text", "equipment"), [
    ("swim in the pool at the sports centre, plus a road bike", ("bike", "pool")),
    ("an indoor pool in the local rec center", ("pool",)),
    ("ellipticals and rowers at the rec centre", ("elliptical", "gym", "rower")),
])
def test_a_venue_named_only_as_where_a_pool_is_is_no_gym(
        text: str, equipment: tuple[str, ...]) -> None:
    assert read_equipment(text) == equipment
