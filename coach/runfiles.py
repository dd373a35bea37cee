"""Read a recorded activity (.fit, .gpx, .tcx) into one plain summary. No Telegram here.

Parsers are the formats' well-kept libraries, all under OSI licences: ``fitdecode`` (MIT),
``gpxpy`` and ``tcxreader``. Only the summary is kept: sport, start (UTC), duration,
distance, elevation gain and average heart rate where the file has them. Anything we
cannot read raises :class:`RunFileError` with a ``problem`` the caller turns into a
sentence; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Final, Literal

log = logging.getLogger(__name__)

MAX_FILE_BYTES: Final = 20 * 1024 * 1024  # what a bot may download through the Bot API
FORMATS: Final = ("fit", "gpx", "tcx")
# A recorded session shorter than this is a mistake (a watch started by accident).
MIN_SECONDS: Final = 60
MAX_SECONDS: Final = 48 * 3600

Problem = Literal["too_big", "empty", "unknown_format", "unreadable", "no_activity"]

# Sports as the formats name them (FIT sport/sub-sport, GPX track type, TCX Sport), mapped
# to one word we use everywhere. Running is what a run check-in closes as done.
RUNNING: Final = "running"
_SPORTS: Final[dict[str, str]] = {
    "running": RUNNING, "run": RUNNING, "trail_running": RUNNING, "trail": RUNNING,
    "treadmill": RUNNING, "track": RUNNING, "street": RUNNING, "indoor_running": RUNNING,
    "virtual_run": RUNNING, "ultra": RUNNING,
    "cycling": "cycling", "biking": "cycling", "bike": "cycling", "ride": "cycling",
    "road": "cycling", "mountain": "cycling", "indoor_cycling": "cycling",
    "virtual_ride": "cycling", "e_biking": "cycling", "gravel_cycling": "cycling",
    "swimming": "swimming", "swim": "swimming", "lap_swimming": "swimming",
    "open_water": "swimming",
    "walking": "walking", "walk": "walking", "hiking": "hiking", "hike": "hiking",
    "elliptical": "elliptical", "stair_climbing": "stairs", "rowing": "rowing",
    "indoor_rowing": "rowing", "cross_country_skiing": "skiing",
    "strength_training": "strength", "training": "strength",
}
# FIT's generic sports whose sub-sport says more (fitness equipment: elliptical...).
_VAGUE_FIT_SPORTS: Final = frozenset({"generic", "fitness_equipment", "training", "other"})
# Strava's numeric GPX track types.
_STRAVA_TYPES: Final = {"1": "cycling", "9": RUNNING, "10": "walking", "4": "hiking"}


class RunFileError(ValueError):
    """A file we cannot use; ``problem`` says why (no personal data in the message)."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(f"{problem}: {detail}" if detail else problem)
        self.problem: Problem = problem


@dataclass(frozen=True, slots=True)
class ActivitySummary:
    """One recorded session, as read from its file."""

    sport: str  # "running", "cycling", "swimming", ... or "other"
    start: datetime  # timezone-aware, UTC
    duration_s: float  # moving (timer) time where the file has it, else elapsed
    distance_m: float | None
    ascent_m: float | None
    avg_hr: int | None
    file_format: str  # fit, gpx or tcx

    @property
    def minutes(self) -> int:
        return max(1, round(self.duration_s / 60))

    @property
    def is_running(self) -> bool:
        return self.sport == RUNNING

    def local_start(self, zone: tzinfo) -> datetime:
        """The start in the athlete's timezone (its date is the day the session counts on)."""
        return self.start.astimezone(zone)


def content_digest(data: bytes) -> str:
    """The sha256 of a file's bytes: the same file sent twice is logged once."""
    return hashlib.sha256(data).hexdigest()


def normalise_sport(*names: str | None) -> str:
    """Our word for a sport named by a file (the first name we know wins), or "other"."""
    for name in names:
        if not name:
            continue
        key = str(name).strip().lower().replace(" ", "_").replace("-", "_")
        if key in _STRAVA_TYPES:
            return _STRAVA_TYPES[key]
        if key in _SPORTS:
            return _SPORTS[key]
        for word, sport in _SPORTS.items():
            if len(word) > 3 and word in key:
                return sport
    return "other"


def detect_format(filename: str | None, data: bytes) -> str | None:
    """``fit``, ``gpx`` or ``tcx`` from the file name, else from the content; or None."""
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if suffix in FORMATS:
        return suffix
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        if b"<trainingcenterdatabase" in head:
            return "tcx"
        if b"<gpx" in head:
            return "gpx"
    return None


