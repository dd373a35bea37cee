"""Charts are drawn in a child process: the worker never holds matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.charts import ChartError, ChartProcess, draw_week_chart
from tests.bot.test_charts import a_week, decode


def test_the_child_draws_what_the_worker_would_have_drawn() -> None:
    charts = ChartProcess()
    try:
        week = a_week()
        drawn = charts.draw("week", week, title="Week of 2 March")
        assert drawn == draw_week_chart(week, title="Week of 2 March")
        # The same child serves the next chart.
        decode(charts.draw("roster", [("Anna", week)], title="Team"))
        assert charts.started == 1
    finally:
        charts.close()
    assert not charts.running


def test_drawing_a_week_leaves_matplotlib_out_of_the_worker() -> None:
    code = ("import sys; from bot.charts import week_chart; "
            "from tests.bot.test_charts import a_week; "
            "png = week_chart(a_week(), title='w'); "
            "print(png[:4] == b'\\x89PNG', 'matplotlib' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                            timeout=120)
    assert result.stdout.split() == ["True", "False"]


def test_an_idle_child_exits_and_a_new_one_starts_when_needed() -> None:
    charts = ChartProcess(idle_seconds=0.3)
    try:
        decode(charts.draw("week", a_week(), title="w"))
        assert charts.running
        deadline = time.monotonic() + 10
        while charts.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not charts.running
        decode(charts.draw("week", a_week(), title="w"))
        assert charts.started == 2
    finally:
        charts.close()


def test_a_killed_child_is_replaced_and_a_bad_request_is_an_error() -> None:
    charts = ChartProcess()
    try:
        decode(charts.draw("week", a_week(), title="w"))
        assert charts._child is not None
        charts._child.kill()
        charts._child.wait()
        decode(charts.draw("week", a_week(), title="w"))
        assert charts.started == 2
        with pytest.raises(ChartError):
            charts.draw("week", "not a week", title="w")
        decode(charts.draw("week", a_week(), title="w"))  # the child lives on
        assert charts.started == 2
    finally:
        charts.close()
