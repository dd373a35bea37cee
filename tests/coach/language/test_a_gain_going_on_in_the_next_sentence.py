"""A thing gained, then another in a sentence that opens with "and" or "plus" ("bought a
spin bike for the spare room! plus a rower from a neighbour"), are both gained."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2027, 6, 9)


@pytest.mark.parametrize(("text", "gained"), [
    ("picked up a used spin bike for the loft. and a treadmill from my cousin!",
     ["indoor_bike", "treadmill"]),
    ("we joined the leisure centre near us; plus a rower for the flat arrived today",
     ["gym", "rower"]),
])
def test_both_things_are_gained(text: str, gained: list[str]) -> None:
    assert read_message(text, today=TODAY).update.get("equipment_add") == gained


def test_a_loss_goes_on_as_a_loss() -> None:
    update = read_message("sold the treadmill last week. and the rower went too",
                          today=TODAY).update
    assert "equipment_add" not in update
