"""Drive ``crosstrain chat`` through stdin, and read what it stored: shared by the
``test_terminal_*`` files (split by theme so ``--dist loadfile`` can balance them)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

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


def athlete_row(data_dir: Path, user: int) -> dict[str, object] | None:
    with sqlite3.connect(data_dir / "crosstrain.db") as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute("SELECT * FROM athlete WHERE telegram_user_id = ?",
                                 (user,)).fetchone()
        return dict(row) if row else None
