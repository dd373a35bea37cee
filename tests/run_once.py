"""Build something once per test run, shared by every xdist worker (read-only).

pytest-xdist's recipe for session fixtures that must execute only once: the first worker
to take a lock in the run's shared base temp dir builds, the others wait for it and reuse
the result. Without xdist it is built in this process's temp dir as before.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], None]) -> Path:
    """The folder ``build(folder)`` filled, built by one worker of the run only.

    Callers must treat the folder as read-only (copy it to change it): other workers
    read it at the same time."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # the run's dir, above popen-gwN
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a failed build's leftovers
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


REPO_ROOT = Path(__file__).resolve().parents[1]
_FIRST_START = ("from bot.services import build_services; from config.settings import Settings; "
                "build_services(Settings(_env_file=None)).close()")


def first_start_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory as the bot's first start leaves it (migrated database, article
    index and its kept copy, the models' rewritten graphs), made by a real first start
    (``build_services`` in its own process) once per test run, shared by the workers.
    Read-only: :func:`copy_data_dir` it to use it."""

    def first_start(root: Path) -> None:
        folder = root / "data"
        folder.mkdir()
        env = {name: value for name, value in os.environ.items()
               if not name.startswith("CROSSTRAIN_")
               and name not in ("DATABASE_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL")}
        env.update({"CROSSTRAIN_DATA_DIR": str(folder), "ANONYMIZED_TELEMETRY": "False",
                    "PYTHONPATH": str(REPO_ROOT)})
        done = subprocess.run([sys.executable, "-c", _FIRST_START], env=env, cwd=root,
                              capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr[-3000:]

    return built_once(tmp_path_factory, "first-start", first_start) / "data"


def copy_data_dir(template: Path, data_dir: Path) -> Path:
    """Fill ``data_dir`` with a copy of ``template`` (see :func:`first_start_data_dir`):
    the bot, or an answerer built on it, then starts as a restart does instead of
    embedding every article again (~7 s of CPU)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for entry in template.iterdir():
        if entry.name == "models":  # never written in place (replaced whole): linked
            shutil.copytree(entry, data_dir / entry.name, copy_function=os.link)
        elif entry.is_dir():
            shutil.copytree(entry, data_dir / entry.name)  # mtimes kept
        else:
            shutil.copy2(entry, data_dir / entry.name)
    return data_dir
