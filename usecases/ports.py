"""What a use case needs from the outside world, as protocols.

``bot.services.Services`` provides all of it for the bot and the terminal chat; tests may
pass any object with the same members (for example services over an in-memory SQLite).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from sqlmodel import Session

from coach.answers import Answerer
from config.settings import Settings


class UnitOfWork(Protocol):
    """Transactions and the clock.

    ``transaction()`` commits at the end of the block and rolls back on error; inside an
    update it joins the update's own transaction, so everything one update writes commits
    or rolls back together. Never await inside the block.
    """

    settings: Settings

    def transaction(self) -> AbstractContextManager[Session]: ...

    def now(self) -> datetime: ...


class Ports(UnitOfWork, Protocol):
    """A unit of work plus the answerer for questions."""

    answerer: Answerer
