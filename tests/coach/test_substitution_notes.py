"""Golden notes: the sentences the engine adds to a swap's note are the same, word for
word, as before they moved to the reply catalogue (``substitution_notes.yaml`` here)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.context import AthleteContext
from coach.substitution import suggest_substitutes

TODAY = date(2026, 11, 26)
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).with_name("substitution_notes.yaml")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_note_is_word_for_word_what_it_was(case: dict[str, Any]) -> None:
    athlete = AthleteContext(
        equipment=tuple(case.get("equipment", ())), goal=case.get("goal"),
        goal_date=(TODAY + timedelta(days=case["race_in_days"])
                   if "race_in_days" in case else None))
    missed_on = (TODAY - timedelta(days=case["missed_days_ago"])
                 if "missed_days_ago" in case else None)
    result = suggest_substitutes(athlete=athlete, missed=case["missed"],
                                 reason=case["reason"], today=TODAY, missed_on=missed_on)
    assert result.note == case["note"]

