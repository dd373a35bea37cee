"""Build something once per test run, shared by every xdist worker (read-only).

pytest-xdist's recipe for session fixtures that must execute only once: the first worker
to take a lock in the run's shared base temp dir builds, the others wait for it and reuse
the result. Without xdist it is built in this process's temp dir as before.
"""

from __future__ import annotations

import fcntl
import os
import shutil
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
