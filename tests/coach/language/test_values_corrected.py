"""A value said and then corrected in the same message is the corrected one, whatever kind
of value it is: a body part or its side, a pain score, a long run's length, a race date
(``coach/language/corrections.py``). An apology with nothing to replace corrects nothing.
Phrasings written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_goal, read_message, read_pain

TODAY = date(2027, 1, 13)  # a Wednesday


@pytest.mark.parametrize(("text", "site"), [
    ("left shin about a 4 - oops, i mean my left calf", "left calf"),
    ("my right quad is 5/10, sorry, right hamstring", "right hamstring"),
    ("achilles flaring up at 3/10... no wait its more the heel", "heel"),
])
def test_a_part_corrected_is_the_part(text: str, site: str) -> None:
    assert read_pain(text).sites == (site,)


@pytest.mark.parametrize(("text", "site"), [
    ("left calf 5/10, sorry, the right one", "right calf"),
    ("right knee at a 4, my bad, it's the left", "left knee"),
    ("left hip is sore like 3/10 — no wait, right side", "right hip"),
])
def test_a_side_corrected_keeps_the_part(text: str, site: str) -> None:
    assert read_pain(text).sites == (site,)


@pytest.mark.parametrize(("text", "score"), [
    ("knee is a 6/10 today, no wait more like a 4", 4),
    ("calf at 7 out of 10, sorry, 5 out of 10", 5),
    ("shin pain 2/10 - actually no, 3/10", 3),
])
def test_a_score_corrected_is_the_score(text: str, score: int) -> None:
    assert read_pain(text).score == score


@pytest.mark.parametrize("text", [
    "sorry coach, my knee hurts 4/10",
    "my bad for the late reply, left ankle is 3/10",
])
def test_an_apology_with_nothing_before_it_changes_nothing(text: str) -> None:
    pain = read_pain(text)
    assert pain.score in (3, 4) and len(pain.sites) == 1


@pytest.mark.parametrize(("text", "minutes"), [
    ("my long run is 2 hours now, sorry i mean 100 min", 100),
    ("longest run is 90 min now - no wait, 105", 105),
    ("long run is 2h now, oops, make that 2h15", 135),
])
def test_a_long_run_corrected_is_the_length_said_last(text: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("long_run_minutes") == minutes


@pytest.mark.parametrize(("text", "day"), [
    ("half marathon on april 4th, oops i mean the 11th", date(2027, 4, 11)),
    ("10k in may, the 2nd... sorry the 16th", date(2027, 5, 16)),
    ("berlin marathon sept 20, my bad, sept 27", date(2027, 9, 27)),
    ("trail 50k on april 4th, sorry, 2nd of may", date(2027, 5, 2)),
])
def test_a_race_date_corrected_is_the_later_date(text: str, day: date) -> None:
    assert read_goal(text, today=TODAY).race_date == day


@pytest.mark.parametrize(("text", "day"), [
    ("race is 4/18 not 4/25", date(2027, 4, 18)),
    ("the marathon is the 9th of may, got it wrong before", date(2027, 5, 9)),
    ("half is may 2 now", date(2027, 5, 2)),
])
def test_a_race_date_said_as_what_the_race_is_updates_it(text: str, day: date) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("race_date") == day
