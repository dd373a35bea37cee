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

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.client import EmulatorClient
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.process import EmulatorProcess, ManagedProcess, bot_environment
from tests.run_once import copy_data_dir

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


@pytest.fixture
def prepared_data_dir(isolated_environment: Path, first_start_template: Path) -> Path:
    """The test's data directory, as after a first start (see the module doc)."""
    return copy_data_dir(first_start_template, isolated_environment)