def parse_run_file(data: bytes, filename: str | None = None) -> ActivitySummary:
    """The summary of one activity file; :class:`RunFileError` if it can't be used."""
    if len(data) > MAX_FILE_BYTES:
        raise RunFileError("too_big")
    if not data.strip():
        raise RunFileError("empty")
    kind = detect_format(filename, data)
    if kind is None:
        raise RunFileError("unknown_format")
    try:
        if kind == "fit":
            summary = _parse_fit(data)
        elif kind == "gpx":
            summary = _parse_gpx(data)
        else:
            summary = _parse_tcx(data)
    except RunFileError:
        raise
    except Exception as error:  # the parsers raise anything on a broken file
        log.debug("unreadable %s file", kind, exc_info=True)
        raise RunFileError("unreadable", type(error).__name__) from error
    if not MIN_SECONDS <= summary.duration_s <= MAX_SECONDS:
        raise RunFileError("no_activity", "duration out of range")
    return summary


# --- helpers -------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and number >= 0 else None


def _mean_hr(values: Iterable[Any]) -> int | None:
    beats = [v for v in (_number(value) for value in values) if v is not None and 20 < v < 250]
    return round(sum(beats) / len(beats)) if beats else None


def _ascent(altitudes: Iterable[float | None]) -> float | None:
    """Total climb of an altitude trace, ignoring wobbles under a metre."""
    points = [value for value in altitudes if value is not None]
    if len(points) < 2:
        return None
    climb, base = 0.0, points[0]
    for value in points[1:]:
        if value > base + 1.0:
            climb += value - base
            base = value
        elif value < base:
            base = value
    return climb


# --- FIT -----------------------------------------------------------------------------


# Only these fields of these messages are kept; the rest of a file is read and dropped.
_FIT_FIELDS: Final[dict[str, frozenset[str]]] = {
    "session": frozenset({"start_time", "sport", "sub_sport", "total_timer_time",
                          "total_elapsed_time", "total_distance", "total_ascent",
                          "avg_heart_rate"}),
    "record": frozenset({"timestamp", "distance", "altitude", "enhanced_altitude",
                         "heart_rate"}),
    "sport": frozenset({"sport", "sub_sport"}),
}
_FIT_TIMES: Final = frozenset({"timestamp", "start_time"})
# FIT counts seconds from 1989-12-31 UTC; smaller values than this are device-relative.
_FIT_EPOCH: Final = datetime(1989, 12, 31, tzinfo=UTC)
_FIT_MIN_ABSOLUTE: Final = 0x10000000


def _fit_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= _FIT_MIN_ABSOLUTE:
        return _FIT_EPOCH + timedelta(seconds=value)
    return None


def _fit_fields(frame: Any, wanted: frozenset[str]) -> dict[str, Any]:
    return {field.name: _fit_time(field.value) if field.name in _FIT_TIMES else field.value
            for field in frame.fields if field.name in wanted}


def _parse_fit(data: bytes) -> ActivitySummary:
    import fitdecode

    if len(data) < 12 or data[8:12] != b".FIT":
        raise RunFileError("unreadable", "not a FIT file")
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in _FIT_FIELDS}
    # The reader checks every CRC and raises on a broken or cut file (parse_run_file turns
    # that into "unreadable"). No data processor: it would convert every field of every
    # record (a fifth of the time); the two time fields we keep are converted here.
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED,
                             processor=None, keep_raw_chunks=False) as reader:
        for frame in reader:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            wanted = _FIT_FIELDS.get(frame.name)
            if wanted is not None:
                found[frame.name].append(_fit_fields(frame, wanted))
    sessions, records = found["session"], found["record"]
    if sessions:
        return _fit_from_sessions(sessions, records)
    if records:
        return _fit_from_records(records, found["sport"])
    raise RunFileError("no_activity", "no session and no records")


