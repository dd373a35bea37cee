"""Storage tests run twice: on a SQLite file and on the session's real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from storage import repository as repo
from storage.db import create_db_engine, migrate, session_scope
from storage.models import Athlete

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db' / 'crosstrain.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated database."""
    engine = create_db_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """One transaction for the test body, committed at the end."""
    with session_scope(engine) as session:
        yield session


MakeAthlete = Callable[..., Athlete]


@pytest.fixture
def make_athlete(session: Session) -> MakeAthlete:
    """Create an athlete (onboarded by default) and return it."""
    counter = iter(range(1000, 10_000))

    def make(*, consent: bool = False, onboarded: bool = True, **profile: object) -> Athlete:
        telegram_id = next(counter)
        athlete = repo.get_or_create_athlete(
            session=session, telegram_user_id=telegram_id, chat_id=telegram_id,
            name=f"Runner {telegram_id}", now=NOW,
        )
        assert athlete.id is not None
        if consent:
            repo.set_health_consent(session=session, athlete_id=athlete.id, consent=True,
                                    now=NOW)
        if profile or onboarded:
            repo.update_profile(session=session, athlete_id=athlete.id, onboarded=onboarded,
                                now=NOW, **profile)
        return athlete

    return make
