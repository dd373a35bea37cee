"""Rows read earlier in a transaction answer the same question again, until anything is
written: counted statements, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from storage import repository as repo
from storage.models import CheckIn
from storage.repository import OutboxCall
from tests.storage.conftest import NOW, MakeAthlete

TODAY = date(2026, 3, 2)


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = session.get_bind()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_check_ins_read_for_a_fortnight_answer_a_day_in_it(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete_id = make_athlete().id
    repo.record_checkin(session=session, athlete_id=athlete_id, day=TODAY, status="missed",
                        now=NOW)
    session.flush()
    repo.list_checkins(session=session, athlete_id=athlete_id, since=TODAY - timedelta(days=14))
    with counted(session) as statements:
        today = repo.get_checkin(session=session, athlete_id=athlete_id, day=TODAY)
        yesterday = repo.get_checkin(session=session, athlete_id=athlete_id,
                                     day=TODAY - timedelta(days=1))
    assert statements == []
    assert today is not None and today.status == "missed" and yesterday is None
    # A day before the rows read is a query.
    with counted(session) as statements:
        repo.get_checkin(session=session, athlete_id=athlete_id, day=TODAY - timedelta(days=20))
    assert len(statements) == 1


def test_a_write_makes_the_next_read_a_query(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete_id = make_athlete().id
    repo.list_checkins(session=session, athlete_id=athlete_id, since=TODAY - timedelta(days=14))
    repo.record_checkin(session=session, athlete_id=athlete_id, day=TODAY, status="done",
                        now=NOW)
    with counted(session) as statements:
        found = repo.get_checkin(session=session, athlete_id=athlete_id, day=TODAY)
    assert found is not None and found.status == "done" and len(statements) == 1


def test_a_pending_object_is_found_by_the_query_it_is_flushed_for(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete_id = make_athlete().id
    assert athlete_id is not None
    repo.list_checkins(session=session, athlete_id=athlete_id, since=TODAY - timedelta(days=14))
    session.add(CheckIn(athlete_id=athlete_id, day=TODAY, status="pending",
                        created_at=NOW, updated_at=NOW))
    found = repo.get_checkin(session=session, athlete_id=athlete_id, day=TODAY)
    assert found is not None and found.status == "pending"


def test_a_rolled_back_savepoint_forgets_what_was_read_in_it(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete_id = make_athlete().id
    savepoint = session.begin_nested()
    repo.record_checkin(session=session, athlete_id=athlete_id, day=TODAY, status="pain",
                        now=NOW)
    repo.list_checkins(session=session, athlete_id=athlete_id, since=TODAY - timedelta(days=14))
    savepoint.rollback()
    assert repo.get_checkin(session=session, athlete_id=athlete_id, day=TODAY) is None


def test_the_latest_substitution_is_read_once(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete_id = make_athlete().id
    assert athlete_id is not None
    first = repo.list_substitutions(session=session, athlete_id=athlete_id, limit=1)
    with counted(session) as statements:
        again = repo.list_substitutions(session=session, athlete_id=athlete_id, limit=1)
        more = repo.list_substitutions(session=session, athlete_id=athlete_id, limit=5)
    assert first == again == more == [] and statements == []  # none at all: none at any limit
    repo.record_substitution(session=session, athlete_id=athlete_id,
                             missed={"day": TODAY.isoformat(), "kind": "easy", "minutes": 30},
                             reason="no time", options=[], now=NOW)
    with counted(session) as statements:
        [latest] = repo.list_substitutions(session=session, athlete_id=athlete_id, limit=1)
    assert len(statements) == 1 and latest.reason == "no time"


def test_outbox_rows_are_marked_sent_in_one_statement(
    session: Session, make_athlete: MakeAthlete
) -> None:
    calls = [OutboxCall(method="sendMessage", chat_id=7, payload=f'{{"n": {n}}}')
             for n in range(3)]
    with counted(session) as statements:
        ids = repo.add_outbox_replies(session=session, update_id=1, calls=calls, worker="w",
                                      lease=timedelta(seconds=30), now=NOW)
        marked = repo.mark_outbox_sent_many(session=session, outbox_ids=ids[:2], worker="w",
                                            now=NOW)
        not_ours = repo.mark_outbox_sent_many(session=session, outbox_ids=ids[2:],
                                              worker="other", now=NOW)
    assert ids == sorted(ids) and len(set(ids)) == 3
    rows = {row.id: row for row in repo.list_outbox(session=session)}
    assert [rows[i].payload for i in ids] == ["", "", '{"n": 2}']
    assert marked == set(ids[:2]) and not_ours == set()
    # Marking: one statement for any number of rows (writing: one a row, so the ids come
    # back in call order on both databases).
    assert sum(statement.startswith("UPDATE") for statement in statements) == 2
