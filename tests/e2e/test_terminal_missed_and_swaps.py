"""``crosstrain chat``: a missed run sized from the plan and corrected, a pain report
corrected right after, and "should I skip it?" after a swap's options."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.terminal import chat


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_a_missed_run_is_sized_from_the_plan_and_a_corrected_day_is_taken(
    isolated_environment: Path,
) -> None:
    # Every day its own length, so the reply shows which day's planned session was read;
    # the chat runs on today's date, so the expected lengths are worked out from it.
    today = datetime.now(UTC).date()
    length = {weekday: 31 + weekday for weekday in range(7)}  # Mon 31 ... Sun 37
    out = chat([
        "/start", "Rae", "/skip", "1", "none",
        "Mon easy 31, Tue easy 32, Wed easy 33, Thu easy 34, Fri easy 35, Sat easy 36, "
        "Sun easy 37",
        "gym, pool", "cycling", "1", "off",
        "missed yesterday's run, work ran late",
        "skipped monday's run. sorry i meant wednesday not monday",
        "bailed on tuesday's run, too much work",
        "oops i meant thursday",  # a correction on its own, after the options
    ], user=49, data_dir=isolated_environment)
    yesterday = today - timedelta(days=1)
    assert f"Missed: {length[yesterday.weekday()]} min easy run" in out
    wednesday = today - timedelta(days=(today.weekday() - 2) % 7)
    assert f"Missed: 33 min easy run ({wednesday:%a} {wednesday.day} {wednesday:%b})" in out
    assert "Missed: 31 min easy run" not in out or yesterday.weekday() == 0
    thursday = today - timedelta(days=(today.weekday() - 3) % 7)
    assert (f"Got it, that one instead.\n\nMissed: 34 min easy run "
            f"({thursday:%a} {thursday.day} {thursday:%b})") in out


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_a_pain_report_corrected_right_after_updates_the_log(
        isolated_environment: Path) -> None:
    out = chat([
        "/start", "Omar", "/skip", "1", "none", "tue easy 45, sat long 105", "pool",
        "/skip", "1", "no",
        "my right achilles is a bit niggly after this mornings run, 3/10 maybe",
        "sorry its the left one not right, and its more like a 4 now",
        "/history",
    ], user=49, data_dir=isolated_environment)
    assert "Updated: left achilles, 4/10." in out
    assert "don't cover that" not in out
    assert "pain 4/10" in out


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_should_i_skip_it_after_options_answers_about_that_run(
        isolated_environment: Path) -> None:
    out = chat([
        "/start", "Omar", "/skip", "1", "none", "/skip", "pool", "/skip", "1", "no",
        "/swap easy 45 min, achilles a bit niggly",
        "should i just skip it?",
        "1",  # the Skip button under that answer
    ], user=50, data_dir=isolated_environment)
    assert "Skipping it is fine: leaving out one 45 min easy run" in out
    assert out.lower().count("pick one:") == 1  # no second set of options
    assert "Logged: rest for" in out
