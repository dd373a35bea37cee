"""A started worker leaves the libraries of rare paths and of start-up chores unimported.

Each costs resident memory for as long as the worker lives (bench/memory.py): Chroma's
client (the worker searches a copy of the index, knowledge/index_copy.py), Alembic (the
schema is migrated by the child that prepares the start), the article splitter (only
indexing splits), matplotlib (/week charts), the run-file readers (a file sent), the
onnx package (the model's graph is rewritten in a child, knowledge/graph_child.py) and,
polling, aiohttp's web server (webhook mode). The worker runs in a fresh interpreter of
its own, so nothing a test imported counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

LEFT_OUT = ("chromadb", "alembic", "langchain_text_splitters", "matplotlib", "fitdecode",
            "gpxpy", "tcxreader", "langchain", "aiohttp", "onnx", "ml_dtypes")
NEEDED = ("onnxruntime", "knowledge.retriever", "knowledge.index_copy", "telegram.ext")

WORKER = """
import asyncio, json, sys
from pathlib import Path

import bot.cli.run_commands  # what `crosstrain run` imports before it polls
import bot.polling
from bot.app import build_application, running
from config.settings import Settings
from telegram import Update
from tests.bot.offline_request import OfflineRequest
from tests.bot.updates import DEFAULT_TOKEN, TgUser, command_update, text_update


async def main() -> None:
    settings = Settings(_env_file=None, data_dir=Path(sys.argv[1]),
                        telegram_bot_token=DEFAULT_TOKEN, telegram_rate_limit=0)
    request = OfflineRequest(strict=False)
    application = build_application(settings, request=request)
    user = TgUser(id=4242, first_name="Ada")
    async with running(application):
        for payload in (text_update(user, "is cycling good cross-training for a marathon?"),
                        text_update(user, "I get chest pain and feel dizzy when I run"),
                        command_update(user, "start"), text_update(user, "Ada")):
            await application.process_update(Update.de_json(payload, application.bot))
    print(json.dumps({"modules": sorted(sys.modules), "replies": request.texts(user.id)}))


asyncio.run(main())
"""


def test_a_worker_that_answered_questions_has_not_imported_rare_or_start_up_libraries(
    isolated_environment: Path,
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "CROSSTRAIN_LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "-c", WORKER, str(isolated_environment)],
                          capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    modules = set(report["modules"])

    # It did start and answer: the model, the retriever over the index's copy.
    assert set(NEEDED) <= modules
    assert any("Source" in reply for reply in report["replies"]), report["replies"]
    loaded = sorted(name for name in modules if name.split(".")[0] in LEFT_OUT)
    assert loaded == []
