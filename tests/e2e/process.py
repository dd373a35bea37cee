"""Start the bot (or the emulator) as a real process, and stop it cleanly.

Output goes to a log file (never a pipe, which a chatty bot could fill and block on), so
a failing test can show it. Stopping sends SIGTERM, waits, then SIGKILL; only the
process started here (and its own process group) is signalled.
"""

# Test waits take a plain `timeout` deadline by design (the API the tests read best).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.bot.updates import DEFAULT_TOKEN

REPO_ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
_READY_RE = re.compile(r"EMULATOR READY url=(\S+) base_url=(\S+) token=(\S+)")


def python_module_command(module: str, *args: str) -> list[str]:
    """``[python, -m, module, *args]`` with this interpreter (the project's venv)."""
    return [PYTHON, "-m", module, *args]


def bot_environment(base_url: str, *, token: str = DEFAULT_TOKEN,
                    extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment plus what a bot needs to talk to the emulator."""
    env = dict(os.environ)
    env.update({
        "TELEGRAM_API_BASE_URL": base_url,
        "TELEGRAM_BOT_TOKEN": token,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": os.pathsep.join(
            part for part in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if part),
    })
    env.update(extra or {})
    return env


@dataclass
class ManagedProcess:
    """A subprocess with its output in ``log_path``."""

    command: list[str]
    popen: subprocess.Popen[bytes]
    log_path: Path
    name: str = "process"
    _stopped: bool = field(default=False, repr=False)

    @classmethod
    def start(cls, command: Sequence[str], *, env: Mapping[str, str] | None = None,
              cwd: Path | str | None = None, log_dir: Path | str | None = None,
              name: str = "process") -> ManagedProcess:
        directory = Path(log_dir) if log_dir else Path(tempfile.mkdtemp(prefix="e2e-proc-"))
        directory.mkdir(parents=True, exist_ok=True)
        log_path = directory / f"{name}-{time.monotonic_ns()}.log"
        with log_path.open("wb") as log_file:
            popen = subprocess.Popen(
                list(command), stdout=log_file, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, env=dict(env) if env is not None else None,
                cwd=str(cwd) if cwd else None, start_new_session=True)
        return cls(command=list(command), popen=popen, log_path=log_path, name=name)

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def returncode(self) -> int | None:
        return self.popen.poll()

    def is_running(self) -> bool:
        return self.popen.poll() is None

    def output(self) -> str:
        """Everything the process printed so far (stdout and stderr)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def send_signal(self, sig: int) -> None:
        if self.is_running():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)  # its own group, made at start

    def kill(self) -> None:
        """SIGKILL now (crash tests); use ``wait``/``stop`` afterwards to reap it."""
        self.send_signal(signal.SIGKILL)

    def stop_sync(self, *, grace: float = 5.0) -> int | None:
        """SIGTERM, wait up to ``grace`` seconds, then SIGKILL. Blocks: use ``stop`` in
        async tests (an in-process emulator must keep answering while the bot shuts down)."""
        if not self._stopped:
            self._stopped = True
            self.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.kill()
                self.popen.wait(timeout=5)
        return self.popen.returncode

    async def stop(self, *, grace: float = 5.0) -> int | None:
        """SIGTERM, wait up to ``grace`` seconds without blocking the loop, then SIGKILL."""
        if not self._stopped:
            self._stopped = True
            self.send_signal(signal.SIGTERM)
            try:
                await asyncio.to_thread(self.popen.wait, grace)
            except subprocess.TimeoutExpired:
                self.kill()
                await asyncio.to_thread(self.popen.wait, 5)
        return self.popen.poll()

    async def wait_exit(self, *, timeout: float = 10.0) -> int:
        """Wait for the process to exit by itself (or after ``kill``)."""
        try:
            return await asyncio.to_thread(self.popen.wait, timeout)
        except subprocess.TimeoutExpired as exc:
            raise TimeoutError(f"{self.name} still running after {timeout}s") from exc

    def describe(self) -> str:
        return (f"--- {self.name} (pid {self.pid}, exit {self.returncode}): "
                f"{' '.join(self.command)}\n{self.output()}--- end of {self.name}")


@dataclass
class EmulatorProcess:
    """The emulator run as its own process (for module- or session-scoped bots)."""

    process: ManagedProcess
    url: str
    base_url: str
    token: str

    @classmethod
    def start(cls, *, token: str = DEFAULT_TOKEN, timeout: float = 15.0,
              extra_args: Sequence[str] = ()) -> EmulatorProcess:
        command = python_module_command("tests.e2e.emulator", "--host", "127.0.0.1",
                                        "--port", "0", "--token", token, *extra_args)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if part)
        env["PYTHONUNBUFFERED"] = "1"
        process = ManagedProcess.start(command, env=env, cwd=REPO_ROOT, name="emulator")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = _READY_RE.search(process.output())
            if match:
                return cls(process=process, url=match.group(1), base_url=match.group(2),
                           token=match.group(3))
            if not process.is_running():
                break
            time.sleep(0.05)
        process.stop_sync()
        raise RuntimeError(f"emulator did not start:\n{process.describe()}")

    def stop(self) -> None:
        self.process.stop_sync()


def wait_until_polling_sync(url: str, *, timeout: float = 15.0,
                            process: ManagedProcess | None = None) -> None:
    """Block until a bot long-polls (or set a webhook) on the emulator at ``url``."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=f"{url}/_emu", timeout=5.0) as http:
        while True:
            state = http.get("/state").json()
            if state["pollers_waiting"] > 0 or state["webhook"]:
                return
            if process is not None and not process.is_running():
                raise RuntimeError(f"bot exited before polling:\n{process.describe()}")
            if time.monotonic() >= deadline:
                raise TimeoutError(f"bot not polling within {timeout}s")
            time.sleep(0.05)


async def wait_until_serving(worker: ManagedProcess, *, timeout: float = 90.0) -> None:
    """Wait until a webhook worker listens (its log says so). For a second worker on a
    shared address, whose webhook the first already set: waiting for the webhook would
    return at once, with the worker still importing."""
    deadline = time.monotonic() + timeout
    while True:
        if "webhook server listening" in worker.output():
            return
        if not worker.is_running():
            raise RuntimeError(f"{worker.name} exited at start:\n{worker.describe()}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{worker.name} not listening within {timeout}s")
        await asyncio.sleep(0.05)
