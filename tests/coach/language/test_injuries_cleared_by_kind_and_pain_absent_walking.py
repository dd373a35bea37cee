"""An injury said cleared or healed by its kind alone ("doc cleared the stress reaction")
is removed from the profile; a pain said absent only in one activity ("doesn't hurt
walking") is no injury healed (found in dev17's profile updates: the fracture cleared was
not removed, and a twinge reported with "doesnt hurt walking" was read as healed)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 12, 10)  # a Thursday
PLAN = {1: ("tempo", 45), 3: ("easy", 40), 4: ("intervals", 50), 6: ("long", 100)}


@pytest.mark.parametrize(("text", "removed"), [
    ("sports doc cleared the stress reaction this morning, yay", "stress reaction"),
    ("the bursitis is healed!", "bursitis"),
])
def test_an_injury_cleared_by_its_kind_is_removed(text: str, removed: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert reading.intent == "profile_update"
    assert reading.update["injuries_remove"] == [removed]


@pytest.mark.parametrize("text", [
    "sharp twinge in my right quad during strides, doesnt hurt on stairs",
])
def test_a_pain_absent_in_one_activity_is_no_injury_healed(text: str) -> None:
    reading = read_message(text, today=TODAY, plan=PLAN)
    assert "injuries_remove" not in reading.update
    assert reading.intent == "pain"


def test_a_part_that_no_longer_hurts_is_still_healed() -> None:
    # Guard (passes before and after).
    assert read_message("knee doesnt hurt anymore", today=TODAY,
                        plan=PLAN).update["injuries_remove"] == ["knee"]
