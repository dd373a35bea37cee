"""``crosstrain swap``: substitutes for a missed run, for a person or as JSON Lines.

``crosstrain swap --json`` reads one request per line on stdin and writes one JSON object
per line, in order, in one process. A line that cannot be understood gets
``{"error": "..."}`` and the rest go on.

Request: {"athlete": {"goal": str, "goal_date": "YYYY-MM-DD"?, "injuries": [str],
"equipment": [str], "likes": [str]}, "missed": {"kind": str, "minutes": int} or str,
"reason": str, "today": "YYYY-MM-DD"}. Response: {"referral": str or null, "options":
[{"activity", "name", "minutes", "effort", "rpe", "structure", "impact", "indoor",
"equipment", "why", "source"}], "note": str or null}.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Any, TextIO

import typer

from bot.cli import app
from coach.catalogue import CatalogueError
from coach.context import AthleteContext
from coach.substitution import SwapResult, suggest_substitutes


class RequestError(ValueError):
    """A request line that cannot be answered; the message is shown to the caller."""


def _parse_date(value: object, field: str) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RequestError(f"{field} must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise RequestError(f"{field} {value!r} is not a date written YYYY-MM-DD") from None


def _word_list(value: object, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RequestError(f"athlete.{field} must be a list of words")
    return tuple(item.strip().lower() for item in value if item.strip())


def athlete_from_json(data: object) -> AthleteContext:
    """An AthleteContext from the request's "athlete" object (missing means unknown)."""
    if data is None:
        return AthleteContext()
    if not isinstance(data, Mapping):
        raise RequestError("athlete must be an object")
    goal = data.get("goal")
    if goal is not None and not isinstance(goal, str):
        raise RequestError("athlete.goal must be text")
    return AthleteContext(
        goal=goal or None,
        goal_date=_parse_date(data.get("goal_date"), "athlete.goal_date"),
        injuries=_word_list(data.get("injuries"), "injuries"),
        equipment=_word_list(data.get("equipment"), "equipment"),
        likes=_word_list(data.get("likes"), "likes"),
    )


def answer_request(request: object, *, default_today: date) -> dict[str, Any]:
    """The response object for one decoded request (raises RequestError/ValueError)."""
    if not isinstance(request, Mapping):
        raise RequestError("each line must be a JSON object")
    if "missed" not in request:
        raise RequestError('"missed" is required: {"kind", "minutes"} or text')
    missed = request["missed"]
    if not isinstance(missed, str | Mapping):
        raise RequestError('"missed" must be {"kind", "minutes"} or text')
    reason = request.get("reason", "")
    if reason is None:
        reason = ""
    if not isinstance(reason, str):
        raise RequestError('"reason" must be text')
    today = _parse_date(request.get("today"), "today") or default_today
    result = suggest_substitutes(
        athlete=athlete_from_json(request.get("athlete")), missed=missed, reason=reason, today=today
    )
    return result.to_json()


def answer_line(line: str, *, number: int, default_today: date) -> dict[str, Any]:
    """The response for one JSON Lines request; bad input gives {"error": ...}."""
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"line {number}: not valid JSON ({error.msg})"}
    try:
        return answer_request(request, default_today=default_today)
    except CatalogueError:
        raise  # a broken catalogue breaks every line: fail loudly, once
    except ValueError as error:
        return {"error": f"line {number}: {error}"}
    except Exception as error:  # one odd request must never stop the stream
        return {"error": f"line {number}: could not answer ({type(error).__name__})"}


def run_json_lines(lines: Iterable[str], out: TextIO, *, default_today: date) -> int:
    """Answer each non-blank line in order; returns how many lines were answered."""
    answered = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        response = answer_line(line, number=number, default_today=default_today)
        out.write(json.dumps(response, ensure_ascii=False) + "\n")
        out.flush()
        answered += 1
    return answered


