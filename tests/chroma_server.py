"""A ``chroma run`` server on loopback for the tests that use Chroma's client-server mode."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.store import close_clients

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_chroma_server(folder: Path) -> Iterator[int]:
    """A ``chroma run`` server keeping its data in ``folder``; its port."""
    port = _free_port()
    log_path = folder / "chroma.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(folder / "server-data"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("chroma run did not start: " + log_path.read_text())
                time.sleep(0.2)
        yield port
    finally:
        close_clients()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    """The port of a fresh ``chroma run`` server, stopped after the test."""
    with running_chroma_server(tmp_path) as port:
        yield port


@pytest.fixture(scope="module")
def module_chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """One ``chroma run`` server for a module's tests: the first bot to start indexes the
    articles into it, the later ones find them unchanged (as a restart does)."""
    with running_chroma_server(tmp_path_factory.mktemp("chroma")) as port:
        yield port
