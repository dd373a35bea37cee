"""Pictures of a week: the athlete's planned-versus-done bars, the coach's roster grid.

PNG bytes from matplotlib's Agg canvas (no display, no pyplot's global state). A worker
never imports matplotlib: :func:`week_chart` and :func:`roster_chart` hand the drawing to
a child process (:class:`ChartProcess`), started on first use and stopped after
:data:`CHART_IDLE_SECONDS` without a chart, so the ~30 MB that matplotlib and its fonts
keep resident are given back instead of staying with the worker for good. The drawing
itself is :func:`draw_week_chart` and :func:`draw_roster_chart` (what the child runs).
Nothing here imports ``telegram``.

Readable on a phone in either chat theme: the picture carries its own opaque background,
text is large, and the compliance colours are from the Okabe-Ito palette (told apart with
colour-blindness too), each with a label in the legend.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Final, Literal

from coach.planning import WEEKDAY_NAMES
from coach.week import Compliance, Week

if TYPE_CHECKING:
    from matplotlib.axes import Axes

log = logging.getLogger(__name__)

Theme = Literal["light", "dark"]

WIDTH_IN: Final = 8.0
DPI: Final = 135  # 8 in x 135 dpi = 1080 px, a phone screen's width
WEEK_HEIGHT_IN: Final = 6.0
ROW_HEIGHT_IN: Final = 0.42
MAX_ROSTER_ROWS: Final = 40

COLOURS: Final[dict[Compliance, str]] = {
    "done": "#009E73",  # bluish green
    "partial": "#F0E442",  # yellow
    "off": "#E69F00",  # orange
    "missed": "#D55E00",  # vermillion
    "swapped": "#56B4E9",  # sky blue
    "rest": "#9AA0A6",  # grey
    "upcoming": "#FFFFFF00",  # outline only
}
LABELS: Final[dict[Compliance, str]] = {
    "done": "done (±20%)",
    "partial": "50-79% / 121-150%",
    "off": "further off",
    "missed": "missed",
    "swapped": "swapped",
    "rest": "rest",
    "upcoming": "to come",
}


@dataclass(frozen=True, slots=True)
class Palette:
    background: str
    text: str
    muted: str
    grid: str
    planned: str
    pain: str


PALETTES: Final[dict[Theme, Palette]] = {
    "light": Palette(background="#FFFFFF", text="#1B1F24", muted="#59636E", grid="#D0D7DE",
                     planned="#C9D1D9", pain="#CC79A7"),
    "dark": Palette(background="#1C2128", text="#F0F3F6", muted="#9EA7B3", grid="#3D444D",
                    planned="#545D68", pain="#E58FC4"),
}


def _figure(height_in: float, palette: Palette):  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, facecolor=palette.background)
    FigureCanvasAgg(figure)
    return figure


def _png(figure) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor=figure.get_facecolor(),
                   metadata={"Software": None})
    return buffer.getvalue()


def _style(axes: Axes, palette: Palette) -> None:
    axes.set_facecolor(palette.background)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(palette.grid)
    axes.tick_params(colors=palette.text, labelsize=12)


def _legend(  # type: ignore[no-untyped-def]
    figure, kinds: Sequence[Compliance], palette: Palette, *, planned: bool = False
) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=palette.planned, edgecolor=palette.planned, label="planned")
               ] if planned else []
    handles += [Patch(facecolor=COLOURS[kind], edgecolor=palette.muted, label=LABELS[kind])
                for kind in kinds]
    legend = figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.01),
                           ncol=3, frameon=False, fontsize=11)
    for text in legend.get_texts():
        text.set_color(palette.text)


def draw_week_chart(week: Week, *, title: str, theme: Theme = "light",
                    show_pain: bool = True) -> bytes:
    """Bars per day: planned minutes (grey) beside what was done, coloured by compliance;
    substitutes named above their bar; pain scores (0-10) as a line when given."""
    palette = PALETTES[theme]
    figure = _figure(WEEK_HEIGHT_IN, palette)
    axes = figure.add_axes((0.09, 0.22, 0.82, 0.67))
    _style(axes, palette)
    positions = list(range(7))
    planned = [day.planned_minutes for day in week.days]
    done = [day.done_minutes for day in week.days]
    axes.bar([x - 0.2 for x in positions], planned, width=0.38, color=palette.planned,
             label="planned", zorder=2)
    axes.bar([x + 0.2 for x in positions], done, width=0.38, zorder=3,
             color=[COLOURS[day.compliance] for day in week.days],
             edgecolor=[palette.muted if day.compliance in ("upcoming", "partial") else
                        COLOURS[day.compliance] for day in week.days], linewidth=1.2)
    top = max([*planned, *done, 30])
    axes.set_ylim(0, top * 1.25)
    for x, day in zip(positions, week.days, strict=True):
        if day.substitute:
            axes.text(x + 0.2, day.done_minutes + top * 0.03, day.substitute[:12],
                      rotation=90, ha="center", va="bottom", fontsize=10,
                      color=palette.text, zorder=4)
        elif day.compliance == "missed":
            axes.text(x + 0.2, top * 0.03, "missed", rotation=90, ha="center", va="bottom",
                      fontsize=10, color=palette.text, zorder=4)
    axes.set_xticks(positions)
    axes.set_xticklabels([f"{WEEKDAY_NAMES[d.day.weekday()][:3]}\n{d.day.day}"
                          for d in week.days])
    axes.set_ylabel("minutes", color=palette.muted, fontsize=12)
    axes.yaxis.grid(True, color=palette.grid, linewidth=0.8, zorder=0)
    axes.set_axisbelow(True)
    axes.set_title(title, color=palette.text, fontsize=15, loc="left", pad=14)
    pains = [(x, day.pain) for x, day in zip(positions, week.days, strict=True)
             if day.pain is not None]
    if show_pain and pains:
        pain_axes = axes.twinx()
        pain_axes.set_ylim(0, 10.5)
        pain_axes.plot([p[0] for p in pains], [p[1] for p in pains], color=palette.pain,
                       marker="o", linewidth=2.5, markersize=8, zorder=5)
        pain_axes.set_ylabel("pain 0-10", color=palette.pain, fontsize=12)
        pain_axes.tick_params(colors=palette.pain, labelsize=11)
        for side in ("top", "left", "bottom"):
            pain_axes.spines[side].set_visible(False)
        pain_axes.spines["right"].set_color(palette.pain)
    shown: set[Compliance] = {day.compliance for day in week.days}
    used = [kind for kind in COLOURS if kind in shown and kind != "rest"]
    _legend(figure, used, palette, planned=True)
    return _png(figure)


def draw_roster_chart(
    rows: Sequence[tuple[str, Week]], *, title: str, theme: Theme = "light"
) -> bytes:
    """One row per athlete, one cell per day coloured by compliance; on the right the
    flags a coach acts on: a safety hold, the highest pain score, sessions done/planned."""
    from matplotlib.patches import Rectangle

    palette = PALETTES[theme]
    shown = list(rows[:MAX_ROSTER_ROWS])
    count = max(1, len(shown))
    top_in, bottom_in = 1.0, 0.8  # title and day names; the legend
    height = top_in + bottom_in + ROW_HEIGHT_IN * count
    figure = _figure(height, palette)
    axes = figure.add_axes((0.2, bottom_in / height, 0.56,
                            ROW_HEIGHT_IN * count / height))
    axes.set_facecolor(palette.background)
    axes.set_xlim(0, 7)
    axes.set_ylim(count, 0)
    axes.set_axis_off()
    for row_index, (label, week) in enumerate(shown):
        for column, day in enumerate(week.days):
            axes.add_patch(Rectangle(
                (column + 0.06, row_index + 0.1), 0.88, 0.8,
                facecolor=COLOURS[day.compliance],
                edgecolor=palette.muted if day.compliance in ("upcoming", "partial")
                else COLOURS[day.compliance],
                linewidth=1.0, hatch="//" if day.compliance == "swapped" else None))
        axes.text(-0.15, row_index + 0.5, label[:18], ha="right", va="center",
                  fontsize=12, color=palette.text)
        flags = []
        if week.on_hold:
            flags.append("HOLD")
        if week.max_pain:
            flags.append(f"pain {week.max_pain}/10")
        done = week.count("done") + week.count("swapped")
        flags.append(f"{done}/{week.planned_sessions}")
        axes.text(7.15, row_index + 0.5, "  ".join(flags), ha="left", va="center",
                  fontsize=12, color=palette.text,
                  fontweight="bold" if week.on_hold or (week.max_pain or 0) >= 4
                  else "normal")
    for column in range(7):
        axes.text(column + 0.5, -0.1, WEEKDAY_NAMES[column][:3], ha="center", va="bottom",
                  fontsize=12, color=palette.muted)
    axes.text(7.15, -0.1, "done/planned", ha="left", va="bottom", fontsize=11,
              color=palette.muted)
    if not shown:
        axes.text(3.5, 0.5, "no athletes yet", ha="center", va="center", fontsize=13,
                  color=palette.muted)
    figure.text(0.03, 1 - 0.2 / height, title, ha="left", va="top", fontsize=15,
                color=palette.text)
    if len(rows) > len(shown):
        figure.text(0.97, 1 - 0.2 / height, f"+{len(rows) - len(shown)} more in the text",
                    ha="right", va="top", fontsize=11, color=palette.muted)
    _legend(figure, ["done", "partial", "off", "missed", "swapped", "rest"], palette)
    return _png(figure)


# --------------------------------------------------------------------------- the child

# A chart process with nothing to draw for this long exits (and its memory goes with it).
CHART_IDLE_SECONDS: Final = 60.0
_DRAWERS: Final[dict[str, Callable[..., bytes]]] = {"week": draw_week_chart,
                                                     "roster": draw_roster_chart}
_LENGTH: Final = struct.Struct("!I")


class ChartError(RuntimeError):
    """The chart process could not draw (it failed, or died twice in a row)."""


def week_chart(week: Week, *, title: str, theme: Theme = "light",
               show_pain: bool = True) -> bytes:
    """:func:`draw_week_chart`, drawn in the chart process (blocks: call it in a thread)."""
    return CHARTS.draw("week", week, title=title, theme=theme, show_pain=show_pain)


def roster_chart(
    rows: Sequence[tuple[str, Week]], *, title: str, theme: Theme = "light"
) -> bytes:
    """:func:`draw_roster_chart`, drawn in the chart process (blocks: call it in a thread)."""
    return CHARTS.draw("roster", list(rows), title=title, theme=theme)


def _write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def _read_frame(stream: IO[bytes]) -> bytes | None:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return payload


class ChartProcess:
    """One child process that draws charts, one at a time; thread-safe.

    Started on the first chart, it serves later ones at once (matplotlib stays imported
    there) and exits once :data:`CHART_IDLE_SECONDS` pass without one, or when this
    process ends (its stdin closes). A plain child process (not multiprocessing, which
    would import the worker's main module again)."""

    def __init__(self, idle_seconds: float = CHART_IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._timer: threading.Timer | None = None
        self.started = 0  # children started (tests, metrics)

    @property
    def running(self) -> bool:
        return self._child is not None and self._child.poll() is None

    def draw(self, kind: str, *args: Any, **kwargs: Any) -> bytes:
        request = pickle.dumps((kind, args, kwargs))
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            try:
                for attempt in range(2):
                    try:
                        return self._ask(request)
                    except (OSError, EOFError) as error:
                        self._stop_child()
                        if attempt:
                            raise ChartError("the chart process died twice") from error
                        log.warning("the chart process stopped (%s); starting another",
                                    type(error).__name__)
                raise AssertionError("unreachable")
            finally:
                self._timer = threading.Timer(self.idle_seconds, self._stop_when_idle)
                self._timer.daemon = True
                self._timer.start()

    def _ask(self, request: bytes) -> bytes:
        child = self._child if self._child is not None and self.running else self._start()
        assert child.stdin is not None and child.stdout is not None
        _write_frame(child.stdin, request)
        answer = _read_frame(child.stdout)
        if answer is None:
            raise EOFError("the chart process closed its output")
        ok, payload = answer[:1] == b"1", answer[1:]
        if not ok:
            raise ChartError(payload.decode("utf-8", "replace"))
        return payload

    def _start(self) -> subprocess.Popen[bytes]:
        self._stop_child()
        self._child = subprocess.Popen(
            [sys.executable, "-c", "from bot.charts import serve; serve()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            # The child imports what this process imports (the same checkout).
            env={**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path
                                                             if path)})
        self.started += 1
        return self._child

    def _stop_when_idle(self) -> None:
        with self._lock:
            self._timer = None
            self._stop_child()

    def _stop_child(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        try:
            if child.stdin is not None:
                child.stdin.close()  # the child's loop ends on end of input
            child.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait()
        finally:
            if child.stdout is not None:
                child.stdout.close()

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._stop_child()


CHARTS: Final = ChartProcess()
atexit.register(CHARTS.close)


def serve() -> None:
    """The chart process: draw each request read on stdin, answer on stdout, until the
    input ends. Anything printed goes to stderr, so the answers stay framed."""
    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while (request := _read_frame(requests)) is not None:
        try:
            kind, args, kwargs = pickle.loads(request)
            answer = b"1" + _DRAWERS[kind](*args, **kwargs)
        except Exception as error:  # reported to the worker, which raises ChartError
            answer = b"0" + f"{type(error).__name__}: {error}".encode()
        _write_frame(answers, answer)
