"""A niggle said to be fine again ("my hip's fine again, forget the niggle") is an
update that takes it off the injuries, not a new pain report; a run that felt good
again is a run report, not an update."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(("text", "site"), [
    ("my hip's fine again, forget the niggle", "hip"),
    ("knee is all good again 🙌", "knee"),
    ("calf feeling ok again, thanks", "calf"),
    ("forget about my achilles niggle", "achilles"),
])
def test_a_niggle_fine_again_is_taken_off_the_injuries(text: str, site: str) -> None:
    reading = read_message(text, today=TODAY)
    assert reading.intent == "profile_update", text
    assert site in reading.update.get("injuries_remove", []), text


@pytest.mark.parametrize("text", ["legs felt good again on the tempo",
                                  "ran fine again today"])
def test_a_run_that_felt_good_again_removes_nothing(text: str) -> None:
    reading = read_message(text, today=TODAY)
    assert "injuries_remove" not in reading.update
