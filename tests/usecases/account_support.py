"""A unit of work over a real, migrated SQLite file, with a clock the test sets, and the
one walk through onboarding to the step a test starts from."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
from tests.migrated import migrate
from usecases import onboarding
from usecases.ports import UnitOfWork

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
    migrate(database)
    try:
        yield SqliteUnitOfWork(settings=settings.model_copy(update={"coach_ids": [9000]}),
                               database=database)
    finally:
        database.close()


def athlete_of(uow: UnitOfWork, user: int) -> Athlete:
    """The stored athlete of Telegram user ``user``, who must have one."""
    with uow.transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(session=session, telegram_user_id=user)
    assert athlete is not None, f"no athlete for user {user}"
    return athlete


def onboarding_step(uow: UnitOfWork, user: int) -> str | None:
    """The question ``user`` has still to answer, as stored (None: onboarding is over)."""
    return athlete_of(uow, user).onboarding_step


def skip_to(uow: UnitOfWork, step: str, *, user: int, consent: bool | None = None) -> None:
    """Skip the questions before ``step``. With ``consent`` set, the consent question is
    answered yes or no instead (skipping it is a no, and leaves the injuries step out)."""
    while (current := onboarding_step(uow, user)) != step:
        assert current is not None, f"onboarding ended before {step!r} was asked"
        if current == "consent" and consent is not None:
            onboarding.answer(uow, telegram_user_id=user, text="yes" if consent else "no")
        else:
            onboarding.skip(uow, telegram_user_id=user)


def walk_to(uow: UnitOfWork, step: str, *, user: int, answers: Sequence[str] = (),
            consent: bool | None = None, name: str = "Tg") -> None:
    """``/start`` as ``user`` and walk to the question ``step``: by ``answers`` in order
    (``"/skip"`` skips), which must lead exactly there, or without them by skipping the
    questions before it (see ``skip_to``)."""
    onboarding.start(uow, telegram_user_id=user, chat_id=user, name=name)
    for text in answers:
        if text == "/skip":
            onboarding.skip(uow, telegram_user_id=user)
        else:
            assert onboarding.answer(uow, telegram_user_id=user, text=text) is not None, text
    if answers:
        assert onboarding_step(uow, user) == step, answers
    else:
        skip_to(uow, step, user=user, consent=consent)
