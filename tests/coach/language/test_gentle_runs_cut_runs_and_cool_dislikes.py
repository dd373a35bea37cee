"""A "gentle" run is a recovery run; a run cut to a shorter length is a run done, the lack
of time that cut it no "no"; "don't care for" and "dreadmill" say a dislike."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_activities, read_checkin_answer, read_plan

TODAY = date(2027, 4, 7)


@pytest.mark.parametrize(("text", "weekday", "minutes"), [
    ("mon tempo 40, thu a gentle 20, sat long 75", 3, 20),
    ("weds gentle run 30 mins", 2, 30),
])
def test_a_gentle_run_in_a_plan_is_recovery(text: str, weekday: int, minutes: int) -> None:
    run = next(run for run in read_plan(text) if run.weekday == weekday)
    assert (run.kind, run.minutes) == ("recovery", minutes)


def test_gentle_beside_another_kind_leaves_that_kind() -> None:
    run = next(run for run in read_plan("fri gentle easy 30, sun long 70") if run.weekday == 4)
    assert run.kind == "easy"


@pytest.mark.parametrize("text", ["did it, shortened it to 25, no time really",
                                  "ran but trimmed the run to half an hour",
                                  "ran, chopped it down to 15 min. not enough time"])
def test_a_run_cut_short_to_a_length_is_done(text: str) -> None:
    assert read_checkin_answer(text, today=TODAY) == "done"


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("I do not care for spin classes. swimming is lovely", "swimming", "indoor_cycling"),
    ("treadmill runs = dreadmill. give me hiking", "hiking", "treadmill_zone2_run"),
])
def test_cool_dislikes_are_dislikes(text: str, liked: str, disliked: str) -> None:
    prefs = read_activities(text)
    assert disliked in prefs.dislikes and disliked not in prefs.likes
    assert liked in prefs.likes
