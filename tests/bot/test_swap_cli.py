"""``crosstrain swap``: the JSON Lines contract and the human-readable output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import typer
from typer.core import TyperGroup
from typer.testing import CliRunner, Result

from bot.cli import app
from bot.cli.swap_commands import answer_line, run_json_lines

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2025, 3, 1)
OPTION_KEYS = {"activity", "name", "minutes", "effort", "rpe", "impact", "indoor", "equipment",
               "why", "source"}


def _request(**overrides: object) -> str:
    request: dict[str, object] = {
        "athlete": {"goal": "marathon", "goal_date": "2025-05-01", "injuries": [],
                    "equipment": ["pool", "bike"], "likes": ["swimming"]},
        "missed": {"kind": "tempo", "minutes": 40},
        "reason": "knee pain",
        "today": "2025-03-01",
    }
    request.update(overrides)
    return json.dumps(request)


def _check_response(response: dict[str, object]) -> None:
    assert set(response) >= {"referral", "options"}
    assert response["referral"] is None or isinstance(response["referral"], str)
    options = response["options"]
    assert isinstance(options, list)
    for option in options:
        assert set(option) >= OPTION_KEYS
        assert isinstance(option["minutes"], int) and isinstance(option["rpe"], int)
        assert option["impact"] in {"none", "low", "moderate", "high"}
        assert isinstance(option["indoor"], bool) and isinstance(option["equipment"], list)


def test_one_answer_per_line_in_order_and_errors_do_not_stop_the_stream() -> None:
    lines = [
        _request(),
        "this is not json",
        _request(missed="long run 100 minutes", reason="rain"),
        "[1, 2]",
        _request(missed={"kind": "zumba", "minutes": 30}),
        "",
        _request(reason="chest pain on the hill"),
        _request(athlete={"goal_date": "next week"}),
        _request(missed={"kind": "easy", "minutes": -3}),
        _request(reason=42),
        _request(athlete={"equipment": "pool"}, missed="easy"),
    ]
    out = io.StringIO()
    answered = run_json_lines(lines, out, default_today=TODAY)
    responses = [json.loads(line) for line in out.getvalue().splitlines()]
    assert answered == len(responses) == 10  # the blank line is skipped

    _check_response(responses[0])
    assert responses[0]["options"][0]["activity"] in {"swimming", "deep_water_running"}
    assert "not valid JSON" in responses[1]["error"] and "line 2" in responses[1]["error"]
    _check_response(responses[2])
    assert all(option["indoor"] for option in responses[2]["options"])
    assert "JSON object" in responses[3]["error"]
    assert "zumba" in responses[4]["error"]
    assert responses[5]["referral"] and responses[5]["options"] == []
    assert "goal_date" in responses[6]["error"]
    assert "minutes" in responses[7]["error"]
    assert "reason" in responses[8]["error"]
    _check_response(responses[9])


def test_missing_fields_have_friendly_defaults() -> None:
    response = answer_line(json.dumps({"missed": "40 min easy"}), number=1, default_today=TODAY)
    _check_response(response)
    assert response["options"]
    missing = answer_line(json.dumps({"reason": "rain"}), number=1, default_today=TODAY)
    assert "missed" in missing["error"]


def _invoke(args: list[str], stdin: str | None = None) -> Result:
    # With one registered command Typer runs it directly; with several it is a group.
    command = typer.main.get_command(app)
    prefix = ["swap"] if isinstance(command, TyperGroup) else []
    return CliRunner().invoke(app, [*prefix, *args], input=stdin)


def test_printed_for_a_person() -> None:
    result = _invoke(["40 min tempo", "--reason", "knee pain", "--equipment", "pool,gym",
                      "--today", "2025-03-01"])
    assert result.exit_code == 0, result.output
    assert "Instead of your 40 min tempo run (knee pain):" in result.output
    assert "Deep-water running" in result.output
    assert "Source: The Benefits of Cross-Training for Runners" in result.output
    assert "Skipping today is fine" in result.output


def test_printed_with_goal_and_flags() -> None:
    result = _invoke(["hills", "--goal", "100K ultra with 4000 m climbing", "-e", "versaclimber",
                      "--like", "rowing", "--injury", "shoulder", "--goal-date", "2025-09-01"])
    assert result.exit_code == 0, result.output
    assert ". VersaClimber:" not in result.output  # a shoulder injury rules it out
    assert ". Step-ups:" in result.output or ". Stair" in result.output
    referral = _invoke(["easy", "--reason", "I fainted yesterday"])
    assert "Please read this first" in referral.output and "doctor" in referral.output


def test_bad_human_input_is_a_friendly_message() -> None:
    result = _invoke(["--reason", "rain"])
    assert result.exit_code == 2 and "Tell me which run you missed" in result.output
    bad_date = _invoke(["easy", "--goal-date", "soon"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    assert "Traceback" not in result.output + bad_date.output


def test_json_mode_through_the_command() -> None:
    result = _invoke(["--json"], stdin=_request() + "\n" + "{oops\n" + _request() + "\n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3 and "error" in json.loads(lines[1])
    assert json.loads(lines[0]) == json.loads(lines[2])


def test_the_real_process_answers_many_lines_in_order() -> None:
    requests = [
        _request(missed={"kind": kind, "minutes": 30 + i}, reason=reason)
        for i, (kind, reason) in enumerate(
            [("easy", "rain"), ("tempo", "knee pain 6/10"), ("long", "only 45 minutes"),
             ("hills", "smoke"), ("intervals", "tired")] * 8)
    ]
    requests.insert(7, "garbage")
    completed = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "swap", "--json"],
        input="\n".join(requests) + "\n", capture_output=True, text=True, cwd=REPO,
        timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    responses = [json.loads(line) for line in completed.stdout.splitlines()]
    assert len(responses) == len(requests)
    assert "error" in responses[7]
    for index, response in enumerate(r for i, r in enumerate(responses) if i != 7):
        _check_response(response)
        if index % 5 == 2:  # "only 45 minutes"
            assert all(option["minutes"] <= 45 for option in response["options"])
        if index % 5 == 1:  # pain 6/10
            assert all(option["impact"] in {"none", "low"} for option in response["options"])
