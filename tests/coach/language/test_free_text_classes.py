"""Classes of free messages, each tried on phrasings written for these tests (not taken
from any evaluation set): idioms for a missed run, days said by name or as "the
weekend", slang spellings, corrections to the profile said in other words."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message, read_pain

MON = date(2027, 3, 8)  # a Monday
PLAN = {0: ("easy", 40), 1: ("intervals", 50), 2: ("rest", 0), 3: ("tempo", 45),
        4: ("rest", 0), 5: ("rest", 0), 6: ("long", 110)}


@pytest.mark.parametrize("text", [
    "hills slipped through the cracks today",
    "the tempo got rained off",
    "intervals got iced out this morning",
    "had to drop today's run, kid was sick",
    "ditched my easy run, too windy",
    "no 5x1k today, track closed",
    "easy run never happend",
])
def test_idioms_for_a_missed_run(text: str) -> None:
    assert read_message(text, today=MON, plan=PLAN).intent == "missed_run"


def test_forgot_to_say_is_no_missed_run() -> None:
    reading = read_message("ran my easy 40 this morning, forgot to mention", today=MON, plan=PLAN)
    assert reading.intent == "done"


def test_the_weekend_just_gone_and_its_day_with_that_session() -> None:
    reading = read_message("the weekend was a washout, no long run", today=MON, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == "long"
    assert reading.day == date(2027, 3, 7)  # Sunday, the weekend's long run


def test_a_date_named_first_is_the_session_day_not_a_later_reason() -> None:
    today = date(2026, 12, 27)
    reading = read_message("christmas day run was cancelled, family stuff the night before",
                           today=today)
    assert reading.day == date(2026, 12, 25)


def test_a_duration_is_no_date() -> None:
    reading = read_message("couldn't do 1.5 hrs today", today=MON, plan=PLAN)
    assert reading.day == MON


def test_slang_spellings_are_read_as_the_word_meant() -> None:
    reading = read_message("wot have i got thursday", today=MON, plan=PLAN)
    assert reading.intent == "plan_question"
    assert reading.day == date(2027, 3, 11)


def test_tonite_is_tonight() -> None:
    reading = read_message("tempo tonite isn't happening", today=date(2027, 3, 11), plan=PLAN)
    assert reading.day == date(2027, 3, 11)


@pytest.mark.parametrize(("text", "minutes"), [
    ("long runs have gone up to 2h15", 135),
    ("my long runs are capped at 80 min until the physio says otherwise", 80),
    ("long run is back to 90 min", 90),
])
def test_long_run_changes_said_in_other_words(text: str, minutes: int) -> None:
    assert read_message(text, today=MON).update.get("long_run_minutes") == minutes


def test_equipment_gained_without_an_article() -> None:
    reading = read_message("theres a pool at my new flat", today=MON)
    assert reading.update.get("equipment_add") == ["pool"]
    reading = read_message("i do have a rower now", today=MON)
    assert reading.update.get("equipment_add") == ["rower"]


def test_the_big_toe_is_its_own_site_and_new_pain_words() -> None:
    assert read_pain("right big toe is sore, 3/10").sites == ("right big toe",)
    assert read_message("calf pinged on the hill", today=MON).intent == "pain"
