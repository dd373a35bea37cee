"""``crosstrain chat``: onboarding answers in forms the readers learnt late (a goal with
filler, a plan in the week's day letters, a kind of training narrowed to one activity, a
none with an aside), told through the real terminal chat and checked in the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import athlete_row, chat


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_onboarding_answers_in_late_learnt_forms_are_stored_as_meant(
    isolated_environment: Path,
) -> None:
    out = chat([
        # "in june" is a date now (around 15 June): no date question to skip.
        "/start", "Ana", "doing a 50k trail ultra in june, lots of climbing", "yes",
        "no injuries, just getting old 😅",
        "M rest T 45 easy W 45 tempo T 45 easy F rest S 1:45 long S 40 recovery",
        "pool", "strength work is fine, core stuff mostly. not big on rowing",
        "UTC", "no",
    ], user=49, data_dir=isolated_environment)
    assert "No injuries" in out
    assert "Wednesday: tempo 45 min" in out and "Saturday: long 105 min" in out
    assert "Sunday: recovery 40 min" in out
    row = athlete_row(isolated_environment, 49)
    assert row is not None and row["onboarded"]
    assert row["goal_event"] == "50k trail ultra, lots of climbing"
    assert row["injuries"] in ("[]", None)
    assert row["likes"] == '["strength_core_upper"]'
    assert row["dislikes"] == '["rowing"]'
