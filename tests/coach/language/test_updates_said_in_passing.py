"""Profile news said in passing, and equipment named by brand or beside where a gym is;
phrasings written for these tests (not taken from any evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_equipment, read_message

TODAY = date(2026, 12, 9)  # a Wednesday
PLAN = {0: ("easy", 30), 1: ("tempo", 45), 3: ("hills", 50), 6: ("long", 110)}


def _update(text: str) -> dict[str, object]:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update", reading
    return reading.update


def test_long_runs_said_in_the_plural_with_a_new_length() -> None:
    assert _update("heads up, my long runs are 2h15 now") == {"long_run_minutes": 135}


@pytest.mark.parametrize(("text", "row"), [
    ("fridays are a rest day from now on", {"day": "fri", "kind": "rest", "minutes": 0}),
    ("shifting my hills to saturdays, 40 min",
     {"day": "sat", "kind": "hills", "minutes": 40}),
    ("going forward tuesdays are intervals", {"day": "tue", "kind": "intervals", "minutes": 50}),
])
def test_one_weekday_changed_for_good_is_that_days_plan_row(
        text: str, row: dict[str, object]) -> None:
    assert _update(text) == {"plan_set": [row], "plan_partial": True}


def test_a_question_about_a_weekday_changes_nothing() -> None:
    assert read_message("are fridays rest from now on?", today=TODAY, plan=PLAN).update == {}


def test_a_plan_with_a_clause_calling_it_the_plan() -> None:
    assert _update("tue: 35 easy, sat: long 80 - that's the new plan")["plan_set"] == [
        {"day": "tue", "kind": "easy", "minutes": 35},
        {"day": "sat", "kind": "long", "minutes": 80}]


def test_a_new_goal_is_noted_as_onboarding_notes_it() -> None:
    assert _update("new goal: sub 3:30 marathon")["goal"] == "marathon sub 3:30"


def test_what_is_dropped_is_no_part_of_the_new_goal() -> None:
    update = read_message("doing the 10k instead of the half", today=TODAY, plan=PLAN).update
    assert update.get("goal") == "10k"


def test_a_scored_body_part_beside_a_question_is_a_pain_report() -> None:
    # With a day named too ("calf is at a 2, ok to do tomorrow's intervals?"): asking leave
    # after pain is pain, as most sets read it (test_leave_asked_after_pain.py).
    reading = read_message("left calf is at a 4, can i still do hills?", today=TODAY,
                           plan=PLAN)
    assert reading.intent == "pain" and reading.pain is not None and reading.pain.score == 4


@pytest.mark.parametrize(("text", "equipment"), [
    ("a bikeerg in the garage", ("indoor_bike",)),
    ("concept 2 skierg only", ()),
    ("an aerobics step and a treadmill", ("step", "treadmill")),
    ("the gym near my office has bikes and ellipticals", ("elliptical", "gym")),
])
def test_equipment_by_brand_and_a_gyms_own_machines(text: str,
                                                    equipment: tuple[str, ...]) -> None:
    assert read_equipment(text) == equipment


@pytest.mark.parametrize(("text", "row"), [
    ("could we make mondays easy from now on", {"day": "mon", "kind": "easy", "minutes": 30}),
    ("hills on saturdays now", {"day": "sat", "kind": "hills", "minutes": 50}),
])
def test_a_request_or_a_move_of_a_session_to_a_weekday(text: str,
                                                        row: dict[str, object]) -> None:
    assert _update(text)["plan_set"] == [row]


def test_the_long_run_switched_to_another_day_leaves_its_old_day() -> None:
    # A week holds one long run: moved to Friday, Sunday is free (not two long runs).
    assert _update("switch my long run to fridays")["plan_set"] == [
        {"day": "fri", "kind": "long", "minutes": 110}, {"day": "sun", "kind": "rest",
                                                          "minutes": 0}]


def test_the_new_race_inside_the_words_that_drop_the_old_one() -> None:
    assert _update("ok so i'm doing the 10k instead of the half") == {"goal": "10k"}


@pytest.mark.parametrize(("text", "equipment"), [
    ("rower (broken rn), a spin bike", ("indoor_bike",)),
    ("the lido in summer", ("pool",)),
])
def test_a_machine_said_broken_in_brackets_and_a_lido(text: str,
                                                      equipment: tuple[str, ...]) -> None:
    assert read_equipment(text) == equipment


@pytest.mark.parametrize(("text", "equipment"), [
    ("treadmill yes, pool no", ("treadmill",)),
    ("gym: nope. bike: yes", ("bike",)),
    ("a proform incline trainer", ("treadmill",)),
])
def test_a_thing_answered_no_is_not_had_and_an_incline_trainer_is_a_treadmill(
        text: str, equipment: tuple[str, ...]) -> None:
    assert read_equipment(text) == equipment
