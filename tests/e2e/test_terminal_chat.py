"""``crosstrain chat``: the same conversation in the terminal, driven through stdin."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def chat(lines: list[str], *, user: int, data_dir: Path, timeout: float = 120) -> str:
    env = {**os.environ, "CROSSTRAIN_DATA_DIR": str(data_dir),
           "PYTHONPATH": str(REPO_ROOT)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--user", str(user), "--name", f"U{user}"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, env=env,
        timeout=timeout, cwd=data_dir.parent, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_the_whole_flow_in_the_terminal(isolated_environment: Path) -> None:
    out = chat([
        "/start", "Cleo", "/skip",  # no goal, so no race date to ask for
        "1",              # consent: yes
        "left achilles",  # injuries
        "Mon easy 40, Thu tempo 45, Sat long 90",
        "pool, gym",      # equipment
        "swimming",       # likes
        "1",              # timezone button: UTC
        "off",            # no daily check-ins
        "is swimming good cross-training for runners?",
        "/swap 40 min tempo, no time, only 30 minutes",
        "1",              # choose the first option
        "/history",
        "/week",          # a picture: saved, with its summary and alt text shown
        "/export",
        "/forget", "1",   # yes, erase everything
        "/history",
    ], user=41, data_dir=isolated_environment)
    assert "What should I call you?" in out
    assert "Nice to meet you, Cleo!" in out
    assert "When is it?" not in out
    assert "Source:" in out
    assert "Tap the one you'll do" in out
    assert "Logged:" in out
    assert "swapped" in out
    exported = isolated_environment / "downloads" / "crosstrain-export.json"
    assert "left achilles" in json.loads(exported.read_text())["athlete"]["injuries"]
    picture = isolated_environment / "downloads" / "week.png"
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert f"Picture saved to: {picture}" in out
    assert "Chart: planned minutes" in out
    # After /forget nothing is re-created: /history does not know them any more.
    assert out.rstrip().endswith("I don't know you yet. Send /start to begin.")


def athlete_row(data_dir: Path, user: int) -> dict[str, object] | None:
    with sqlite3.connect(data_dir / "crosstrain.db") as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute("SELECT * FROM athlete WHERE telegram_user_id = ?",
                                 (user,)).fetchone()
        return dict(row) if row else None


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
def test_check_ins_only_for_who_asks_and_nothing_after_forget(
    isolated_environment: Path,
) -> None:
    chat(["what is cross-training?"], user=44, data_dir=isolated_environment)
    asked = athlete_row(isolated_environment, 44)
    assert asked is None or not asked["checkin_enabled"]  # a question asks for no prompts
    out = chat(["/start", "Eve", "/skip", "no", "/skip", "/skip", "/skip", "UTC", "7pm",
                "/forget", "1", "/profile", "/plan", "/history", "/settings", "/export"],
               user=44, data_dir=isolated_environment)
    assert "I'll check in daily at 19:00" in out
    assert "everything about you is erased" in out
    assert athlete_row(isolated_environment, 44) is None


@pytest.mark.usefixtures("prepared_data_dir")
def test_bad_input_in_the_terminal_gets_clear_answers(isolated_environment: Path) -> None:
    out = chat(["", "   ", "x" * 5000, "/nonsense", "7", "🙂"], user=42,
               data_dir=isolated_environment)
    assert "too long" in out
    assert "don't know that command" in out
    assert "Sorry, something went wrong" not in out


@pytest.mark.usefixtures("prepared_data_dir")
def test_run_without_a_token_explains_and_points_to_chat(isolated_environment: Path) -> None:
    env = {**os.environ, "CROSSTRAIN_DATA_DIR": str(isolated_environment),
           "PYTHONPATH": str(REPO_ROOT)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bot", "run"], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
                          check=False)
    # Not an error, a first run: it explains and, with no terminal to chat in, exits 0.
    assert done.returncode == 0
    assert "@BotFather" in done.stderr
    assert "crosstrain chat" in done.stderr


@pytest.mark.usefixtures("prepared_data_dir")
def test_the_terminal_chat_shows_only_the_conversation(isolated_environment: Path) -> None:
    env = {**os.environ, "CROSSTRAIN_DATA_DIR": str(isolated_environment),
           "PYTHONPATH": str(REPO_ROOT), "CROSSTRAIN_LOG_LEVEL": "DEBUG"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--user", "45"], input="/help\n",
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0
    assert " INFO " not in done.stdout + done.stderr
    assert " DEBUG " not in done.stdout + done.stderr
    assert "/forget" in done.stdout
    assert " INFO " in (isolated_environment / "chat.log").read_text()


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
    assert "Nice to meet you, sam!" in out
    assert "Noted: left achilles a bit sore" in out and "2/10" in out
    assert "Saturday: long 60 min" in out and "Tuesday: easy 30 min" in out
    assert "favour indoor cycling, rowing" in out and "yoga out of the first picks" in out
    assert "Long run: 120 min (was 60 min)" in out
    assert "equipment: + indoor bike" in out
    assert "Rather avoid: yoga" in out
    row = athlete_row(isolated_environment, 47)
    assert row is not None and row["name"] == "sam"


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
    assert "Great goal: trail 50k, on 20" in out
    assert "No injuries, great." in out
    assert "Monday: rest" in out and "Thursday: tempo 50 min" in out
    assert "Saturday: long 120 min" in out
    assert "keep stair climber out of the first picks" in out
    assert "check in daily at 18:00" in out
    assert "equipment: + rower" in out and "injuries: + left knee" in out
    assert "You run 5 days a week: Tuesday, Wednesday, Thursday, Saturday, Sunday." in out


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
def test_a_question_in_the_middle_of_onboarding_is_answered_at_once(
        isolated_environment: Path) -> None:
    out = chat(["/start", "Tess", "is this gonna cost anything?"],
               user=48, data_dir=isolated_environment)
    assert "get to it once we're set up" not in out
    assert "articles don't cover that" in out  # an honest answer now, not a promise
    assert out.count("What are you training for?") == 2  # and the step asked again


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
