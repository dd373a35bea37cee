"""Migrations: an empty database upgrades to the models' schema, twice over, concurrently."""

from __future__ import annotations

import threading
import time

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from storage import models  # noqa: F401  (the tables must be registered)
from storage.db import alembic_config, create_db_engine, current_revision, head_revision, migrate

EXPECTED_TABLES = {
    "athlete", "planned_session", "check_in", "substitution", "conversation_turn",
    "processed_update", "checkin_dispatch", "logged_activity", "weekly_summary",
    "weekly_dispatch", "reply_outbox",
}

# The newest migration; a new one must update this, so a forgotten migration fails here.
LATEST = "0004"


def test_upgrade_of_an_empty_database_creates_every_table(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        assert current_revision(engine) is None
        migrate(engine)
        tables = set(inspect(engine).get_table_names())
        assert tables == EXPECTED_TABLES | {"alembic_version"}
        assert set(SQLModel.metadata.tables) == EXPECTED_TABLES
        assert current_revision(engine) == head_revision() == LATEST
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_migrate_is_idempotent_and_downgrades_cleanly(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate(engine)
        migrate(engine)
        assert current_revision(engine) == LATEST
        with engine.begin() as connection:
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate(engine)
        assert set(inspect(engine).get_table_names()) == EXPECTED_TABLES | {"alembic_version"}
    finally:
        engine.dispose()


def test_workers_starting_together_migrate_once_without_errors(db_url: str) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def worker() -> None:
        # Each worker has its own engine, as separate processes would.
        engine = create_db_engine(db_url)
        try:
            start.wait()
            migrate(engine)
        except BaseException as error:
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60  # one deadline for all: a hang fails in a minute
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not any(thread.is_alive() for thread in threads), "migrations blocked each other"
    assert errors == []
    engine = create_db_engine(db_url)
    try:
        assert current_revision(engine) == LATEST
    finally:
        engine.dispose()


def test_upgrade_keeps_athletes_and_turns_off_check_ins_nobody_asked_for(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            for user, onboarded in ((1, True), (2, False)):
                connection.exec_driver_sql(
                    "INSERT INTO athlete (timezone, checkin_time, checkin_enabled, injuries, "
                    "equipment, likes, language, telegram_user_id, chat_id, paused, "
                    "health_consent, onboarded, created_at, updated_at) VALUES ('UTC', "
                    f"'07:30', true, '[]', '[\"pool\"]', '[]', 'en', {user}, {user}, false, "
                    f"false, {str(onboarded).lower()}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
        migrate(engine)
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT telegram_user_id, checkin_enabled, equipment, dislikes FROM athlete "
                "ORDER BY telegram_user_id"
            ).all()
        enabled = {row[0]: bool(row[1]) for row in rows}
        assert enabled == {1: True, 2: False}
        assert all("pool" in str(row[2]) and str(row[3]) == "[]" for row in rows)
    finally:
        engine.dispose()
