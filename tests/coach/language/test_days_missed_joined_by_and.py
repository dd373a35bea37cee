"""A day joined to a miss by "and" with no verb of its own ("missed saturday and sunday's
runs") is missed too, so of the days missed the latest is the one still to act on; a
clause with its own verb after "and" ("... gonna try tmrw") is not."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("I was sick all weekend so I missed Saturday and Sunday's runs", "hills",
     date(2027, 1, 10)),
    ("skipped tuesday and wednesday, work was crazy", "easy", date(2027, 1, 13)),
    ("missed monday's easy run and tuesday's intervals, flu", "intervals", date(2027, 1, 12)),
])
def test_a_day_joined_to_a_miss_is_missed(text: str, kind: str, day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None
    assert (reading.session.kind, reading.day) == (kind, day)


def test_a_clause_with_its_own_verb_is_no_day_missed() -> None:
    reading = read_message("no run this morning, night shift and gonna try tmrw",
                           today=TODAY, plan=PLAN)
    assert reading.day == TODAY
