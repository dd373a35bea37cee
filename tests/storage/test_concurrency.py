"""Unique keys hold when threads, each with its own session, race to write the same row."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from storage import repository as repo
from storage.db import session_scope
from storage.models import Athlete, CheckIn, ConversationTurn, ProcessedUpdate
from tests.storage.conftest import NOW

WRITERS = 8
T = TypeVar("T")


def race(engine: Engine, work: Callable[[Session, int], T], writers: int = WRITERS) -> list[T]:
    """Run ``work`` in ``writers`` threads released together, each in its own transaction."""
    start = threading.Barrier(writers)
    results: list[T] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(number: int) -> None:
        try:
            start.wait(timeout=30)
            with session_scope(engine) as session:
                result = work(session, number)
            with lock:
                results.append(result)
        except BaseException as error:
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60  # one deadline for all: a hang fails in a minute
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not any(thread.is_alive() for thread in threads), "writers blocked each other"
    assert errors == [], errors
    assert len(results) == writers
    return results


def count(engine: Engine, model: type, *conditions: object) -> int:
    with engine.connect() as connection:
        query = select(func.count()).select_from(model.__table__)  # type: ignore[attr-defined]
        for condition in conditions:
            query = query.where(condition)  # type: ignore[arg-type]
        return int(connection.execute(query).scalar_one())


def new_athlete(engine: Engine, telegram_user_id: int = 77) -> int:
    with session_scope(engine) as session:
        athlete = repo.get_or_create_athlete(session=session, telegram_user_id=telegram_user_id,
                                             chat_id=telegram_user_id)
        repo.update_profile(session=session, athlete_id=athlete.id, onboarded=True,
                                checkin_enabled=True)
        assert athlete.id is not None
        return athlete.id


def test_racing_first_contacts_create_one_athlete(engine: Engine) -> None:
    ids = race(engine, lambda session, n: repo.get_or_create_athlete(
        session=session, telegram_user_id=123, chat_id=123).id)
    assert len(set(ids)) == 1
    assert count(engine, Athlete) == 1


def test_racing_checkins_for_one_day_leave_exactly_one_row(engine: Engine) -> None:
    athlete_id = new_athlete(engine)
    day = date(2026, 3, 2)
    statuses = ["done", "missed", "swapped", "pending"]
    race(engine, lambda session, n: repo.record_checkin(
        session=session, athlete_id=athlete_id, day=day, status=statuses[n % 4],
        rpe=n + 1).id)
    assert count(engine, CheckIn) == 1
    with session_scope(engine) as session:
        row = repo.get_checkin(session=session, athlete_id=athlete_id, day=day)
        assert row is not None and row.status in statuses


def test_racing_duplicates_of_one_update_apply_it_once(engine: Engine) -> None:
    athlete_id = new_athlete(engine)

    def handle(session: Session, n: int) -> bool:
        if not repo.mark_update_processed(session=session, update_id=555):
            return False
        repo.add_turn(session=session, athlete_id=athlete_id, role="athlete", text=f"copy {n}")
        return True

    outcomes = race(engine, handle)
    assert Counter(outcomes) == {True: 1, False: WRITERS - 1}
    assert count(engine, ProcessedUpdate) == 1
    assert count(engine, ConversationTurn) == 1


def test_many_updates_replayed_twice_concurrently_leave_no_duplicates(engine: Engine) -> None:
    athlete_id = new_athlete(engine)
    update_ids = list(range(1000, 1100))

    def per_update(session: Session, n: int) -> int:
        # One transaction per update, as the bot does; half the writers walk the ids
        # backwards so they collide in the middle.
        session.close()
        applied = 0
        for update_id in (update_ids if n % 2 == 0 else list(reversed(update_ids))):
            with session_scope(engine) as tx:
                if repo.mark_update_processed(session=tx, update_id=update_id):
                    repo.add_turn(session=tx, athlete_id=athlete_id, role="athlete",
                                  text=str(update_id), keep=1000)
                    applied += 1
        return applied

    applied = race(engine, per_update, writers=4)
    assert sum(applied) == len(update_ids)
    assert count(engine, ProcessedUpdate) == len(update_ids)
    assert count(engine, ConversationTurn) == len(update_ids)


def test_workers_claiming_dispatches_never_share_one(engine: Engine) -> None:
    with session_scope(engine) as session:
        for number in range(40):
            athlete = repo.get_or_create_athlete(session=session,
                                                 telegram_user_id=10_000 + number,
                                                 chat_id=10_000 + number)
            repo.update_profile(session=session, athlete_id=athlete.id, onboarded=True,
                                checkin_enabled=True)
        assert repo.plan_checkin_dispatches(session=session, now=NOW, days_ahead=0) == 40
    due_time = NOW + timedelta(hours=2)

    def drain(session: Session, n: int) -> list[int]:
        session.close()
        taken: list[int] = []
        while True:
            with session_scope(engine) as tx:
                batch = repo.claim_due_dispatches(session=tx, now=due_time, worker=f"w{n}",
                                                limit=3)
                ids = [dispatch.id for dispatch in batch if dispatch.id is not None]
            if not ids:
                return taken
            for dispatch_id in ids:
                with session_scope(engine) as tx:
                    assert repo.mark_dispatch_sent(session=tx, dispatch_id=dispatch_id,
                                                  worker=f"w{n}", now=due_time)
            taken.extend(ids)

    claims = race(engine, drain, writers=4)
    every_claim = [dispatch_id for worker in claims for dispatch_id in worker]
    assert len(every_claim) == 40 and len(set(every_claim)) == 40
    with session_scope(engine) as session:
        assert len(repo.list_dispatches(session=session, status="sent")) == 40


def test_racing_plan_edits_leave_one_whole_plan(engine: Engine) -> None:
    athlete_id = new_athlete(engine)

    def edit(session: Session, n: int) -> int:
        plan = [{"weekday": day, "kind": "easy", "minutes": 30 + n} for day in range(7)]
        return len(repo.set_weekly_plan(session=session, athlete_id=athlete_id, sessions=plan))

    race(engine, edit, writers=4)
    with session_scope(engine) as session:
        plan = repo.get_weekly_plan(session=session, athlete_id=athlete_id)
    assert len(plan) == 7 and len({row.minutes for row in plan}) == 1  # one writer's plan
