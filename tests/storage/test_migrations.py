"""Migrations: an empty database upgrades to the models' schema, twice over, concurrently."""

from __future__ import annotations

import threading
import time

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from storage import models  # noqa: F401  (the tables must be registered)
from storage.db import alembic_config, create_db_engine, current_revision, head_revision, migrate

EXPECTED_TABLES = {
    "athlete", "planned_session", "check_in", "substitution", "conversation_turn",
    "processed_update", "dispatch", "logged_activity", "weekly_summary", "reply_outbox",
    "plan_change",
}

# The newest migration; a new one must update this, so a forgotten migration fails here.
LATEST = "0008"


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


def _upgrade_to(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _downgrade_to(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


_SEND_COLUMNS = ("local_date, due_at, status, claimed_by, claim_expires_at, attempts, "
                 "sent_at, created_at")


def test_0005_moves_both_dispatch_tables_into_one_outbox_and_back(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        _upgrade_to(engine, "0004")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO athlete (timezone, checkin_time, checkin_enabled, injuries, "
                "equipment, likes, dislikes, language, telegram_user_id, chat_id, paused, "
                "health_consent, onboarded, created_at, updated_at) VALUES ('UTC', '07:30', "
                "true, '[]', '[]', '[]', '[]', 'en', 7, 7, false, false, true, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
            [athlete_id] = connection.exec_driver_sql("SELECT id FROM athlete").scalars()
            for day, status, claimed_by, lease in (
                    ("2026-11-30", "sent", None, None),
                    ("2026-12-01", "claimed", "host:1", "2026-12-01 07:32:00"),
                    ("2026-12-02", "due", None, None)):
                connection.exec_driver_sql(
                    f"INSERT INTO checkin_dispatch (athlete_id, {_SEND_COLUMNS}) VALUES "
                    f"({athlete_id}, '{day}', '{day} 07:30:00', '{status}', "
                    f"{repr(claimed_by) if claimed_by else 'NULL'}, "
                    f"{repr(lease) if lease else 'NULL'}, 1, NULL, CURRENT_TIMESTAMP)")
            for kind, day in (("athlete", "2026-12-06"), ("coach", "2026-11-30")):
                connection.exec_driver_sql(
                    f"INSERT INTO weekly_dispatch (athlete_id, kind, {_SEND_COLUMNS}) VALUES "
                    f"({athlete_id}, '{kind}', '{day}', '{day} 19:00:00', 'due', NULL, "
                    "NULL, 0, NULL, CURRENT_TIMESTAMP)")
        migrate(engine)
        tables = set(inspect(engine).get_table_names())
        assert "dispatch" in tables and not {"checkin_dispatch", "weekly_dispatch"} & tables
        with engine.connect() as connection:
            moved = connection.exec_driver_sql(
                "SELECT kind, local_date, status, claimed_by, claim_expires_at IS NOT NULL "
                "FROM dispatch ORDER BY kind, local_date").all()
        assert [(kind, str(day), status, by, bool(leased))
                for kind, day, status, by, leased in moved] == [
            ("checkin", "2026-11-30", "sent", None, False),
            ("checkin", "2026-12-01", "claimed", "host:1", True),  # its lease goes along
            ("checkin", "2026-12-02", "due", None, False),
            ("coach_digest", "2026-11-30", "due", None, False),
            ("weekly_summary", "2026-12-06", "due", None, False),
        ]
        _downgrade_to(engine, "0004")
        with engine.connect() as connection:
            checkins = connection.exec_driver_sql(
                "SELECT status FROM checkin_dispatch ORDER BY local_date").scalars().all()
            weekly = connection.exec_driver_sql(
                "SELECT kind FROM weekly_dispatch ORDER BY kind").scalars().all()
        assert checkins == ["sent", "claimed", "due"] and weekly == ["athlete", "coach"]
        assert "dispatch" not in set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
