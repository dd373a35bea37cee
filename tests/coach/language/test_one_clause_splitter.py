"""The readers that take a message clause by clause share one splitter, where a decimal
point ends no clause: a length in hours with a decimal ("my 1.5 hr long run") stays with
its run, in a move of the plan and in a missed run alike."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize(("text", "row"), [
    ("move my 1.5 hr long run from saturday to sunday", ("sun", "long", 90)),
    ("please move the 2.5 hour long run from saturday to sunday", ("sun", "long", 150)),
    ("move my 1.5 hr tempo from thursday to wednesday", ("wed", "tempo", 90)),
])
def test_a_decimal_length_moves_with_its_run(text: str, row: tuple[str, str, int]) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    day, kind, minutes = row
    assert {"day": day, "kind": kind, "minutes": minutes} in reading.update["plan_set"]
