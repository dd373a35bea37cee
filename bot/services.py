"""The services a running bot needs, created once in ``post_init`` and closed at shutdown.

Nothing here imports ``telegram``: the same services back the Telegram bot and the
terminal chat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session

from bot.callback_data import CallbackSigner
from bot.settings import Settings
from coach.answers import Answerer
from storage.db import Database

log = logging.getLogger(__name__)


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    database: Database
    answerer: Answerer
    signer: CallbackSigner
    clock: Callable[[], datetime] = field(default=_utcnow)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed at the end of the block, rolled back on error."""
        with self.database.transaction() as session:
            yield session

    def now(self) -> datetime:
        return self.clock()

    def is_coach(self, telegram_user_id: int) -> bool:
        return telegram_user_id in self.settings.coach_ids

    def close(self) -> None:
        self.answerer.close()
        self.database.close()


def build_services(settings: Settings, *, answerer: Answerer | None = None) -> Services:
    """Open the database (migrated), the knowledge index (refreshed) and the answerer."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.sqlalchemy_url)
    database.migrate()
    if answerer is None:
        from knowledge.service import build_answerer

        answerer = build_answerer(settings)
    signer = CallbackSigner.from_token(settings.telegram_bot_token or "terminal-chat")
    log.info(
        "services ready (database: %s, llm: %s)",
        database.dialect,
        "configured" if settings.llm else "none",
    )
    return Services(settings=settings, database=database, answerer=answerer, signer=signer)
