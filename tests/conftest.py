"""Shared fixtures: every test gets its own data directory and a clean environment."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# One BLAS thread in the test processes and every process they start (the bot, the chat,
# the first start), set before numpy loads: the bot's numpy work is small products (the
# red-flag net is built from ~1,900 of them at every start), where OpenBLAS's threads only
# spin, and with two workers on two cores they spun against each other: a terminal chat
# start took 15 s of CPU instead of 4.5 (36 s wall instead of 11 on a loaded machine).
# ONNX Runtime is already one thread (knowledge/embeddings.py). An explicit value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest

from config.settings import Settings
from tests.run_once import first_start_data_dir

pytest_plugins = ["tests.pg_server", "tests.chroma_server"]

# Folders whose tests share a package-scoped fixture and must run on one xdist worker,
# one after another: with plain loadfile their files go to both workers in turn and the
# package fixture is torn down and built again between them (the security `world`, 50
# athletes through the real bot, about a minute each time).
_ONE_WORKER_PACKAGES = ("tests/security/",)
@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile``, but each of ``_ONE_WORKER_PACKAGES`` is one unit. (Handing the
    slowest files out first was tried and undone: the heaviest process-spawning files then
    ran at the same time and a CI run took 969 s, the crash test 238 s instead of 120 s.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class PackageLoadFile(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            for package in _ONE_WORKER_PACKAGES:
                if path.startswith(package):
                    return package
            return path

    return PackageLoadFile(config, log)


# Files of one long test each, handed out first among the files of as many tests: xdist
# hands out the files with the most tests first, so these came last, and on 29 Nov 2026 one
# worker stood idle for 74 s while the other ran the 103 s crash test and two files queued
# behind it (CROSSTRAIN_TEST_TIMELINE below). Collection order breaks xdist's ties.
_LONG_SINGLE_FILES = ("tests/e2e/test_crash_restart.py",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(_LONG_SINGLE_FILES))


# With CROSSTRAIN_TEST_TIMELINE=FILE, each worker appends "worker start end nodeid" for every
# test: how the files were shared out and how long a worker stood idle at the end (for
# tuning the scheduling above; `python -m tests.timeline FILE` sums it up).
_TIMELINE = os.environ.get("CROSSTRAIN_TEST_TIMELINE")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    began = time.time()
    yield
    if _TIMELINE:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(_TIMELINE, "a", encoding="utf-8") as timeline:
            timeline.write(f"{worker} {began:.3f} {time.time():.3f} {item.nodeid}\n")


# Settings read from the environment; tests must never pick up an operator's values.
_OUR_ENV_PREFIXES = ("CROSSTRAIN_",)
_OUR_ENV_NAMES = ("DATABASE_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL")


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point all state at a temp dir and drop any real configuration."""
    for name in list(os.environ):
        if name.startswith(_OUR_ENV_PREFIXES) or name in _OUR_ENV_NAMES:
            monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setenv("CROSSTRAIN_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.chdir(tmp_path)
    yield data_dir


@pytest.fixture(scope="session")
def first_start_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory as the bot's first start leaves it, once per run (read-only:
    ``tests.run_once.copy_data_dir`` it)."""
    return first_start_data_dir(tmp_path_factory)


@pytest.fixture
def settings(isolated_environment: Path) -> Settings:
    """Settings for a test: temp data dir, no .env file, no LLM, no token."""
    return Settings(_env_file=None, data_dir=isolated_environment)  # type: ignore[call-arg]
