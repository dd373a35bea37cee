"""Free reports of runs said without the verbs the readers first knew: a statement that
drops its "I" ("Gonna"/"Will skip..."), a run called off ("had to cancel"), an intention
undone by a "but", a past told only by its verb, a run written down as a log line, an
emphatic "did", and minutes said as a bare number or in words."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

# A Wednesday; the plan has an easy run on Monday, hills on Wednesday, a long run Saturday.
WEDNESDAY = date(2027, 5, 12)
PLAN = {0: ("easy", 35), 1: ("rest", 0), 2: ("hills", 45), 3: ("easy", 40),
        4: ("rest", 0), 5: ("long", 110), 6: ("recovery", 25)}


@pytest.mark.parametrize("text", [
    "Will skip the hills tonight, stuck at the office till 9",
    "Can't today. Will need to skip the hills, kid is ill",
])
def test_a_statement_opening_with_a_modal_and_a_verb_is_no_question(text: str) -> None:
    reading = read_message(text, today=WEDNESDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == "hills"


@pytest.mark.parametrize("text", [
    "needed to scrap the hill reps, boiler broke",
    "had to postpone tonight's hills, work dinner",
])
def test_a_run_called_off_by_the_athlete_is_missed(text: str) -> None:
    reading = read_message(text, today=WEDNESDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == WEDNESDAY


def test_an_intention_undone_by_a_but_is_missed() -> None:
    reading = read_message("was planning to hit the hills at lunch but my meeting overran",
                           today=WEDNESDAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.session is not None
    assert reading.session.kind == "hills" and reading.day == WEDNESDAY


def test_an_intention_kept_after_a_but_is_no_miss() -> None:
    reading = read_message("was going to run the hills early but did them at lunch instead",
                           today=WEDNESDAY, plan=PLAN)
    assert reading.intent != "missed_run" or reading.session is None or (
        reading.day == WEDNESDAY)


def test_a_past_said_by_its_verb_points_back() -> None:
    # Saturday's long run, told on Wednesday: last Saturday, not the next.
    reading = read_message("saturday went sideways, family stuff, no long run",
                           today=WEDNESDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == date(2027, 5, 8)


@pytest.mark.parametrize(("text", "day", "minutes"), [
    ("mon - easy 6k, 36 min", date(2027, 5, 10), 36),
    ("this morning: hills 8 reps, 50 min total", WEDNESDAY, 50),
])
def test_a_log_line_is_a_run_done(text: str, day: date, minutes: int) -> None:
    reading = read_message(text, today=WEDNESDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == minutes
    assert reading.day == day


def test_a_plan_line_for_a_day_ahead_is_no_log() -> None:
    assert read_message("tomorrow: easy 6k, 40 min?", today=WEDNESDAY,
                        plan=PLAN).intent != "done"


def test_an_emphatic_did_is_a_run_done() -> None:
    reading = read_message("monday I did actually get out, easy 35 min", today=WEDNESDAY,
                           plan=PLAN)
    assert reading.intent == "done" and reading.day == date(2027, 5, 10)


@pytest.mark.parametrize(("text", "minutes"), [
    ("skipped my recovery twenty five on sunday", 25),
    ("bailed on saturday's long ninety", 90),
])
def test_minutes_in_words_beside_a_kind(text: str, minutes: int) -> None:
    reading = read_message(text, today=WEDNESDAY, plan=PLAN)
    assert reading.session is not None and reading.session.minutes == minutes


def test_a_bare_number_after_ran_is_what_was_run() -> None:
    reading = read_message("hills today: only did 30, not the full 45", today=WEDNESDAY,
                           plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == 30
