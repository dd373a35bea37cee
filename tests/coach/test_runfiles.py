"""Reading activity files: real FIT, GPX and TCX files built by the formats' own writers."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from coach.runfiles import (
    MAX_FILE_BYTES,
    RunFileError,
    content_digest,
    detect_format,
    normalise_sport,
    parse_run_file,
)
from tests.coach.runfile_builders import (
    START,
    corrupted,
    fit_activity,
    gpx_activity,
    tcx_activity,
)


def test_a_fit_run_gives_sport_start_duration_distance_climb_and_heart_rate() -> None:
    summary = parse_run_file(fit_activity(minutes=45, heart_rate=151), "Morning_Run.fit")
    assert summary.sport == "running" and summary.is_running
    assert summary.start == START
    assert summary.minutes == 45
    assert summary.distance_m == pytest.approx(45 * 60 * 3.0)
    assert summary.ascent_m is not None and summary.ascent_m > 0
    assert summary.avg_hr == 151
    assert summary.file_format == "fit"


def test_a_fit_file_without_a_session_message_is_summed_from_its_records() -> None:
    summary = parse_run_file(fit_activity(minutes=30, sport="cycling", with_session=False),
                             "ride.fit")
    assert summary.sport == "cycling" and not summary.is_running
    assert summary.minutes == 30
    assert summary.distance_m == pytest.approx(30 * 60 * 3.0)
    assert summary.avg_hr == 145


def test_a_fit_file_on_fitness_equipment_takes_its_sub_sport() -> None:
    data = fit_activity(sport="fitness_equipment", sub_sport="elliptical", heart_rate=None)
    summary = parse_run_file(data, "gym.fit")
    assert summary.sport == "elliptical"
    assert summary.avg_hr is None


def test_a_gpx_track_gives_its_type_time_distance_climb_and_heart_rate() -> None:
    summary = parse_run_file(gpx_activity(minutes=50, heart_rate=150), "run.gpx")
    assert summary.sport == "running"
    assert summary.minutes == 50
    assert summary.distance_m == pytest.approx(9000, rel=0.01)
    assert summary.ascent_m == pytest.approx(20, abs=1)
    assert summary.avg_hr == 150


def test_a_tcx_cycling_activity() -> None:
    summary = parse_run_file(tcx_activity(minutes=40, sport="Biking"), "ride.tcx")
    assert summary.sport == "cycling"
    assert summary.minutes == 40
    assert summary.distance_m == pytest.approx(40 * 60 * 2.8)
    assert summary.avg_hr == 140


def test_a_run_across_midnight_counts_on_its_local_start_day() -> None:
    # 23:30 in New York on 2 March is 04:30 UTC on 3 March.
    start = datetime(2026, 3, 3, 4, 30, tzinfo=UTC)
    summary = parse_run_file(fit_activity(start=start, minutes=60), "late.fit")
    local = summary.local_start(ZoneInfo("America/New_York"))
    assert local.date().isoformat() == "2026-03-02"
    assert summary.start.date().isoformat() == "2026-03-03"


def test_the_format_comes_from_the_name_or_else_the_content() -> None:
    assert detect_format("x.FIT", b"") == "fit"
    assert detect_format(None, fit_activity(minutes=2)) == "fit"
    assert detect_format("export", gpx_activity(minutes=2)) == "gpx"
    assert detect_format(None, tcx_activity(minutes=2)) == "tcx"
    assert detect_format("notes.txt", b"hello") is None


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (corrupted(fit_activity()), "run.fit", "unreadable"),
        (fit_activity()[:300], "run.fit", "unreadable"),
        (b"<gpx><trk>not closed", "run.gpx", "unreadable"),
        (b"\x00\x01garbage", "run.tcx", "unreadable"),
        (b"", "run.fit", "empty"),
        (b"   \n", "run.gpx", "empty"),
        (b"just some notes", "notes.txt", "unknown_format"),
        (b'<?xml version="1.0"?><gpx version="1.1" creator="x"></gpx>', "e.gpx", "no_activity"),
        (fit_activity(minutes=0.5), "tiny.fit", "no_activity"),
    ],
)
def test_broken_empty_foreign_and_useless_files_are_refused(
    data: bytes, name: str, problem: str
) -> None:
    with pytest.raises(RunFileError) as refused:
        parse_run_file(data, name)
    assert refused.value.problem == problem


def test_an_oversized_file_is_refused_without_parsing() -> None:
    with pytest.raises(RunFileError) as refused:
        parse_run_file(b"\x00" * (MAX_FILE_BYTES + 1), "huge.fit")
    assert refused.value.problem == "too_big"


def test_sports_are_normalised() -> None:
    assert normalise_sport("Running") == "running"
    assert normalise_sport("trail_running") == "running"
    assert normalise_sport("9") == "running"
    assert normalise_sport("Biking") == "cycling"
    assert normalise_sport(None, "lap_swimming") == "swimming"
    assert normalise_sport("kite") == "other"


def test_the_digest_tells_files_apart() -> None:
    first, second = fit_activity(minutes=30), fit_activity(minutes=31)
    assert content_digest(first) == content_digest(bytes(first))
    assert content_digest(first) != content_digest(second)
