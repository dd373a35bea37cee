"""A run given up in so many words is a run missed: an intention undone by a "but" said
with "gonna" or "wanna" ("gonna do my hills but ..."), and a run one will not be able to
do ("won't be able to do my long run"). Phrasings written for these tests, not taken from
any evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 15)  # a Friday
PLAN = {0: ("easy", 35), 1: ("hills", 45), 2: ("rest", 0), 3: ("tempo", 50), 4: ("easy", 30),
        5: ("long", 110), 6: ("rest", 0)}


@pytest.mark.parametrize(("text", "kind", "day"), [
    ("gonna do my easy run this morning but the babysitter never showed", "easy",
     date(2027, 1, 15)),
    ("wanna squeeze in the tempo tonight but my shift got extended", "tempo",
     date(2027, 1, 15)),
    ("was gonna run thursday's tempo but it was pouring", "tempo", date(2027, 1, 14)),
])
def test_an_intention_said_with_gonna_and_undone_is_missed(text: str, kind: str,
                                                           day: date) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.session is not None
    assert (reading.session.kind, reading.day) == (kind, day)


@pytest.mark.parametrize(("text", "kind"), [
    ("Dear coach, I will not be able to do my easy run today, family visit.", "easy"),
    ("i might not be able to do my easy run today, kid is home sick", "easy"),
    ("i'm afraid i shan't be able to run today, the boiler broke", "easy"),
])
def test_a_run_one_will_not_be_able_to_do_is_missed(text: str, kind: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "missed_run" and reading.session is not None
    assert (reading.session.kind, reading.day) == (kind, TODAY)


def test_gonna_with_a_run_done_after_the_but_is_no_miss() -> None:
    reading = read_message("was gonna do the easy run at lunch but ran it after work, 30 min",
                           today=TODAY, plan=PLAN)
    assert reading.intent == "done"
