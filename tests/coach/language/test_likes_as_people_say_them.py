"""Likes and dislikes as people say them: a kind of training narrowed to one of its
activities, an activity's place that is no activity, plural gyms; phrasings written for
these tests (not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from coach.language import read_activities


@pytest.mark.parametrize(("text", "likes"), [
    ("weights are ok, mainly core", ("strength_core_upper",)),
    ("strength training, especially squats and lunges", ("strength_lower",)),
])
def test_a_kind_of_training_narrowed_to_one_activity_is_that_activity(
        text: str, likes: tuple[str, ...]) -> None:
    assert read_activities(text).likes == likes


def test_a_kind_of_training_and_an_activity_without_narrowing_are_both_liked() -> None:
    assert set(read_activities("weights and core").likes) == {
        "strength_lower", "strength_core_upper"}


def test_the_machine_an_activity_is_done_on_is_no_activity_of_its_own() -> None:
    prefs = read_activities("hiking, and incline walking on the treadmill")
    assert prefs.likes == ("hiking", "incline_walking")


def test_running_on_the_treadmill_is_still_the_treadmill() -> None:
    assert "treadmill_zone2_run" in read_activities("the treadmill is fine").likes


def test_gyms_said_in_the_plural_are_disliked() -> None:
    prefs = read_activities("swimming yes, not a fan of gyms")
    assert prefs.likes == ("swimming",)
    assert set(prefs.dislikes) == {"strength_lower", "strength_core_upper"}
