"""``crosstrain chat``: the same conversation in the terminal, driven through stdin: the
whole flow from a first start, bad input, the screen, and what /forget leaves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.terminal import REPO_ROOT, athlete_row, chat


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