def render_for_person(result: SwapResult, *, missed_label: str, reason: str) -> str:
    """The result as plain text for a terminal."""
    lines: list[str] = []
    if result.referral:
        lines += ["Please read this first:", f"  {result.referral}", ""]
    if result.options:
        about = f" ({reason})" if reason else ""
        lines.append(f"Instead of your {missed_label}{about}:")
        for index, option in enumerate(result.options, start=1):
            place = "indoors" if option.indoor else "outdoors"
            kit = (
                "needs nothing"
                if not option.equipment
                else "at home"
                if option.equipment == ("home",)
                else "needs " + ", ".join(option.equipment)
            )
            if option.activity == "rest":
                lines.append(f"{index}. {option.name}")
            else:
                lines.append(
                    f"{index}. {option.name}: {option.minutes} min, {option.effort} "
                    f"(RPE {option.rpe}), impact {option.impact}, {place}, "
                    f"needs {kit}"
                )
            lines.append(f"   {option.structure}")
            lines.append(f"   Why: {option.why}")
            lines.append(f"   Source: {option.source}")
    if result.note:
        lines += ["", result.note]
    return "\n".join(lines)


def _split_words(values: list[str] | None) -> tuple[str, ...]:
    words: list[str] = []
    for value in values or []:
        words += [part.strip().lower() for part in value.split(",") if part.strip()]
    return tuple(words)


@app.command("swap")
def swap(
    missed: Annotated[
        str | None,
        typer.Argument(
            help='The missed run in words, e.g. "40 min tempo" or "long run 100 minutes".',
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", "-r", help='Why it was missed, e.g. "knee pain".')
    ] = "",
    json_lines: Annotated[
        bool,
        typer.Option(
            "--json", help="Read JSON Lines requests on stdin, write one JSON answer per line."
        ),
    ] = False,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            "-e",
            help="Equipment you have (repeat or comma-separate): home, "
            "stairs, step, gym, treadmill, elliptical, versaclimber, stair_climber, rower, bike, "
            "indoor_bike, mountain_bike, trails, pool, open_water.",
        ),
    ] = None,
    injury: Annotated[
        list[str] | None,
        typer.Option("--injury", help='A known injury or limitation, e.g. "knee" (repeatable).'),
    ] = None,
    like: Annotated[
        list[str] | None,
        typer.Option("--like", help="An activity you enjoy, e.g. swimming (repeatable)."),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option("--goal", help='Your goal, e.g. "100K ultra with 4000 m climbing".'),
    ] = None,
    goal_date: Annotated[
        str | None, typer.Option("--goal-date", help="Date of the goal event, YYYY-MM-DD.")
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Today's date, YYYY-MM-DD (default: the real today)."),
    ] = None,
) -> None:
    """Suggest what to do instead of a missed run, and say why."""
    try:
        today_date = _parse_date(today, "--today") or date.today()
    except RequestError as error:
        typer.echo(f"Sorry: {error}.", err=True)
        raise typer.Exit(2) from None
    if json_lines:
        run_json_lines(sys.stdin, sys.stdout, default_today=today_date)
        return
    if not missed or not missed.strip():
        typer.echo(
            'Tell me which run you missed, e.g. crosstrain swap "40 min tempo" '
            '--reason "knee pain", or use --json.',
            err=True,
        )
        raise typer.Exit(2)
    try:
        athlete = AthleteContext(
            goal=goal or None,
            goal_date=_parse_date(goal_date, "--goal-date"),
            injuries=_split_words(injury),
            equipment=_split_words(equipment),
            likes=_split_words(like),
        )
        result = suggest_substitutes(
            athlete=athlete, missed=missed, reason=reason, today=today_date
        )
    except ValueError as error:
        typer.echo(f"Sorry: {error}", err=True)
        raise typer.Exit(2) from None
    label = result.missed.label if result.missed else missed
    typer.echo(render_for_person(result, missed_label=label, reason=reason))
