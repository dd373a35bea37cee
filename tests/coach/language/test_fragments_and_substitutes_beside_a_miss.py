"""A message of fragments, a word or two each ("tempo. 45. done.") reads as one line, so
its number sizes the run beside it; and a length followed by another activity ("for 45
min on the bike") is that activity's, even in the clause that tells the miss."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize(("text", "kind", "minutes"), [
    ("tempo. 45. done.", "tempo", 45),
    ("easy. 35. knackered.", "easy", 35),
    ("Done! 50. Tempo. Brutal.", "tempo", 50),
])
def test_fragments_read_as_one_log_line(text: str, kind: str, minutes: int) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)


@pytest.mark.parametrize("text", [
    "swapped the tempo for 45 min on the bike because of my knee",
    "skipped the tempo for 40 mins in the pool",
    "ditched today's tempo for an hour on the rower",
])
def test_a_length_beside_another_activity_is_not_the_missed_runs(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == ("tempo", 55)


def test_a_length_beside_the_run_itself_still_counts() -> None:
    reading = read_message("missed my 45 min tempo on the treadmill", today=TODAY, plan=PLAN)
    assert reading.session is not None and reading.session.minutes == 45
