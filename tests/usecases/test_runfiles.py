"""Logging a run file: its day, the check-in it closes, the plan it is compared with."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import scheduled_outbox as dispatch
from config.settings import Settings
from storage import repository
from tests.coach.runfile_builders import (
    START,
    corrupted,
    fit_activity,
    gpx_activity,
    tcx_activity,
)
from tests.usecases.week_support import MONDAY, SqliteUnitOfWork, add_athlete
from usecases.runfiles import log_run_file, refuse_before_download


@pytest.fixture
def uow(settings: Settings, tmp_path: Path) -> Iterator[SqliteUnitOfWork]:
    unit = SqliteUnitOfWork(settings, tmp_path / "week.db")
    yield unit
    unit.close()


def test_a_run_is_logged_on_its_day_closes_the_checkin_and_is_compared_with_the_plan(
    uow: SqliteUnitOfWork,
) -> None:
    anna = add_athlete(uow, telegram_id=1)
    reply = log_run_file(uow, athlete_id=anna, filename="run.fit",
                         data=fit_activity(minutes=45))
    assert "45 of 50 planned minutes" in reply.text
    assert "Mon 2 Mar" in reply.text
    with uow.transaction() as session:
        [logged] = repository.list_logged_activities(session=session, athlete_id=anna)
        checkin = repository.get_checkin(session=session, athlete_id=anna, day=MONDAY)
        athlete = repository.require_athlete(session=session, athlete_id=anna)
        # The dispatcher sends no prompt for a day that has a check-in.
        assert dispatch.checkin_text(session, athlete, MONDAY) is None
    assert logged.day == MONDAY and logged.sport == "running" and logged.duration_s == 2700
    assert logged.avg_hr == 145
    assert checkin is not None and checkin.status == "done"


def test_the_same_file_twice_is_logged_once(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    data = gpx_activity(minutes=50)
    log_run_file(uow, athlete_id=anna, filename="run.gpx", data=data)
    again = log_run_file(uow, athlete_id=anna, filename="copy.gpx", data=data)
    assert "already have that file" in again.text
    with uow.transaction() as session:
        assert len(repository.list_logged_activities(session=session, athlete_id=anna)) == 1


def test_another_athlete_may_send_the_same_file(uow: SqliteUnitOfWork) -> None:
    anna, ben = add_athlete(uow, telegram_id=1), add_athlete(uow, telegram_id=2, name="Ben")
    data = tcx_activity()
    log_run_file(uow, athlete_id=anna, filename="run.tcx", data=data)
    reply = log_run_file(uow, athlete_id=ben, filename="run.tcx", data=data)
    assert "Logged your running" in reply.text
    with uow.transaction() as session:
        assert len(repository.list_logged_activities(session=session, athlete_id=ben)) == 1


def test_a_ride_on_a_run_day_closes_it_as_swapped(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    wednesday = START.replace(day=4)
    reply = log_run_file(uow, athlete_id=anna, filename="ride.tcx",
                         data=tcx_activity(start=wednesday, sport="Biking", minutes=60))
    assert "swap for your 45-minute tempo" in reply.text
    with uow.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=anna, day=wednesday.date())
    assert checkin is not None and checkin.status == "swapped"


def test_a_late_run_in_new_york_counts_on_the_local_day(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1, timezone="America/New_York")
    late = datetime(2026, 3, 3, 4, 30, tzinfo=UTC)  # Monday 23:30 in New York
    reply = log_run_file(uow, athlete_id=anna, filename="late.fit",
                         data=fit_activity(start=late, minutes=40))
    assert "Mon 2 Mar" in reply.text and "40 of 50" in reply.text
    with uow.transaction() as session:
        [logged] = repository.list_logged_activities(session=session, athlete_id=anna)
    assert logged.day == MONDAY


def test_without_consent_no_heart_rate_is_kept(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1, consent=False)
    reply = log_run_file(uow, athlete_id=anna, filename="run.fit", data=fit_activity())
    assert "HR" not in reply.text
    with uow.transaction() as session:
        [logged] = repository.list_logged_activities(session=session, athlete_id=anna)
    assert logged.avg_hr is None


def test_a_pain_report_for_the_day_is_kept(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    with uow.transaction() as session:
        repository.record_checkin(session=session, athlete_id=anna, day=MONDAY, status="pain",
                                  pain=5)
    reply = log_run_file(uow, athlete_id=anna, filename="run.fit", data=fit_activity())
    assert "pain report" in reply.text
    with uow.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=anna, day=MONDAY)
    assert checkin is not None and checkin.status == "pain" and checkin.pain == 5


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("run.fit", corrupted(fit_activity()), "couldn't read that .fit file"),
        ("run.gpx", b"", "is empty"),
        ("notes.txt", b"hello", ".fit, .gpx or .tcx"),
    ],
)
def test_a_bad_file_gets_a_clear_line_and_changes_nothing(
    uow: SqliteUnitOfWork, name: str, data: bytes, expected: str
) -> None:
    anna = add_athlete(uow, telegram_id=1)
    reply = log_run_file(uow, athlete_id=anna, filename=name, data=data)
    assert expected in reply.text
    with uow.transaction() as session:
        assert repository.list_logged_activities(session=session, athlete_id=anna) == []
        assert repository.list_checkins(session=session, athlete_id=anna) == []


def test_oversized_and_foreign_files_are_refused_before_download() -> None:
    assert refuse_before_download(filename="big.fit", size=21 * 1024 * 1024) is not None
    assert refuse_before_download(filename="photo.jpg", size=1000) is not None
    assert refuse_before_download(filename="run.fit", size=1000) is None
    assert refuse_before_download(filename=None, size=None) is None


def test_export_includes_the_sessions_and_erase_removes_them(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    log_run_file(uow, athlete_id=anna, filename="run.fit", data=fit_activity())
    with uow.transaction() as session:
        exported = repository.export_athlete(session=session, athlete_id=anna)
        assert [row["sport"] for row in exported["logged_activities"]] == ["running"]
        counts = repository.erase_athlete(session=session, athlete_id=anna)
    assert counts["logged_activities"] == 1
    with uow.transaction() as session:
        assert repository.list_logged_activities(session=session, athlete_id=anna) == []
