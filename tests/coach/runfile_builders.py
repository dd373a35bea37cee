"""Small real-format activity files, built by the formats' own writers where they have one.

FIT: ``fit-tool``'s writer (BSD-3-Clause, a test dependency; the bot reads FIT with
``fitdecode``). GPX: ``gpxpy``'s writer. TCX has no
writer in ``tcxreader``, so it is built with ElementTree after Garmin's TCX v2 schema.
Shared by the tests, the end-to-end tests and ``bench/week.py``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday, 06:00 UTC


def _fit_millis(moment: datetime) -> int:
    """fit-tool takes times as Unix milliseconds."""
    return round(moment.timestamp() * 1000)


def fit_activity(
    *,
    start: datetime = START,
    minutes: float = 45,
    sport: str = "running",
    sub_sport: str = "generic",
    heart_rate: int | None = 145,
    metres_per_second: float = 3.0,
    record_every_s: int = 5,
    with_session: bool = True,
    as_a_watch: bool = False,
) -> bytes:
    """A FIT activity file (file id, sport, records, a lap and a session) written by
    ``fit-tool``, a FIT writer independent of the parser under test. ``as_a_watch``:
    records also carry position, speed and cadence, as a watch writes them."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.messages.sport_message import SportMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = _fit_millis(start)
    file_id.serial_number = 1234
    builder.add(file_id)
    sport_message = SportMessage()
    sport_message.sport = Sport[sport.upper()]
    sport_message.sub_sport = SubSport[sub_sport.upper()]
    builder.add(sport_message)
    seconds = int(minutes * 60)
    climb = 0.0
    altitude = 100.0
    for second in range(0, seconds + 1, record_every_s):
        record = RecordMessage()
        record.timestamp = _fit_millis(start + timedelta(seconds=second))
        record.distance = second * metres_per_second
        # Up and down 10 m every 10 minutes.
        new_altitude = 100.0 + 10.0 * ((second // 300) % 2) * (second % 300) / 300
        record.altitude = new_altitude
        if heart_rate is not None:
            record.heart_rate = heart_rate
        if as_a_watch:
            record.position_lat = 52.52 + second * 1e-5
            record.position_long = 13.40
            record.speed = metres_per_second
            record.cadence = 85
        climb += max(0.0, new_altitude - altitude)
        altitude = new_altitude
        builder.add(record)
    end = start + timedelta(seconds=seconds)
    summaries: list[LapMessage | SessionMessage] = [LapMessage()]
    if with_session:
        summaries.append(SessionMessage())
    for totals in summaries:
        totals.timestamp = _fit_millis(end)
        totals.start_time = _fit_millis(start)
        totals.sport = Sport[sport.upper()]
        totals.sub_sport = SubSport[sub_sport.upper()]
        totals.total_elapsed_time = float(seconds)
        totals.total_timer_time = float(seconds)
        totals.total_distance = seconds * metres_per_second
        totals.total_ascent = round(climb)
        if heart_rate is not None:
            totals.avg_heart_rate = heart_rate
        builder.add(totals)
    activity = ActivityMessage()
    activity.timestamp = _fit_millis(end)
    activity.total_timer_time = float(seconds)
    activity.num_sessions = 1
    builder.add(activity)
    return bytes(builder.build().to_bytes())


def gpx_activity(
    *,
    start: datetime = START,
    minutes: float = 50,
    kind: str = "running",
    heart_rate: int | None = 150,
    every_s: int = 10,
) -> bytes:
    """A GPX track written by gpxpy: a straight line north, 3 m/s, 20 m of climb."""
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.nsmap["gpxtpx"] = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
    track = gpxpy.gpx.GPXTrack(name="Morning Run")
    track.type = kind
    segment = gpxpy.gpx.GPXTrackSegment()
    steps = int(minutes * 60) // every_s
    for step in range(steps + 1):
        point = gpxpy.gpx.GPXTrackPoint(
            latitude=52.5 + step * every_s * 3.0 / 111_320, longitude=13.4,
            elevation=50.0 + 20.0 * step / steps, time=start + timedelta(seconds=step * every_s),
        )
        if heart_rate is not None:
            extension = ET.Element("gpxtpx:TrackPointExtension")
            ET.SubElement(extension, "gpxtpx:hr").text = str(heart_rate)
            point.extensions.append(extension)
        segment.points.append(point)
    track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml().encode()


_TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def tcx_activity(
    *,
    start: datetime = START,
    minutes: float = 40,
    sport: str = "Running",
    heart_rate: int | None = 140,
    every_s: int = 10,
) -> bytes:
    """A TCX activity (one lap) after Garmin's TrainingCenterDatabase v2 schema."""
    ET.register_namespace("", _TCX_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        element = ET.SubElement(parent, f"{{{_TCX_NS}}}{tag}")
        if text is not None:
            element.text = text
        return element

    def stamp(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    seconds = int(minutes * 60)
    root = ET.Element(f"{{{_TCX_NS}}}TrainingCenterDatabase")
    activity = sub(sub(root, "Activities"), "Activity")
    activity.set("Sport", sport)
    sub(activity, "Id", stamp(start))
    lap = sub(activity, "Lap")
    lap.set("StartTime", stamp(start))
    sub(lap, "TotalTimeSeconds", str(seconds))
    sub(lap, "DistanceMeters", str(seconds * 2.8))
    sub(lap, "Calories", "400")
    track = sub(lap, "Track")
    for second in range(0, seconds + 1, every_s):
        point = sub(track, "Trackpoint")
        sub(point, "Time", stamp(start + timedelta(seconds=second)))
        position = sub(point, "Position")
        sub(position, "LatitudeDegrees", f"{52.5 + second * 2.8 / 111_320:.6f}")
        sub(position, "LongitudeDegrees", "13.4")
        sub(point, "AltitudeMeters", f"{60 + 15 * second / seconds:.1f}")
        sub(point, "DistanceMeters", f"{second * 2.8:.1f}")
        if heart_rate is not None:
            sub(sub(point, "HeartRateBpm"), "Value", str(heart_rate))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root)


def corrupted(data: bytes) -> bytes:
    """The file with bytes in its middle flipped (a FIT file's CRC then fails)."""
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + 16]) + data[middle + 16:]
