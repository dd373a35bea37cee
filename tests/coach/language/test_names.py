"""Session and day names come from names.yaml, one file per language."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import names
from coach.language.texts import catalogue
from coach.sessions import MissedSession


@pytest.mark.parametrize(("kind", "name", "with_a"), [
    ("easy", "easy run", "an easy run"),
    ("intervals", "interval session", "an interval session"),
    ("hills", "hill session", "a hill session"),
    ("fartlek", "fartlek run", "a fartlek run"),  # a kind without its own name
])
def test_session_names_and_articles_are_data(kind: str, name: str, with_a: str) -> None:
    assert names.session_name(kind) == name
    assert names.session_with_article(kind) == with_a


def test_every_session_kind_has_a_name_and_an_article_in_english() -> None:
    english = catalogue("en")
    for kind in ("easy", "long", "tempo", "intervals", "hills", "recovery", "rest"):
        assert f"names.session_{kind}" in english
        assert f"names.with_a_{kind}" in english


def test_labels_and_days_read_as_before() -> None:
    assert names.session_label("tempo", 45) == "45 min tempo run"
    assert names.session_label("rest", 0) == "rest day"
    assert MissedSession(kind="intervals", minutes=50).label == "50 min interval session"
    assert names.day_label(date(2026, 11, 24)) == "Tue 24 Nov"
    assert names.impact_words("moderate") == "moderate impact"
    assert names.impact_words("unheard-of") == "low impact"


def test_a_language_without_a_names_file_falls_back_to_english() -> None:
    assert names.session_name("long", language="xx") == "long run"
