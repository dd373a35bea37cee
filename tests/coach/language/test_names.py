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


TODAY = date(2026, 11, 29)  # a Sunday


@pytest.mark.parametrize(("day", "shown"), [
    (date(2026, 12, 3), "Thu 3 Dec"),       # near: the weekday helps
    (date(2027, 1, 10), "Sun 10 Jan"),      # near, though in the new year
    (date(2026, 11, 20), "Fri 20 Nov"),     # a recent day
    (date(2027, 3, 14), "14 March 2027"),   # far off in another year
    (date(2026, 6, 2), "2 June"),           # far back in this year
])
def test_dates_are_shown_as_people_read_them(day: date, shown: str) -> None:
    assert names.date_label(day, today=TODAY) == shown


def test_a_month_told_alone_is_said_as_a_month() -> None:
    assert names.month_label(date(2027, 1, 15), today=TODAY) == "January"
    assert names.month_label(date(2027, 3, 15), today=TODAY) == "March 2027"


def test_days_stored_in_a_note_are_said_as_dates() -> None:
    assert names.dates_in("moved to 2026-12-04", today=TODAY) == "moved to Fri 4 Dec"
    assert names.dates_in("told: 2026-13-40 is no day", today=TODAY) == \
        "told: 2026-13-40 is no day"


@pytest.mark.parametrize(("zone", "shown"), [
    ("Etc/GMT-1", "UTC+1"), ("Etc/GMT+5", "UTC-5"), ("Etc/UTC", "UTC"), ("Etc/GMT", "UTC"),
    ("Europe/Berlin", "Europe/Berlin"),
])
def test_fixed_offset_zones_are_said_the_way_round_people_write_them(
        zone: str, shown: str) -> None:
    assert names.zone_label(zone) == shown
