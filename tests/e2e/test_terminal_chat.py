"""``crosstrain chat``: the same conversation in the terminal, driven through stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
        "/start", "Cleo", "/skip", "/skip", "Mon easy 40, Thu tempo 45, Sat long 90",
        "1",              # consent: yes
        "left achilles",  # injuries
        "pool, gym",      # equipment
        "swimming",       # likes
        "1",              # timezone button: UTC
        "off",            # no daily check-ins
        "is swimming good cross-training for runners?",
        "/swap 40 min tempo, no time, only 30 minutes",
        "1",              # choose the first option
        "/history",
        "/export",
        "/forget", "1",   # yes, erase everything
        "/history",
    ], user=41, data_dir=isolated_environment)
    assert "What should I call you?" in out
    assert "Nice to meet you, Cleo!" in out
    assert "Source:" in out
    assert "Tap the one you'll do" in out
    assert "Logged:" in out
    assert "swapped" in out
    exported = isolated_environment / "downloads" / "crosstrain-export.json"
    assert "left achilles" in json.loads(exported.read_text())["athlete"]["injuries"]
    assert out.rstrip().endswith("No check-ins in the last four weeks yet.")


def test_bad_input_in_the_terminal_gets_clear_answers(isolated_environment: Path) -> None:
    out = chat(["", "   ", "x" * 5000, "/nonsense", "7", "🙂"], user=42,
               data_dir=isolated_environment)
    assert "too long" in out
    assert "don't know that command" in out
    assert "Sorry, something went wrong" not in out


def test_run_without_a_token_explains_and_points_to_chat(isolated_environment: Path) -> None:
    env = {**os.environ, "CROSSTRAIN_DATA_DIR": str(isolated_environment),
           "PYTHONPATH": str(REPO_ROOT)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bot", "run"], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
                          check=False)
    assert done.returncode == 2
    assert "@BotFather" in done.stderr
    assert "crosstrain chat" in done.stderr
