"""Run files and week pictures: ``python -m bench.week [--runs N]``.

- Parsing a 2-hour FIT file recorded every second (7,200 records with position, distance,
  altitude, speed, heart rate and cadence, as a watch writes them) with
  ``coach.runfiles.parse_run_file`` (``fitdecode``); the baseline is fitdecode's CRC of the
  same file (reading every byte once, the least any FIT reader does).
- Drawing a week (``bot.charts.draw_week_chart``, what the chart process runs) and a
  30-athlete roster; the baseline is
  matplotlib saving an empty figure of the same size (its fixed cost per PNG).
- Memory: resident set size of a fresh process after importing the bot's week modules,
  then after matplotlib's import and a first drawing (what the chart process holds while
  it lives; a worker draws through it and never imports matplotlib, bot/charts.py).

Medians and p95 of N timed runs after a warm-up; aims: parse under 200 ms, week under
300 ms at p95.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 3, 7, 7, 0, tzinfo=UTC)
MONDAY = date(2026, 3, 2)


def two_hour_fit() -> bytes:
    """A 2-hour run recorded every second, written by ``fit-tool`` (a dev dependency)."""
    from tests.coach.runfile_builders import fit_activity

    return fit_activity(start=START, minutes=120, record_every_s=1, heart_rate=149,
                        metres_per_second=2.9, as_a_watch=True)


def sample_week(offset: int = 0):  # type: ignore[no-untyped-def]
    from coach.week import DayInput, Session, build_week

    day = [MONDAY + timedelta(days=i) for i in range(7)]
    return build_week(start=MONDAY, today=day[6], on_hold=offset % 7 == 3, days={
        day[0]: DayInput("easy", 50, "done", None, (Session("running", 45 + offset % 10),)),
        day[1]: DayInput("intervals", 60, "missed", 2),
        day[2]: DayInput("tempo", 45, "swapped", 3, (Session("cycling", 60),)),
        day[3]: DayInput("rest", 0),
        day[4]: DayInput("easy", 40, "pain", 5 + offset % 4),
        day[5]: DayInput("long", 100, "done", None, (Session("running", 80 + offset % 60),)),
        day[6]: DayInput("easy", 30),
    })


def timed(call: Callable[[], object], runs: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        call()
        samples.append((time.perf_counter() - begin) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(name: str, samples: list[float], baseline: list[float] | None = None) -> None:
    median = statistics.median(samples)
    line = f"{name:<34} median {median:7.1f} ms   p95 {p95(samples):7.1f} ms"
    if baseline:
        line += f"   x{median / statistics.median(baseline):.1f} the baseline"
    print(line)


_MEMORY_PROBE = """
import gc, json, sys, psutil
process = psutil.Process()
import bot.charts, usecases.week, coach.week, bot.handlers.week
gc.collect()
before = process.memory_info().rss
from bench.week import sample_week
from bot.charts import draw_week_chart
draw_week_chart(sample_week(), title="Week of 2 March")
gc.collect()
after = process.memory_info().rss
print(json.dumps({"before": before, "after": after,
                  "matplotlib_before_draw": False}))
"""


def memory() -> dict[str, int]:
    result = subprocess.run([sys.executable, "-c", _MEMORY_PROBE], capture_output=True,
                            text=True, check=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": ""})
    data: dict[str, int] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per measure")
    args = parser.parse_args(argv)

    from fitdecode.utils import compute_crc

    from bot.charts import draw_roster_chart as roster_chart
    from bot.charts import draw_week_chart as week_chart
    from coach.runfiles import parse_run_file

    data = two_hour_fit()
    print(f"2-hour FIT file: {len(data) / 1024:.0f} KiB, 7,200 records; {args.runs} runs")
    crc = timed(lambda: compute_crc(data), args.runs)
    parse = timed(lambda: parse_run_file(data, "long.fit"), args.runs)
    summary = parse_run_file(data, "long.fit")
    assert summary.minutes == 120 and summary.is_running
    report("baseline: FIT CRC check", crc)
    report("parse 2-hour FIT (aim < 200 ms)", parse, crc)

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    def empty_png() -> None:
        import io

        figure = Figure(figsize=(8, 6), dpi=135)
        FigureCanvasAgg(figure)
        figure.savefig(io.BytesIO(), format="png")

    weeks = [sample_week(offset) for offset in range(args.runs + 2)]
    counter = iter(range(10**9))
    empty = timed(empty_png, args.runs)
    draw = timed(lambda: week_chart(weeks[next(counter) % len(weeks)], title="Week of 2 March"),
                 args.runs)
    roster = [(f"Athlete {i}", weeks[i % len(weeks)]) for i in range(30)]
    team = timed(lambda: roster_chart(roster, title="Team week of 2 March"),
                 max(5, args.runs // 3))
    report("baseline: empty 1080x810 PNG", empty)
    report("draw a week (aim < 300 ms)", draw, empty)
    report("draw a 30-athlete roster", team, empty)

    used = memory()
    added = (used["after"] - used["before"]) / 2**20
    print(f"memory: {used['before'] / 2**20:.0f} MiB after importing the week modules "
          f"(matplotlib not loaded); +{added:.0f} MiB after matplotlib's import and a "
          "first week picture")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
