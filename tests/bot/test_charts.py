"""The week pictures: real PNGs of a phone's width that change with the data."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from PIL import Image

from bot.charts import DPI, MAX_ROSTER_ROWS, WIDTH_IN, roster_chart, week_chart
from coach.week import DayInput, Session, Week, build_week

MONDAY = date(2026, 3, 2)


def a_week(*, long_run: int = 95, pain: int | None = 3, on_hold: bool = False) -> Week:
    return build_week(start=MONDAY, today=MONDAY + timedelta(days=6), on_hold=on_hold, days={
        MONDAY: DayInput("easy", 50, "done", None, (Session("running", 45),)),
        MONDAY + timedelta(days=2): DayInput("tempo", 45, "swapped", pain,
                                             (Session("cycling", 60),)),
        MONDAY + timedelta(days=4): DayInput("intervals", 40, "missed"),
        MONDAY + timedelta(days=5): DayInput("long", 100, "done", None,
                                             (Session("running", long_run),)),
    })


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.format == "PNG"
    return image


def test_the_week_picture_is_a_png_a_phone_wide_and_opaque() -> None:
    image = decode(week_chart(a_week(), title="Week of 2 March"))
    assert image.size == (int(WIDTH_IN * DPI), int(6.0 * DPI))
    # An opaque background of its own: readable whatever the chat theme.
    rgba = image.convert("RGBA")
    assert rgba.getextrema()[3] == (255, 255)


def test_the_picture_changes_when_the_week_changes() -> None:
    first = week_chart(a_week(long_run=95), title="Week of 2 March")
    again = week_chart(a_week(long_run=95), title="Week of 2 March")
    longer = week_chart(a_week(long_run=140), title="Week of 2 March")
    no_pain = week_chart(a_week(pain=None), title="Week of 2 March")
    assert first == again
    assert longer != first and no_pain != first


def test_the_pain_line_is_left_out_when_asked() -> None:
    week = a_week(pain=6)
    assert (week_chart(week, title="w", show_pain=False)
            == week_chart(a_week(pain=None), title="w"))


def test_dark_and_light_themes_differ_in_background() -> None:
    light = decode(week_chart(a_week(), title="w", theme="light")).convert("RGB")
    dark = decode(week_chart(a_week(), title="w", theme="dark")).convert("RGB")
    assert light.getpixel((2, 2)) == (255, 255, 255)
    assert sum(dark.getpixel((2, 2))) < 150  # type: ignore[arg-type]


def test_the_roster_grows_a_row_per_athlete_and_stops_at_the_cap() -> None:
    rows = [("Anna", a_week()), ("Ben", a_week(on_hold=True))]
    two = decode(roster_chart(rows, title="Team"))
    five = decode(roster_chart(rows * 2 + [("Chen", a_week(pain=8))], title="Team"))
    many = decode(roster_chart(rows * MAX_ROSTER_ROWS, title="Team"))
    capped = decode(roster_chart(rows * (MAX_ROSTER_ROWS // 2), title="Team"))
    assert two.size[0] == five.size[0] == int(WIDTH_IN * DPI)
    assert five.size[1] > two.size[1]
    assert many.size == capped.size
    assert decode(roster_chart([], title="Team")).size[0] == int(WIDTH_IN * DPI)


def test_importing_the_charts_does_not_import_matplotlib() -> None:
    code = ("import sys, bot.charts, usecases.week, bot.handlers.week; "
            "print('matplotlib' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    assert result.stdout.strip() == "False"
