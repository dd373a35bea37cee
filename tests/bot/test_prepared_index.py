"""A restart with nothing changed uses the last start's index copy instead of the child;
any change to what the child reads runs it again (bot/prepared_index.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import bot.services as services_module
from bot.prepared_index import PreparedIndex
from bot.services import build_services
from config.settings import Settings
from storage.db import Database


def test_a_restart_with_nothing_changed_skips_the_child_and_any_change_brings_it_back(
    isolated_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(Settings(_env_file=None).articles_dir, articles)  # type: ignore[call-arg]
    settings = Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                        articles_dir=articles)
    children: list[bool] = []
    prepare_apart = services_module.prepare_apart

    def counted(*args: object, **kwargs: object) -> str:
        children.append(True)
        return prepare_apart(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services_module, "prepare_apart", counted)
    first = build_services(settings)
    first_chunks = [chunk.id for chunk in first.answerer.retriever.chunks]  # type: ignore[attr-defined]
    first.close()
    again = build_services(settings)
    try:
        assert children == [True]  # the restart used the kept copy
        assert [chunk.id for chunk in again.answerer.retriever.chunks] == first_chunks  # type: ignore[attr-defined]
        assert again.answerer.retriever.retrieve("is cycling good cross-training?").passages
    finally:
        again.close()

    kept = PreparedIndex(settings)
    database = Database(settings.sqlalchemy_url)
    try:
        assert kept.load_if_current(database) is not None
        # An edited article, a touched Chroma folder, a database behind the schema, or a
        # damaged copy: each means the child runs again.
        article = next(articles.glob("*.md"))
        original = article.read_bytes()
        article.write_bytes(original + b"\nOne more line.\n")
        assert kept.load_if_current(database) is None
        article.write_bytes(original)
        assert kept.load_if_current(database) is not None

        chroma_file = next(path for path in settings.chroma_dir.rglob("*") if path.is_file())
        stat = chroma_file.stat()
        chroma_file.touch()
        assert kept.load_if_current(database) is None
        os.utime(chroma_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert kept.load_if_current(database) is not None

        with database.engine.begin() as connection:
            head = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
        assert kept.load_if_current(database) is None
        with database.engine.begin() as connection:
            connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{head}'")
        assert kept.load_if_current(database) is not None
    finally:
        database.close()

    damaged = bytearray(kept.copy_path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    kept.copy_path.write_bytes(bytes(damaged))
    again = build_services(settings)  # the child prepares it again
    try:
        assert children == [True, True]
        assert [chunk.id for chunk in again.answerer.retriever.chunks] == first_chunks  # type: ignore[attr-defined]
    finally:
        again.close()
