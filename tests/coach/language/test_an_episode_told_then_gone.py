"""A part felt in a session the message tells, then said to be fine ("calf cramped during
tuesday's intervals, all fine now") is an episode to report as pain, triage first, not an
injury healed; a part said fine with no episode told is still the update it was."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 1, 14)  # a Thursday
PLAN = {0: ("easy", 45), 1: ("intervals", 50), 2: ("easy", 40), 3: ("tempo", 55),
        4: ("rest", 0), 5: ("long", 100), 6: ("hills", 45)}


@pytest.mark.parametrize(("text", "site"), [
    ("my calf cramped badly during tuesday's intervals, all fine now though", "calf"),
    ("felt a sharp pain in my hip at the end of tuesday's run, gone now", "hip"),
    ("hamstring twinged during the tempo this morning but it's fine now", "hamstring"),
])
def test_an_episode_told_then_gone_is_pain(text: str, site: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and site in reading.pain.sites
    assert "injuries_remove" not in reading.update


@pytest.mark.parametrize("text", ["left knee is all good now, physio cleared me",
                                  "achilles is fine now, 0/10"])
def test_a_part_said_fine_alone_is_still_healed(text: str) -> None:
    assert "injuries_remove" in read_message(text, today=TODAY, plan=PLAN).update
