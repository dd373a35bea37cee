"""Engine, sessions and migrations for the athlete store.

SQLite (the default, one file in the data directory) is tuned for a bot that writes
from several threads or processes: WAL, a busy timeout, foreign keys on, and every
transaction started with ``BEGIN IMMEDIATE`` so writers queue on the busy timeout instead
of failing when a read transaction has to become a write one. PostgreSQL gets
``pool_pre_ping`` so connections dropped by a restart are replaced quietly.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every process migrating one database.
_MIGRATION_LOCK_KEY = 7_466_019_553_171


def create_db_engine(url: str, *, busy_timeout_ms: int = 30_000, echo: bool = False) -> Engine:
    """An engine for ``url`` with the settings this project relies on (see module doc)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, busy_timeout_ms=busy_timeout_ms, echo=echo)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                               echo=echo)
    _plain_savepoints(engine)
    return engine


def _plain_savepoints(engine: Engine) -> None:
    """Savepoints as plain SQL. Every block a handler opens inside its update is one
    (``Services.transaction``), and SQLAlchemy compiles its SAVEPOINT and RELEASE clauses
    afresh each time (they have no cache key); the names it makes are plain identifiers."""
    dialect = engine.dialect
    quote = dialect.identifier_preparer.quote

    def savepoint(connection: Any, name: str) -> None:
        connection.exec_driver_sql(f"SAVEPOINT {quote(name)}")

    def release(connection: Any, name: str) -> None:
        connection.exec_driver_sql(f"RELEASE SAVEPOINT {quote(name)}")

    def rollback_to(connection: Any, name: str) -> None:
        connection.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {quote(name)}")

    dialect.do_savepoint = savepoint  # type: ignore[method-assign]
    dialect.do_release_savepoint = release  # type: ignore[method-assign]
    dialect.do_rollback_to_savepoint = rollback_to  # type: ignore[method-assign]


def _sqlite_engine(url: str, *, busy_timeout_ms: int, echo: bool) -> Engine:
    database = make_url(url).database
    in_memory = database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        # One shared connection, or every checkout would see a different empty database.
        kwargs["poolclass"] = StaticPool
    else:
        assert database is not None
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy (the "begin" hook below); pysqlite's own
        # implicit BEGIN would be deferred.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not in_memory:
                _enable_wal(cursor, busy_timeout_ms)
                # Safe against process crashes in WAL mode; only power loss can drop the
                # last commits.
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _enable_wal(cursor: Any, busy_timeout_ms: int) -> None:
    """Switch the file to WAL (a lasting property of the file, so usually a no-op).

    Changing the journal mode ignores the busy timeout, so when another connection
    holds the file at that moment we retry for as long as the timeout allows.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back on any error.

    Objects stay readable after the commit (``expire_on_commit=False``).
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic configuration built in code, so it works from an installed package."""
    # Alembic (~10 MB resident with mako) is imported only to migrate: a worker has its
    # schema migrated by the child process that prepares its start (bot/services.py).
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        # '%' would be read as interpolation by configparser.
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision``; a no-op when it is already there.

    Runs in one transaction. On PostgreSQL an advisory lock makes processes starting at
    the same moment take turns; on SQLite ``BEGIN IMMEDIATE`` does the same.
    """
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": _MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an unmigrated database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision the code ships."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


class Database:
    """The engine plus the two things callers do with it: migrate and open sessions."""

    def __init__(self, url: str, *, busy_timeout_ms: int = 30_000) -> None:
        self.url = url
        self.engine = create_db_engine(url, busy_timeout_ms=busy_timeout_ms)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def in_memory(self) -> bool:
        """An in-memory SQLite database: only this process can see (and migrate) it."""
        url = make_url(self.url)
        return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")

    def migrate(self) -> None:
        migrate(self.engine)

    def session(self) -> Session:
        """A plain session (the caller commits)."""
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session committed at the end of the block, rolled back on error."""
        with session_scope(self.engine) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
