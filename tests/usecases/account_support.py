"""A unit of work over a real, migrated SQLite file, with a clock the test sets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session

from config.settings import Settings
from storage import repository
from storage.db import Database
from storage.models import Athlete

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # a Thursday


@dataclass
class SqliteUnitOfWork:
    settings: Settings
    database: Database
    clock: datetime = field(default=NOW)

    def transaction(self) -> AbstractContextManager[Session]:
        return self.database.transaction()

    def now(self) -> datetime:
        return self.clock

    def athlete(self, telegram_user_id: int) -> Athlete | None:
        with self.transaction() as session:
            return repository.get_athlete_by_telegram_id(
                session=session, telegram_user_id=telegram_user_id)


@pytest.fixture
def uow(settings: Settings, tmp_path: Path) -> Iterator[SqliteUnitOfWork]:
    database = Database(f"sqlite:///{tmp_path / 'usecases.db'}")
    database.migrate()
    try:
        yield SqliteUnitOfWork(settings=settings.model_copy(update={"coach_ids": [9000]}),
                               database=database)
    finally:
        database.close()
