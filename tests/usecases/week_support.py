"""A unit of work over a real, migrated SQLite file, and athletes to fill it with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session

from config.settings import Settings
from storage import repository
from storage.db import Database
from tests.migrated import migrate

MONDAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 8, 18, 0, tzinfo=UTC)  # Sunday evening of that week
JOINED = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)  # weeks before


class SqliteUnitOfWork:
    """What a use case needs (``usecases.ports.UnitOfWork``) over one SQLite file."""

    def __init__(self, settings: Settings, path: Path, now: datetime = NOW) -> None:
        self.settings = settings
        self.database = Database(f"sqlite:///{path}")
        migrate(self.database)
        self.clock = now

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.database.transaction() as session:
            yield session

    def now(self) -> datetime:
        return self.clock

    def close(self) -> None:
        self.database.close()


def add_athlete(
    uow: SqliteUnitOfWork,
    *,
    telegram_id: int,
    name: str = "Anna",
    timezone: str = "UTC",
    consent: bool = True,
    plan: list[dict[str, object]] | None = None,
    joined: datetime = JOINED,
) -> int:
    with uow.transaction() as session:
        athlete = repository.get_or_create_athlete(
            session=session, telegram_user_id=telegram_id, chat_id=telegram_id, name=name,
            timezone=timezone)
        assert athlete.id is not None
        athlete.created_at = joined  # days before joining are not tracked
        session.add(athlete)
        repository.update_profile(session=session, athlete_id=athlete.id, onboarded=True)
        if consent:
            repository.set_health_consent(session=session, athlete_id=athlete.id, consent=True,
                                          now=uow.now())
        repository.set_weekly_plan(
            session=session, athlete_id=athlete.id,
            sessions=plan if plan is not None else [
                {"weekday": 0, "kind": "easy", "minutes": 50},
                {"weekday": 2, "kind": "tempo", "minutes": 45},
                {"weekday": 3, "kind": "rest", "minutes": 0},
                {"weekday": 5, "kind": "long", "minutes": 100},
            ])
        return athlete.id
