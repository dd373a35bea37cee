"""Engine settings and the session scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from storage import repository as repo
from storage.db import Database, create_db_engine, session_scope
from storage.models import Athlete, CheckIn
from tests.storage.conftest import NOW


def test_sqlite_engine_is_tuned_and_creates_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "crosstrain.db"
    engine = create_db_engine(f"sqlite:///{path}", busy_timeout_ms=1234)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 1234
        assert path.exists()
    finally:
        engine.dispose()


def test_in_memory_sqlite_is_one_shared_database() -> None:
    database = Database("sqlite://")
    try:
        database.migrate()
        with database.transaction() as session:
            repo.get_or_create_athlete(session=session, telegram_user_id=1, chat_id=1)
        with database.transaction() as session:
            assert repo.get_athlete_by_telegram_id(session=session, telegram_user_id=1)
    finally:
        database.close()


def test_session_scope_commits_or_rolls_back(engine: Engine) -> None:
    with session_scope(engine) as session:
        repo.get_or_create_athlete(session=session, telegram_user_id=10, chat_id=10)
    with pytest.raises(ValueError), session_scope(engine) as session:
        repo.get_or_create_athlete(session=session, telegram_user_id=11, chat_id=11)
        raise ValueError("boom")
    with session_scope(engine) as session:
        assert repo.get_athlete_by_telegram_id(session=session, telegram_user_id=10)
        assert repo.get_athlete_by_telegram_id(session=session, telegram_user_id=11) is None


def test_foreign_keys_and_checks_are_enforced_by_the_database(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(CheckIn(athlete_id=424242, day=NOW.date(), status="done"))
        session.flush()
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        athlete = Athlete(telegram_user_id=1, chat_id=1)
        session.add(athlete)
        session.flush()
        session.add(CheckIn(athlete_id=athlete.id, day=NOW.date(), status="great"))
        session.flush()


def test_deleting_an_athlete_cascades_in_the_database(engine: Engine) -> None:
    with session_scope(engine) as session:
        athlete = repo.get_or_create_athlete(session=session, telegram_user_id=7, chat_id=7)
        repo.record_checkin(session=session, athlete_id=athlete.id, day=NOW.date(),
                            status="done")
        athlete_id = athlete.id
    with session_scope(engine) as session:
        session.connection().execute(text("DELETE FROM athlete WHERE id = :id"),
                                     {"id": athlete_id})
    with session_scope(engine) as session:
        assert repo.list_checkins(session=session, athlete_id=athlete_id) == []
