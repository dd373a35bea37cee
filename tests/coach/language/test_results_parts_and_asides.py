"""Runs told the way a watch or a race result tells them: "raced" is a run done and a
finish time with seconds is rounded to the nearest minute; a decimal distance ("9.8 km")
is no date; part of a run done ("25 of my 45 min tempo") is what was run; a run cut
short with pain is that day's run; a word in scare quotes ("my 'easy' run") is the word;
and "not running related" sets a topic aside, it tells no run missed."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_duration, read_message

SUNDAY = date(2027, 2, 7)
PLAN = {0: ("easy", 30), 1: ("tempo", 45), 2: ("rest", 0), 3: ("hills", 40),
        4: ("easy", 30), 5: ("rest", 0), 6: ("long", 120)}


@pytest.mark.parametrize(("text", "minutes"), [
    ("raced the half this morning, 1:44:31 😅", 105),
    ("RACED. 5 miler, 38:41, legs gone", 39),
    ("raced a hilly 10k today - 51:07", 51),
])
def test_a_race_run_is_done_with_its_time_rounded(text: str, minutes: int) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None and reading.session.minutes == minutes
    assert reading.day == SUNDAY


@pytest.mark.parametrize(("text", "minutes"), [("1:18:50", 79), ("2:03:29", 123),
                                                ("0:59:59", 60)])
def test_hours_minutes_seconds_round_to_the_nearest_minute(text: str, minutes: int) -> None:
    assert read_duration(text) == minutes


@pytest.mark.parametrize("text", [
    "done. watch says 9.8 km, 47:12",
    "12.4 km easy this morning, 68 min",
    "did 6.2 miles in 55 min",
])
def test_a_decimal_distance_is_no_date(text: str) -> None:
    assert read_message(text, today=SUNDAY, plan=PLAN).day == SUNDAY


@pytest.mark.parametrize(("text", "kind", "minutes"), [
    ("managed 25 of my 45 min tempo", "tempo", 25),
    ("did 30 out of the planned 50 min intervals, no legs", "intervals", 30),
    ("got through 70 min of the 2 hour long run", "long", 70),
])
def test_part_of_a_run_is_what_was_run(text: str, kind: str, minutes: int) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)


@pytest.mark.parametrize(("text", "kind", "minutes"), [
    ("had to cut the long run short at 80 min, right calf 4/10", "long", 80),
    ("cut my long one short after 45 min, knee at a 3", "long", 45),
    ("cutting today's run short at 20 min, hip 5/10", "long", 20),
])
def test_a_run_cut_short_with_pain_is_the_days_run(text: str, kind: str,
                                                   minutes: int) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)
    assert reading.day == SUNDAY


@pytest.mark.parametrize(("text", "kind", "minutes"), [
    ("my 'long' run ended up as a 2 hr shuffle", "long", 120),
    ('the "easy" jog became a 40 min slog 🙃', "easy", 40),
    ("so my 'recovery' run turned into 35 min of hills lol", "recovery", 35),
])
def test_a_word_in_scare_quotes_is_the_word(text: str, kind: str, minutes: int) -> None:
    reading = read_message(text, today=SUNDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)


@pytest.mark.parametrize("text", [
    "not running related but we got a puppy!!",
    "off topic, not running stuff, but happy new year",
    "not training related, my sister got married 💍",
])
def test_a_topic_set_aside_tells_no_run_missed(text: str) -> None:
    assert read_message(text, today=SUNDAY, plan=PLAN).intent == "other"
