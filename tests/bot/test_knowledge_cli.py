"""`crosstrain kb ingest|list` and `crosstrain ask`, through Typer's runner and a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import bot.cli.knowledge_commands  # noqa: F401  (registers the commands)
from bot.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()

GOOD = "---\ntitle: Pool Running\nauthor: Dayna\n---\n\n# Pool Running\n\n" \
       "## How to do it\n\nWear a flotation belt and run in the deep end.\n"


def test_kb_ingest_reports_broken_articles_and_list_shows_counts(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "pool.md").write_text(GOOD, encoding="utf-8")
    (folder / "broken.md").write_bytes(b"\xff\xfe not text")
    result = runner.invoke(app, ["kb", "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Skipped broken.md: is not UTF-8" in result.output
    assert "1 chunk(s) added" in result.output
    again = runner.invoke(app, ["kb", "ingest", str(folder)])
    assert "0 chunk(s) added, 1 unchanged" in again.output
    listing = runner.invoke(app, ["kb", "list"])
    assert listing.exit_code == 0
    assert "pool\t1 chunks\tPool Running" in listing.output


def test_kb_ingest_fails_when_nothing_loads(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["kb", "ingest", str(tmp_path / "empty.md")])
    assert result.exit_code == 1
    assert "Skipped empty.md: is empty" in result.output


def test_ask_prints_an_answer_for_a_person() -> None:
    question = "Is a VersaClimber worth using for ultramarathon training?"
    result = runner.invoke(app, ["ask", question])
    assert result.exit_code == 0, result.output
    assert "VersaClimber" in result.output
    assert "Source: The Benefits of Cross-Training for Runners" in result.output
    assert not result.output.lstrip().startswith("{")


def test_ask_without_a_question_explains_how() -> None:
    result = runner.invoke(app, ["ask"])
    assert result.exit_code == 2
    assert "give a question" in result.output


def test_ask_json_lines_in_one_process_in_order(isolated_environment: Path) -> None:
    lines = [
        json.dumps({"question": "Do jump squats and bounding make you faster?"}),
        "this is not json",
        json.dumps(["question"]),
        json.dumps({"question": 42}),
        json.dumps({"question": "How do I reset my bank password?"}),
        "",
        json.dumps({"question": "🏃‍♀️"}),
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "ask", "--json"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    out = [json.loads(line) for line in process.stdout.splitlines()]
    assert len(out) == 6  # the blank line is not a request
    first = out[0]
    assert set(first) == {"answer", "covered", "sources"}
    assert first["covered"] is True
    assert first["sources"][0]["section"] == (
        "Why Cross-Training Works: 4 Key Benefits for Runners > 4. Increase Speed and Power")
    assert set(first["sources"][0]) == {"article", "section", "score"}
    assert isinstance(first["sources"][0]["score"], float)
    scores = [s["score"] for s in first["sources"]]
    assert scores == sorted(scores, reverse=True)
    assert "error" in out[1] and "not valid JSON" in out[1]["error"]
    assert "error" in out[2] and "error" in out[3]
    assert out[4]["covered"] is False and out[4]["sources"] == []
    assert out[5]["covered"] is False and "words" in out[5]["answer"]


def test_ask_json_with_a_question_prints_one_object() -> None:
    result = runner.invoke(app, ["ask", "--json", "What are plyometric drills good for?"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["covered"] is True
