"""A request verb said once for several days ("make tues 50 and thu hills 40") asks for
each day's run, the later days told with no verb of their own; a day already as asked is
no change. A run added is read with a longer description of it ("add a 30 min easy run
on saturdays pls")."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 13)  # a Wednesday
PLAN = {0: ("easy", 30), 1: ("intervals", 45), 3: ("tempo", 40), 5: ("long", 90),
        6: ("recovery", 20)}


@pytest.mark.parametrize(("text", "rows"), [
    ("make tues 50 not 45, and thu hills 35",
     [("tue", "intervals", 50), ("thu", "hills", 35)]),
    ("physio says make monday 20, sunday recovery 15",
     [("mon", "easy", 20), ("sun", "recovery", 15)]),
    ("please make tuesday 55 and thursday tempo 40",  # Thursday is as the plan has it
     [("tue", "intervals", 55)]),
])
def test_a_request_said_once_covers_every_day(text: str, rows: list[tuple[str, str, int]]
                                               ) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert [(r["day"], r["kind"], r["minutes"]) for r in reading.update["plan_set"]] == rows


@pytest.mark.parametrize("text", [
    "add a 30 min easy run on fridays pls, legs feel great!",
    "can you add an easy 30 minute jog on fridays",
    "could you add one more 30 min easy run on fridays",
])
def test_a_run_added_with_a_long_description(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert {"day": "fri", "kind": "easy", "minutes": 30} in reading.update["plan_set"]