def _fit_from_sessions(
    sessions: list[dict[str, Any]], records: list[dict[str, Any]]
) -> ActivitySummary:
    # A multisport file holds several sessions; the longest one names the sport.
    main = max(sessions, key=lambda s: _number(s.get("total_timer_time")) or 0.0)
    starts = [s["start_time"] for s in sessions if isinstance(s.get("start_time"), datetime)]
    if not starts:
        stamps = [r["timestamp"] for r in records if isinstance(r.get("timestamp"), datetime)]
        if not stamps:
            raise RunFileError("no_activity", "no start time")
        starts = [min(stamps)]
    duration = sum(
        (_number(s.get("total_timer_time")) or _number(s.get("total_elapsed_time")) or 0.0)
        for s in sessions
    )
    distances = [_number(s.get("total_distance")) for s in sessions]
    ascents = [_number(s.get("total_ascent")) for s in sessions]
    hr = _number(main.get("avg_heart_rate"))
    sub, sport = main.get("sub_sport"), main.get("sport")
    names = (sub, sport) if str(sport) in _VAGUE_FIT_SPORTS else (sport, sub)
    return ActivitySummary(
        sport=normalise_sport(*(str(name) for name in names if name is not None)),
        start=_utc(min(starts)),
        duration_s=duration,
        distance_m=sum(d for d in distances if d is not None) if any(distances) else None,
        ascent_m=sum(a for a in ascents if a is not None) if any(ascents) else None,
        avg_hr=round(hr) if hr else _mean_hr(r.get("heart_rate") for r in records),
        file_format="fit",
    )


def _fit_from_records(
    records: list[dict[str, Any]], sports: list[dict[str, Any]]
) -> ActivitySummary:
    stamps = [r["timestamp"] for r in records if isinstance(r.get("timestamp"), datetime)]
    if len(stamps) < 2:
        raise RunFileError("no_activity", "too few records")
    distances = [d for d in (_number(r.get("distance")) for r in records) if d is not None]
    altitude = [_number(r.get("enhanced_altitude", r.get("altitude"))) for r in records]
    sport = sports[0] if sports else {}
    return ActivitySummary(
        sport=normalise_sport(str(sport.get("sport", "")), str(sport.get("sub_sport", ""))),
        start=_utc(min(stamps)),
        duration_s=(max(stamps) - min(stamps)).total_seconds(),
        distance_m=max(distances) if distances else None,
        ascent_m=_ascent(altitude),
        avg_hr=_mean_hr(r.get("heart_rate") for r in records),
        file_format="fit",
    )


# --- GPX -----------------------------------------------------------------------------


def _gpx_hr(extensions: list[Any]) -> int | None:
    for element in extensions:
        for node in element.iter():
            if isinstance(node.tag, str) and node.tag.rsplit("}", 1)[-1].lower() in ("hr",
                                                                                    "heartrate"):
                try:
                    return int(float(node.text or ""))
                except ValueError:
                    return None
    return None


def _parse_gpx(data: bytes) -> ActivitySummary:
    import gpxpy

    gpx = gpxpy.parse(data.decode("utf-8-sig"))
    points = [point for track in gpx.tracks for segment in track.segments
              for point in segment.points]
    times = [point.time for point in points if point.time is not None]
    if len(times) < 2:
        raise RunFileError("no_activity", "no timed track points")
    moving = gpx.get_moving_data()
    elapsed = (max(times) - min(times)).total_seconds()
    duration = moving.moving_time if moving and moving.moving_time else elapsed
    uphill = gpx.get_uphill_downhill().uphill if any(p.elevation is not None
                                                     for p in points) else None
    length = gpx.length_3d() if points else None
    types = [track.type for track in gpx.tracks] + [track.name for track in gpx.tracks]
    return ActivitySummary(
        sport=normalise_sport(*types),
        start=_utc(min(times)),
        # GPS pauses look like stops; keep elapsed time unless the watch clearly paused.
        duration_s=elapsed if duration >= 0.8 * elapsed else float(duration),
        distance_m=length or None,
        ascent_m=uphill,
        avg_hr=_mean_hr(_gpx_hr(point.extensions) for point in points),
        file_format="gpx",
    )


# --- TCX -----------------------------------------------------------------------------


def _parse_tcx(data: bytes) -> ActivitySummary:
    from tcxreader.tcxreader import TCXReader

    # tcxreader parses with ElementTree from a path or a file object.
    ET.fromstring(data)  # a clear error for what is not XML at all
    exercise = TCXReader().read(io.BytesIO(data), only_gps=False)
    points = exercise.trackpoints or []
    times = [point.time for point in points if point.time is not None]
    if len(times) < 2:
        raise RunFileError("no_activity", "no timed track points")
    lap_seconds = sum(_number(lap.duration) or 0.0 for lap in exercise.laps or [])
    elapsed = (max(times) - min(times)).total_seconds()
    distance = _number(exercise.distance)
    return ActivitySummary(
        sport=normalise_sport(exercise.activity_type),
        start=_utc(min(times)),
        duration_s=lap_seconds or elapsed,
        distance_m=distance or None,
        ascent_m=_number(exercise.ascent),
        avg_hr=_mean_hr(point.hr_value for point in points),
        file_format="tcx",
    )
