"""Readings found playing a masters runner through the chat: a question about doing
something instead of a run asks about the run ahead; a long run's length told as a bare
number is a profile change, and the length of a run told missed sizes that run."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

SUNDAY = date(2026, 11, 29)
PLAN = {0: ("easy", 45), 1: ("easy", 45), 3: ("intervals", 47), 5: ("long", 100),
        6: ("easy", 30)}


@pytest.mark.parametrize(("text", "day"), [
    ("is it ok to do the turbo instead of the long run on sat?", date(2026, 12, 5)),
    ("could i bike instead of saturday's long one?", date(2026, 12, 5)),
    ("is it fine to swim instead of the long run on saturday??", date(2026, 12, 5)),
    ("should i do the elliptical instead of sat long run", date(2026, 12, 5)),
])
def test_a_question_about_doing_something_instead_asks_about_the_run_ahead(
        text: str, day: date) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.day == day, (text, reading)


@pytest.mark.parametrize("text", [
    "missed saturday's long run, what now?",  # told in the past: the one gone
    "skipped sat long run, should i make it up?",
])
def test_a_run_told_missed_still_points_back(text: str) -> None:
    assert read_message(text, today=SUNDAY, plan=PLAN).day == date(2026, 11, 28), text


@pytest.mark.parametrize(("text", "minutes"), [
    ("actually my long run is 110 now", 110),
    ("long run is 95 these days", 95),
    ("my long run's 130 now btw", 130),
])
def test_a_bare_number_told_as_the_long_run_is_its_new_length(text: str, minutes: int
                                                             ) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "profile_update", (text, reading)
    assert reading.update == {"long_run_minutes": minutes}, text


def test_a_small_bare_number_may_be_a_distance_and_is_not_guessed() -> None:
    assert read_message("my long run is 18 now", today=SUNDAY, plan=PLAN).update == {}


@pytest.mark.parametrize("text", [
    "long run is 100 mins, skipped it today",
    "my long run is 110 min but i missed it",
    "the long run was 2 hours and i bailed on it",
])
def test_the_length_of_a_run_told_missed_sizes_that_run(text: str) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "missed_run", (text, reading)
    assert reading.update == {}
