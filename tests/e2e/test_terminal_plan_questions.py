"""``crosstrain chat``: questions about the athlete's own runs answered from the plan
(tomorrow's run, moving a run, a weekday's run, a move in a traded week)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.terminal import chat


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_a_tired_runner_asking_about_tomorrows_run_gets_it_from_her_plan(
        isolated_environment: Path) -> None:
    out = chat([
        "/start", "Tess", "/skip", "1", "none",
        # Every day holds the same run, so "tomorrow" is the easy 40 whatever today is.
        "mon easy 40, tue easy 40, wed easy 40, thu easy 40, fri easy 40, sat easy 40, "
        "sun easy 40",
        "/skip", "/skip", "1", "no",
        "kinda tired today, can i still do tomorrow's run?",
    ], user=47, data_dir=isolated_environment)
    assert "Yes: keep tomorrow's easy run (40 min) gentle, since you're tired." in out
    assert "don't cover that" not in out


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_asking_to_move_a_run_to_another_day_is_answered_from_the_plan(
        isolated_environment: Path) -> None:
    out = chat([
        "/start", "Tess", "/skip", "1", "none",
        "mon 40 easy, wed intervals 6x800, fri tempo 35, sun long 90 mins",
        "/skip", "/skip", "1", "no",
        "what if im busy wednesday, can i do the intervals thursday instead?",
        "/plan",
    ], user=51, data_dir=isolated_environment)
    assert "Yes: do Wednesday's interval session (50 min) on Thursday instead" in out
    assert "Friday's tempo run, the day after" in out
    assert "Missed:" not in out
    assert "Wednesday: intervals 50 min" in out  # the plan stays as it was


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_a_question_about_a_weekdays_run_is_about_the_coming_one(
        isolated_environment: Path) -> None:
    # Yesterday's weekday: read as news it is the day gone, asked ahead the coming one.
    weekday = (datetime.now(UTC) - timedelta(days=1)).strftime("%A").lower()
    out = chat([
        "/start", "Omar", "/skip", "1", "none",
        "mon easy 45, tue easy 45, wed easy 45, thu easy 45, fri easy 45, sat easy 45, "
        "sun easy 45",
        "pool", "/skip", "1", "no",
        f"what should i do instead of {weekday}'s run then?",
    ], user=52, data_dir=isolated_environment)
    assert "Instead of: 45 min easy run" in out
    assert "Missed:" not in out


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_a_move_after_a_one_week_trade_is_read_from_the_traded_week(
        isolated_environment: Path) -> None:
    out = chat([
        "/start", "Tia", "/skip", "1", "none",
        "tue tempo 40, fri long 75",
        "/skip", "/skip", "1", "no",
        "swap tue and fri this week",
        "can i do my long run on wednesday instead?",
        "what's on this week?",
    ], user=52, data_dir=isolated_environment)
    # The long run sits on Tuesday this week: the move is from there, not from Friday.
    assert "Yes: do Tue " in out and "long run (75 min) on Wed " in out
    assert "Friday's long run" not in out
    assert ": long run, 75 min" in out and "Tue " in out.split("Your week:")[-1]

