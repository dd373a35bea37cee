"""Who the athlete behind an update is: found, or created only when they start anew.

The rule (``identify(..., create=...)``):

- ``/start`` creates an athlete;
- a free-text message, ``/ask`` and ``/swap`` count as starting anew: they ask the coach
  something and may create a row (check-ins stay off until the athlete asks for them);
- everything that only shows or changes settings or state (``/profile``, ``/plan``,
  ``/history``, ``/settings``, ``/export``, ``/forget``, ``/checkin ...``, ``/cleared``,
  ``/week``, ``/coach``, button presses, run files) never creates one: an unknown person
  is told to send /start and nothing is stored.

So after ``/forget`` nothing about a person remains, and a later ``/profile`` or
``/checkin off`` does not bring a row back (with check-ins on, the bot would write the
next morning to someone who asked to be forgotten).
"""

from __future__ import annotations

from sqlmodel import Session

from storage import repository
from storage.models import Athlete
from usecases.ports import UnitOfWork

# ``Reply.extra`` key naming the athlete whose check-in schedule changed, for the bot
# layer that rebuilds their wake-up job when ``Reply.schedule_changed`` is set.
ATHLETE_ID_KEY = "athlete_id"


def find_athlete_id(session: Session, *, telegram_user_id: int) -> int | None:
    """The stored athlete's id for this Telegram user, or None (in ``session``)."""
    athlete = repository.get_athlete_by_telegram_id(
        session=session, telegram_user_id=telegram_user_id
    )
    return None if athlete is None else athlete.id


def find(uow: UnitOfWork, *, telegram_user_id: int) -> int | None:
    """The athlete's id if they are known, else None; never creates anyone."""
    with uow.transaction() as session:
        return find_athlete_id(session, telegram_user_id=telegram_user_id)


def enrol(
    session: Session, *, telegram_user_id: int, chat_id: int, name: str | None, timezone: str
) -> Athlete:
    """The athlete for a ``/start``: created if new (check-ins off until they ask),
    following a changed private chat id."""
    return repository.get_or_create_athlete(
        session=session,
        telegram_user_id=telegram_user_id,
        chat_id=chat_id,
        name=name,
        timezone=timezone,
    )


def identify(
    uow: UnitOfWork, *, telegram_user_id: int, chat_id: int, name: str | None, create: bool
) -> int | None:
    """Who the athlete is for an update: their id, created only when ``create`` (a new
    start); None when unknown and not created."""
    with uow.transaction() as session:
        known = find_athlete_id(session, telegram_user_id=telegram_user_id)
        if known is not None or not create:
            return known
        athlete = enrol(
            session, telegram_user_id=telegram_user_id, chat_id=chat_id, name=name,
            timezone=uow.settings.default_timezone,
        )
        return athlete.id


def language_of(uow: UnitOfWork, *, athlete_id: int) -> str:
    """The language the athlete is spoken to in."""
    with uow.transaction() as session:
        athlete = repository.get_athlete(session=session, athlete_id=athlete_id)
        return athlete.language if athlete is not None else "en"
