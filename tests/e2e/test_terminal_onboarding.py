"""``crosstrain chat``: onboarding answers as runners type them, a restart mid-way, a
question in the middle, and news told in free text once onboarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import athlete_row, chat


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_messy_answers_are_read_whole_and_a_restart_resumes(isolated_environment: Path) -> None:
    first = chat(["/start", "Dee", "Berlin marathon on sept 27", "sure 👍", "none rn"],
                 user=43, data_dir=isolated_environment)
    assert "When is it?" not in first  # the date came with the goal
    assert "Please answer yes or no" not in first and "not sure" not in first
    assert "No injuries" in first
    assert "usual running week" in first.rstrip().splitlines()[-2]
    # A restart mid-onboarding: the next message answers the question that was waiting.
    second = chat(["Mon easy 40, Sat long 2h, achilles is like a 3/10", "gym", "/skip",
                   "Berlin", "nah"], user=43, data_dir=isolated_environment)
    assert "Saturday: long 120 min" in second
    assert "3/10" in second
    assert "All set!" in second and "No daily check-ins" in second
    row = athlete_row(isolated_environment, 43)
    assert row is not None
    assert (row["goal_event"], row["goal_date"]) == ("Berlin marathon", "2027-09-27")
    assert row["health_consent"] and "achilles" in str(row["injuries"])
    assert row["timezone"] == "Europe/Berlin"
    assert row["onboarded"] and not row["checkin_enabled"] and row["onboarding_step"] is None


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_a_runner_typing_fast_is_read_and_corrections_update_the_profile(
    isolated_environment: Path,
) -> None:
    out = chat([
        "/start", "sam here", "half marathon in 10 weeks!! 🎉", "yep thats fine",
        "left achiles a bit sore, like a 2",
        "tues/thurs 30 min easy and a long one saturday about an hour",
        "home gym + treadmill", "spin and rowing, anything but yoga", "london", "nah",
        "actually my long run is 2 hrs now",
        "I got a bike trainer",
        "/profile",
    ], user=47, data_dir=isolated_environment)
    assert "Nice to meet you, Sam!" in out
    assert "Noted: left achilles a bit sore" in out and "2/10" in out
    assert "Saturday: long 60 min" in out and "Tuesday: easy 30 min" in out
    assert "favour indoor cycling, rowing" in out and "yoga out of the first picks" in out
    assert "Long run: 120 min (was 60 min)" in out
    assert "equipment: + indoor bike" in out
    assert "Rather avoid: yoga" in out
    row = athlete_row(isolated_environment, 47)
    assert row is not None and row["name"] == "Sam"


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_news_told_in_free_text_after_onboarding_updates_the_profile(
    isolated_environment: Path,
) -> None:
    out = chat([
        "/start", "Priya 👋", "trail 50k, 6 weeks from this saturday", "ok sure",
        "nothing that i know of",
        "M rest, T hills 45, W easy 40, Th tempo 50, F rest, Sa long 2h, Su recovery 30",
        "mtb + trails, and a pool at the gym", "love hiking, the stairmaster is torture",
        "Denver", "around 6 in the evening",
        "santa came early, got a rowing machine 🎄",
        "forgot to mention, my left knee is dodgy from an old sprain",
        "how many days a week am i running",
        "/profile",
    ], user=48, data_dir=isolated_environment)
    assert "Great goal: trail 50k, on Sat " in out  # a Saturday, said as people read it
    assert "No injuries, great." in out
    assert "Monday: rest" in out and "Thursday: tempo 50 min" in out
    assert "Saturday: long 120 min" in out
    assert "keep stair climber out of the first picks" in out
    assert "check in daily at 18:00" in out
    assert "equipment: + rower" in out and "injuries: + left knee" in out
    assert "You run 5 days a week: Tuesday, Wednesday, Thursday, Saturday, Sunday." in out


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_a_question_in_the_middle_of_onboarding_is_answered_at_once(
        isolated_environment: Path) -> None:
    out = chat(["/start", "Tess", "is this gonna cost anything?"],
               user=48, data_dir=isolated_environment)
    assert "get to it once we're set up" not in out
    assert "articles don't cover that" in out  # an honest answer now, not a promise
    assert out.count("What are you training for?") == 2  # and the step asked again
