"""Onboarding answers that use a word for a whole kind of training, a ranking with a
least favourite, an injury cleared by a professional, "at the mo", "after lunch", and a
check-in "not today"; phrasings written for these tests (not taken from any evaluation
set)."""

from __future__ import annotations

from datetime import date, time

import pytest

from coach.language import (
    is_none_answer,
    read_activities,
    read_checkin_answer,
    read_clock_time,
    read_message,
    read_pain,
)

TODAY = date(2026, 12, 9)
STRENGTH = {"strength_lower", "strength_core_upper"}


@pytest.mark.parametrize("text", ["lifting, for sure", "strength training please",
                                  "weight training and rowing"])
def test_a_word_for_strength_in_general_is_every_strength_activity(text: str) -> None:
    assert set(read_activities(text).likes) >= STRENGTH


def test_a_specific_strength_activity_said_too_is_the_one_meant() -> None:
    assert read_activities("lifting, mostly squats").likes == ("strength_lower",)


def test_a_least_favourite_is_a_dislike() -> None:
    prefs = read_activities("rowing then elliptical; swimming is my least favourite")
    assert prefs.dislikes == ("swimming",) and "swimming" not in prefs.likes


def test_jumping_is_plyometrics() -> None:
    assert read_activities("no jumping exercises please").dislikes == ("plyometrics",)


@pytest.mark.parametrize("text", ["nothing at the mo", "none at present 🤞",
                                  "broke my wrist years ago, cleared by the doctor since"])
def test_nothing_now_or_cleared_is_none(text: str) -> None:
    assert is_none_answer(text)


def test_after_lunch_is_the_afternoon() -> None:
    assert read_clock_time("after lunch, say 2:15") == time(14, 15)


def test_not_today_in_a_check_in_is_a_missed_run() -> None:
    assert read_checkin_answer("not today, legs need a break", today=TODAY) == "missed"


def test_a_race_signed_up_for_keeps_its_name() -> None:
    update = read_message("signed up for the leeds half on may 9", today=TODAY).update
    assert update.get("goal") == "leeds half marathon"


def test_a_part_said_not_to_hurt_is_no_injury() -> None:
    assert read_pain("sore quad, maybe 2. hip is stiff but doesn't hurt").sites == ("quad",)
    assert read_pain("ankle pain, no pain in the foot").sites[0] == "ankle"
