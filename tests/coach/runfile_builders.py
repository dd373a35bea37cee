"""Small real-format activity files, built by the formats' own writers where they have one.

FIT: Garmin's SDK encoder (``garmin_fit_sdk.Encoder``). GPX: ``gpxpy``'s writer. TCX has no
writer in ``tcxreader``, so it is built with ElementTree after Garmin's TCX v2 schema.
Shared by the tests, the end-to-end tests and ``bench/week.py``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday, 06:00 UTC


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
) -> bytes:
    """A FIT activity file (file id, records, a lap and a session) from Garmin's encoder."""
    from garmin_fit_sdk import Encoder, Profile

    num = Profile["mesg_num"]
    seconds = int(minutes * 60)
    encoder = Encoder()
    encoder.write_mesg({"mesg_num": num["FILE_ID"], "type": "activity",
                        "manufacturer": "development", "product": 0,
                        "time_created": start, "serial_number": 1234})
    encoder.write_mesg({"mesg_num": num["SPORT"], "sport": sport, "sub_sport": sub_sport})
    climb = 0.0
    altitude = 100.0
    for second in range(0, seconds + 1, record_every_s):
        record: dict[str, object] = {
            "mesg_num": num["RECORD"], "timestamp": start + timedelta(seconds=second),
            "distance": second * metres_per_second,
            # Up and down 10 m every 10 minutes.
            "altitude": 100.0 + 10.0 * ((second // 300) % 2) * (second % 300) / 300,
        }
        if heart_rate is not None:
            record["heart_rate"] = heart_rate
        new_altitude = float(record["altitude"])  # type: ignore[arg-type]
        climb += max(0.0, new_altitude - altitude)
        altitude = new_altitude
        encoder.write_mesg(record)
    end = start + timedelta(seconds=seconds)
    totals: dict[str, object] = {
        "timestamp": end, "start_time": start, "sport": sport, "sub_sport": sub_sport,
        "total_elapsed_time": float(seconds), "total_timer_time": float(seconds),
        "total_distance": seconds * metres_per_second, "total_ascent": round(climb),
    }
    if heart_rate is not None:
        totals["avg_heart_rate"] = heart_rate
    encoder.write_mesg({"mesg_num": num["LAP"], **totals})
    if with_session:
        encoder.write_mesg({"mesg_num": num["SESSION"], **totals})
    encoder.write_mesg({"mesg_num": num["ACTIVITY"], "timestamp": end,
                        "total_timer_time": float(seconds), "num_sessions": 1,
                        "type": "manual"})
    return bytes(encoder.close())


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
