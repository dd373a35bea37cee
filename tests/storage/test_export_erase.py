"""Export holds every row about one athlete and nobody else's; erase leaves none."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import Session, SQLModel

from storage import repository as repo
from storage.db import session_scope
from storage.models import ATHLETE_OWNED_TABLES, Athlete
from tests.storage.conftest import NOW, MakeAthlete

CANARY = "canary-7f3a"


def fill(session: Session, athlete: Athlete, marker: str) -> None:
    """One or more rows in every table for this athlete, each carrying ``marker``."""
    assert athlete.id is not None
    repo.update_profile(session=session, athlete_id=athlete.id, injuries=[marker],
                        goal_event=f"race {marker}", likes=[marker])
    repo.set_weekly_plan(session=session, athlete_id=athlete.id,
                         sessions=[{"weekday": 0, "kind": "easy", "minutes": 40},
                                   {"weekday": 6, "kind": "long", "minutes": 100}])
    checkin = repo.record_checkin(session=session, athlete_id=athlete.id,
                                  day=date(2026, 3, 2), status="missed", reason=marker)
    repo.record_checkin(session=session, athlete_id=athlete.id, day=date(2026, 3, 3),
                        status="pain", pain=4, note=marker)
    repo.record_substitution(session=session, athlete_id=athlete.id,
                             missed={"kind": "easy", "minutes": 40}, reason=marker,
                             options=[{"activity": "swimming", "why": marker}],
                             checkin_id=checkin.id)
    repo.add_turn(session=session, athlete_id=athlete.id, role="athlete", text=marker)
    repo.add_turn(session=session, athlete_id=athlete.id, role="bot", text=f"re {marker}")
    repo.plan_checkin_dispatches(session=session, now=NOW)
    repo.log_activity(session=session, athlete_id=athlete.id, day=date(2026, 3, 2),
                      started_at=NOW, sport="running", duration_s=2700, distance_m=8000.0,
                      ascent_m=40.0, avg_hr=150, file_format="fit",
                      content_sha256=marker.ljust(64, "0")[:64])
    repo.set_weekly_summary(session=session, athlete_id=athlete.id, kind="athlete",
                            enabled=True, weekday=6, time="19:00")
    repo.plan_weekly_dispatches(session=session, now=NOW)
    repo.set_plan_changes(session=session, athlete_id=athlete.id,
                          changes=[(date(2026, 3, 5), "long", 90)], now=NOW)


def owned_counts(session: Session, athlete_id: int) -> dict[str, int]:
    counts = {}
    for name, table in SQLModel.metadata.tables.items():
        if "athlete_id" in table.c:
            counts[name] = session.connection().execute(
                select(func.count()).select_from(table).where(table.c.athlete_id == athlete_id)
            ).scalar_one()
    return counts


def test_every_table_with_an_athlete_id_is_covered_by_export_and_erase() -> None:
    with_athlete_id = {name for name, table in SQLModel.metadata.tables.items()
                       if "athlete_id" in table.c}
    covered = {model.__table__.name for model in ATHLETE_OWNED_TABLES.values()}  # type: ignore[attr-defined]
    assert with_athlete_id == covered


def test_export_contains_every_row_of_the_athlete_and_none_of_another(
    session: Session, make_athlete: MakeAthlete
) -> None:
    mine, theirs = make_athlete(consent=True), make_athlete(consent=True)
    fill(session, mine, "mine-marker")
    fill(session, theirs, CANARY)
    exported: dict[str, Any] = json.loads(
        json.dumps(repo.export_athlete(session=session, athlete_id=mine.id, now=NOW))
    )
    assert mine.id is not None
    counts = owned_counts(session, mine.id)
    for key, model in ATHLETE_OWNED_TABLES.items():
        rows = exported[key]
        table_name = model.__table__.name  # type: ignore[attr-defined]
        assert counts[table_name] > 0, f"the fixture left {table_name} empty"
        assert len(rows) == counts[table_name], key
        assert all(row["athlete_id"] == mine.id for row in rows)
    assert exported["athlete"]["id"] == mine.id
    assert exported["athlete"]["injuries"] == ["mine-marker"]
    assert exported["substitutions"][0]["options"] == [{"activity": "swimming",
                                                        "why": "mine-marker"}]
    assert CANARY not in json.dumps(exported)


def test_erase_removes_everything_and_leaves_the_other_athlete(
    engine: Engine, session: Session, make_athlete: MakeAthlete
) -> None:
    leaving, staying = make_athlete(consent=True), make_athlete(consent=True)
    fill(session, leaving, "leaving")
    fill(session, staying, "staying")
    assert leaving.id is not None and staying.id is not None
    before_staying = owned_counts(session, staying.id)
    repo.mark_update_processed(session=session, update_id=1)
    session.commit()

    with session_scope(engine) as tx:
        counts = repo.erase_athlete(session=tx, athlete_id=leaving.id)
    assert counts["athlete"] == 1 and counts["checkins"] == 2

    with session_scope(engine) as tx:
        assert set(owned_counts(tx, leaving.id).values()) == {0}
        assert repo.get_athlete(session=tx, athlete_id=leaving.id) is None
        assert repo.get_athlete_by_telegram_id(
            session=tx, telegram_user_id=leaving.telegram_user_id) is None
        everything = json.dumps(repo.export_athlete(session=tx, athlete_id=staying.id))
        assert "leaving" not in everything
        assert owned_counts(tx, staying.id) == before_staying
        # Erasing again is harmless.
        assert set(repo.erase_athlete(session=tx, athlete_id=leaving.id).values()) == {0}
        # They can come back as a new athlete, with nothing of the old one.
        back = repo.get_or_create_athlete(session=tx, telegram_user_id=leaving.telegram_user_id,
                                          chat_id=leaving.chat_id)
        assert back.injuries == [] and back.onboarded is False
        assert repo.list_checkins(session=tx, athlete_id=back.id,
                                  since=date(2026, 3, 1) - timedelta(1)) == []


def test_ids_of_an_erased_athlete_are_never_handed_out_again(session: Session) -> None:
    # Old buttons carry ids; after /forget they must not reach someone else's rows.
    first = repo.get_or_create_athlete(session=session, telegram_user_id=1, chat_id=1)
    offered = repo.record_substitution(session=session, athlete_id=first.id, missed="easy",
                                       reason=None, options=[{"activity": "swimming"}])
    repo.erase_athlete(session=session, athlete_id=first.id)
    second = repo.get_or_create_athlete(session=session, telegram_user_id=2, chat_id=2)
    again = repo.record_substitution(session=session, athlete_id=second.id, missed="easy",
                                     reason=None, options=[{"activity": "swimming"}])
    assert second.id != first.id and again.id != offered.id
