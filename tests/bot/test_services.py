"""The services' start-up (the knowledge index refreshed in a child process) and upkeep."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.services import refresh_index_apart
from coach.answers import Answerer, Retrieval
from config.settings import Settings
from knowledge.service import build_retriever
from tests.bot.conftest import Clock, make_services


class EmptyRetriever:
    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        return Retrieval(passages=[], covered=False)

    def topics(self) -> list[str]:
        return []


def test_the_index_is_built_in_a_child_and_found_by_the_worker(isolated_environment: Path
                                                                 ) -> None:
    settings = Settings(_env_file=None, data_dir=isolated_environment)

    first = refresh_index_apart(settings)
    again = refresh_index_apart(settings)
    retriever = build_retriever(settings, refresh_index=False)

    assert "0 chunk(s) added" not in first
    assert "0 chunk(s) added" in again and "0 deleted" in again
    assert retriever.retrieve("is cycling good cross-training?").passages


async def test_a_worker_that_falls_idle_gives_freed_memory_back_at_most_once_a_second(
    isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import knowledge.embeddings
    from bot import services as services_module

    released: list[float] = []
    monkeypatch.setattr(knowledge.embeddings, "release_freed_memory",
                        lambda: released.append(time.monotonic()))
    settings = Settings(_env_file=None, data_dir=isolated_environment)
    services = make_services(settings, Answerer(EmptyRetriever()), Clock())
    try:
        services._open_units += 1  # another update's unit is open: not idle
        async with services.update_unit(1):
            pass
        await asyncio.sleep(0.05)
        assert released == []
        services._open_units -= 1
        async with services.update_unit(2):
            pass
        await asyncio.sleep(0.05)  # the release runs in a thread
        assert len(released) == 1
        async with services.update_unit(3):
            pass
        await asyncio.sleep(0.05)
        assert len(released) == 1  # less than a second later
        monkeypatch.setattr(services_module, "RELEASE_MEMORY_EVERY", 0.0)
        async with services.update_unit(4):
            pass
        await asyncio.sleep(0.05)
        assert len(released) == 2
    finally:
        services.close()
