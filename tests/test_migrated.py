"""The migrated copy the use-case and bot tests start from is the real schema at head."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from storage.db import Database, current_revision, head_revision
from tests.migrated import migrate


def test_a_new_file_starts_at_head_with_the_schema_migrations_make(tmp_path: Path) -> None:
    copied = Database(f"sqlite:///{tmp_path / 'copied' / 'db.sqlite'}")
    migrated = Database(f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    try:
        migrate(copied)
        migrated.migrate()
        assert current_revision(copied.engine) == head_revision()
        copied_tables = inspect(copied.engine).get_table_names()
        assert copied_tables == inspect(migrated.engine).get_table_names()
        for table in copied_tables:
            assert _columns(copied, table) == _columns(migrated, table), table
    finally:
        copied.close()
        migrated.close()


def _columns(database: Database, table: str) -> list[tuple[object, ...]]:
    return [(column["name"], str(column["type"]), column["nullable"], column["default"])
            for column in inspect(database.engine).get_columns(table)]


def test_a_file_already_there_is_kept_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    database = Database(f"sqlite:///{path}")
    try:
        database.migrate()
        with database.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE kept (x INTEGER)")
        migrate(database)
        assert "kept" in inspect(database.engine).get_table_names()
    finally:
        database.close()
