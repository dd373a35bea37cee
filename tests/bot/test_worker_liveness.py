"""Which claim owners are known to have exited (their claims are taken over at once)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from bot.services import is_dead_worker, worker_id


def _exited_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, check=True, text=True)
    return int(done.stdout)


def test_an_exited_process_of_this_machine_is_dead() -> None:
    pid = _exited_pid()
    assert is_dead_worker(worker_id().replace(f":{os.getpid()}:", f":{pid}:"))


def test_this_process_and_its_parent_are_alive() -> None:
    assert not is_dead_worker(worker_id())
    assert not is_dead_worker(worker_id().replace(f":{os.getpid()}:", f":{os.getppid()}:"))


def test_another_host_namespace_or_an_unreadable_id_is_never_called_dead() -> None:
    pid = _exited_pid()
    namespace = worker_id().rsplit(":", 1)[1]
    assert not is_dead_worker(f"elsewhere:{pid}:{namespace}")
    assert not is_dead_worker(f"{socket.gethostname()}:{pid}:999")
    assert not is_dead_worker(f"{socket.gethostname()}:{pid}")  # the old form: no namespace
    assert not is_dead_worker("")
    assert not is_dead_worker("vm:abc:1")
