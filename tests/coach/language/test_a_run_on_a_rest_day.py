"""A run told on a rest day takes the kind that was run: the rest day is why it is
news ("rest day but i did a 25 min recovery jog"); a rest day alone is still rest."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message
from coach.language.durations import read_kind

FRIDAY = date(2027, 3, 12)
PLAN = {0: ("rest", 0), 1: ("intervals", 40), 2: ("easy", 35), 3: ("rest", 0),
        4: ("tempo", 40), 5: ("easy", 30), 6: ("long", 80)}


@pytest.mark.parametrize(("text", "kind", "minutes"), [
    ("rest day but i did a 25 min recovery jog", "recovery", 25),
    ("know it's a rest day, still ran 30 min easy", "easy", 30),
    ("supposed to be a rest day lol, did 35 min of hills anyway", "hills", 35),
])
def test_a_run_on_a_rest_day_takes_the_kind_run(text: str, kind: str, minutes: int) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "done"
    assert reading.session is not None
    assert (reading.session.kind, reading.session.minutes) == (kind, minutes)


def test_a_rest_day_alone_is_rest() -> None:
    assert read_kind("full rest day today, feet up") == "rest"
