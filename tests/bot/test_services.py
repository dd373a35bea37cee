"""The services' start-up: the knowledge index refreshed in a child process."""

from __future__ import annotations

from pathlib import Path

from bot.services import refresh_index_apart
from config.settings import Settings
from knowledge.service import build_retriever


def test_the_index_is_built_in_a_child_and_found_by_the_worker(isolated_environment: Path
                                                                 ) -> None:
    settings = Settings(_env_file=None, data_dir=isolated_environment)

    first = refresh_index_apart(settings)
    again = refresh_index_apart(settings)
    retriever = build_retriever(settings, refresh_index=False)

    assert "0 chunk(s) added" not in first
    assert "0 chunk(s) added" in again and "0 deleted" in again
    assert retriever.retrieve("is cycling good cross-training?").passages
