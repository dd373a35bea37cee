"""Fixtures for end-to-end tests against the Bot API emulator.

- ``emulator``: an in-process emulator on a free port, per test.
- ``emulator_client``: an :class:`EmulatorClient` for it (act as users, read replies).
- ``start_bot``: start a command as the bot process against ``emulator``, wait until it
  polls; stopped (SIGTERM, then SIGKILL) after the test, its output shown on failure.
- ``emulator_server``: the emulator as a separate process, per module (for a bot process
  shared by a module's tests; reset it with ``await client.reset()`` between tests).
- ``prepared_data_dir``: the test's data directory holding what a first start leaves
  (migrated database, article index and its kept copy, the models' rewritten graphs),
  made once per test run: the bot then starts as a restart does (bot/prepared_index.py)
  instead of embedding every article again. For tests of what happens after the start;
  tests of the first start itself leave it out.
"""

# Test waits take a plain `timeout` deadline by design (the API the tests read best).
# ruff: noqa: ASYNC109

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.client import EmulatorClient
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.process import PYTHON, REPO_ROOT, EmulatorProcess, ManagedProcess, bot_environment
from tests.run_once import built_once

StartBot = Callable[..., Awaitable[ManagedProcess]]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    # Lets fixtures see whether the test failed, to print the bot's output only then.
    report = yield
    setattr(item, f"e2e_report_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    return any(getattr(getattr(request.node, f"e2e_report_{when}", None), "failed", False)
               for when in ("setup", "call"))


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    """A fresh Bot API emulator on 127.0.0.1 and a free port."""
    async with BotApiEmulator() as running:
        yield running


@pytest.fixture
async def emulator_client(emulator: BotApiEmulator) -> AsyncIterator[EmulatorClient]:
    """The test-side client of ``emulator``."""
    async with EmulatorClient(emulator.url) as client:
        yield client


@pytest.fixture
async def start_bot(
    emulator: BotApiEmulator, emulator_client: EmulatorClient, tmp_path: Path,
    request: pytest.FixtureRequest,
) -> AsyncIterator[StartBot]:
    """``await start_bot(command, env={...}, wait=True, timeout=20)`` -> ManagedProcess.

    The environment gets TELEGRAM_API_BASE_URL (the emulator) and TELEGRAM_BOT_TOKEN (its
    fake token) on top of the test's own (temp CROSSTRAIN_DATA_DIR), PYTHONPATH = the repo.
    ``wait`` waits until the bot long-polls or has set a webhook."""
    started: list[ManagedProcess] = []

    async def start(command: Sequence[str], *, env: Mapping[str, str] | None = None,
                    wait: bool = True, timeout: float = 20.0,
                    name: str = "bot") -> ManagedProcess:
        process = ManagedProcess.start(
            command, env=bot_environment(emulator.base_url, token=emulator.token, extra=env),
            cwd=tmp_path, log_dir=tmp_path / "logs", name=name)
        started.append(process)
        if wait:
            try:
                await emulator_client.wait_until_polling(timeout=timeout,
                                                         alive=process.is_running)
            except (RuntimeError, TimeoutError) as exc:
                raise RuntimeError(f"{exc}\n{process.describe()}") from exc
        return process

    yield start
    for process in started:
        await process.stop()
    if _failed(request):
        for process in started:
            print(process.describe())


@pytest.fixture(scope="module")
def emulator_server() -> Iterator[EmulatorProcess]:
    """The emulator as its own process, shared by a module's tests."""
    server = EmulatorProcess.start()
    yield server
    server.stop()


_FIRST_START = ("from bot.services import build_services; from config.settings import Settings; "
                "build_services(Settings(_env_file=None)).close()")


@pytest.fixture(scope="session")
def first_start_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory as the bot's first start leaves it, made by a real first start
    (``build_services`` in its own process) once per test run, shared by the workers."""

    def first_start(root: Path) -> None:
        folder = root / "data"
        folder.mkdir()
        env = {name: value for name, value in os.environ.items()
               if not name.startswith("CROSSTRAIN_")
               and name not in ("DATABASE_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL")}
        env.update({"CROSSTRAIN_DATA_DIR": str(folder), "ANONYMIZED_TELEMETRY": "False",
                    "PYTHONPATH": str(REPO_ROOT)})
        done = subprocess.run([PYTHON, "-c", _FIRST_START], env=env, cwd=root,
                              capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr[-3000:]

    return built_once(tmp_path_factory, "first-start", first_start) / "data"


@pytest.fixture
def prepared_data_dir(isolated_environment: Path, first_start_template: Path) -> Path:
    """The test's data directory, as after a first start (see the module doc)."""
    for entry in first_start_template.iterdir():
        if entry.name == "models":  # never written in place (replaced whole): linked
            shutil.copytree(entry, isolated_environment / entry.name, copy_function=os.link)
        elif entry.is_dir():
            shutil.copytree(entry, isolated_environment / entry.name)  # mtimes kept
        else:
            shutil.copy2(entry, isolated_environment / entry.name)
    return isolated_environment
