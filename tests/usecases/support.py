"""Use cases over a real database: services as the bot builds them, a settable clock,
and an answerer that records what it was asked (the article answerer is tested in
tests/knowledge/ and tests/coach/test_answers.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

import pytest

from bot.callback_data import CallbackSigner
from bot.services import Services
from coach.answers import Answer, Answerer
from coach.context import AthleteContext
from coach.offers import choose_offer
from config.settings import Settings
from storage import repository
from storage.db import Database
from tests.migrated import migrate
from usecases import messages, questions
from usecases.replies import Reply
from usecases.snapshot import AthleteSnapshot, PlannedDay

# Thursday 26 November 2026, 09:00 UTC.
THURSDAY = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
# A plan with a different length each day: Mon easy 30, Tue intervals 50, Wed easy 35,
# Thu tempo 45, Fri rest, Sat long 150, Sun recovery 25.
PLAN = [
    {"weekday": 0, "kind": "easy", "minutes": 30},
    {"weekday": 1, "kind": "intervals", "minutes": 50},
    {"weekday": 2, "kind": "easy", "minutes": 35},
    {"weekday": 3, "kind": "tempo", "minutes": 45},
    {"weekday": 4, "kind": "rest", "minutes": 0},
    {"weekday": 5, "kind": "long", "minutes": 150},
    {"weekday": 6, "kind": "recovery", "minutes": 25},
]


@dataclass
class Clock:
    now: datetime = THURSDAY

    def __call__(self) -> datetime:
        return self.now

    def on(self, day: date, hour: int = 9) -> None:
        self.now = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


@dataclass
class RecordingAnswerer:
    """Answers every question as covered, and remembers what it was asked with whom."""

    asked: list[tuple[str, AthleteContext | None]] = field(default_factory=list)
    text: str = "Cycling and swimming keep the engine going.\nSource: Cross-Training > How"

    async def aanswer(self, question: str, *, athlete: AthleteContext | None = None,
                      offer_allowed: bool = False, last_offer_at: datetime | None = None,
                      now: datetime | None = None) -> Answer:
        """The real offer rule (coach/offers.py) decides the offer line."""
        self.asked.append((question, athlete))
        offer = choose_offer(question, athlete, last_offer_at, now or datetime.now(UTC)) \
            if offer_allowed else None
        if offer is None:
            return Answer(text=self.text, covered=True)
        return Answer(text=f"{self.text}\n{offer.line}", covered=True, offer=offer.id)


def make_services(url: str, clock: Clock, answerer: RecordingAnswerer,
                  data_dir: Path) -> Services:
    settings = Settings(_env_file=None, data_dir=data_dir)
    database = Database(url)
    migrate(database)
    return Services(settings=settings, database=database, answerer=cast(Answerer, answerer),
                    signer=CallbackSigner(b"test"), clock=clock)


@dataclass
class World:
    services: Services
    clock: Clock
    answerer: RecordingAnswerer
    url: str
    data_dir: Path

    def athlete(self, *, telegram_id: int = 1, consent: bool = True,
                plan: list[dict[str, Any]] | None = PLAN, **profile: Any) -> int:
        """An onboarded athlete with ``plan`` (None: no plan); returns the id."""
        with self.services.transaction() as session:
            athlete = repository.get_or_create_athlete(
                session=session, telegram_user_id=telegram_id, chat_id=telegram_id,
                name="Ana")
            assert athlete.id is not None
            repository.set_health_consent(session=session, athlete_id=athlete.id,
                                          consent=consent)
            fields = {"onboarded": True, "equipment": ["pool", "bike", "gym"], **profile}
            repository.update_profile(session=session, athlete_id=athlete.id, **fields)
            if plan:
                repository.set_weekly_plan(session=session, athlete_id=athlete.id,
                                           sessions=plan)
            return athlete.id

    def restarted(self) -> World:
        """The same database opened afresh, as after a restart."""
        self.services.database.close()
        services = make_services(self.url, self.clock, self.answerer, self.data_dir)
        return World(services, self.clock, self.answerer, self.url, self.data_dir)


@pytest.fixture
def world(isolated_environment: Path) -> Iterator[World]:
    clock, answerer = Clock(), RecordingAnswerer()
    url = f"sqlite:///{isolated_environment / 'usecases.db'}"
    services = make_services(url, clock, answerer, isolated_environment)
    made = World(services, clock, answerer, url, isolated_environment)
    yield made
    made.services.database.close()


def actions(reply: Reply) -> list[str]:
    return [button.action for row in reply.buttons for button in row]


def labels(reply: Reply) -> list[str]:
    return [button.label for row in reply.buttons for button in row]


def say(w: World, athlete_id: int, text: str) -> Reply:
    """A free-text message from the athlete, answered as the bot answers it."""
    return asyncio.run(messages.handle_text(ports=w.services, athlete_id=athlete_id,
                                            text=text))


def ask(w: World, athlete_id: int, text: str) -> Reply:
    """/ask QUESTION from the athlete, answered as the bot answers it."""
    return asyncio.run(questions.answer_question(ports=w.services, athlete_id=athlete_id,
                                                 text=text))


def plan_snapshot(plan: dict[int, PlannedDay], today: date) -> AthleteSnapshot:
    """An onboarded athlete with consent and ``plan``, at 09:00 UTC on ``today``: for
    readings of a message against a plan, with no database."""
    return AthleteSnapshot(
        athlete_id=1, telegram_user_id=1, chat_id=1, name="Ana", timezone="UTC",
        language="en", now=datetime(today.year, today.month, today.day, 9, tzinfo=UTC),
        today=today, health_consent=True, onboarded=True, onboarding_step=None,
        checkins_enabled=False, checkin_time="07:30", paused=False, goal=None,
        race_date=None, race_date_approximate=False, plan=plan, injuries=(),
        limitations=None, equipment=(), likes=(),
        dislikes=(), recent=(), hold=None, last_offer_at=None)
