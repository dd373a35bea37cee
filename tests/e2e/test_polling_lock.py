"""A second polling ``crosstrain run`` on the same token and data directory refuses to start."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.process import bot_environment, python_module_command

BOT = python_module_command("bot", "run")
LEE = TgUser(id=4242, first_name="Lee")


@pytest.mark.usefixtures("prepared_data_dir")
async def test_a_second_poller_exits_with_a_clear_message(
    start_bot: StartBot, emulator: BotApiEmulator, emulator_client: EmulatorClient,
    isolated_environment: Path,
) -> None:
    first = await start_bot(BOT, timeout=90)
    env = bot_environment(emulator.base_url, token=emulator.token)
    second = await asyncio.to_thread(subprocess.run, BOT, env=env, capture_output=True,
                                     text=True, timeout=60, cwd=isolated_environment.parent,
                                     check=False)
    assert second.returncode == 3
    assert "already polling" in second.stderr
    assert first.is_running()
    # The first one still serves.
    await emulator_client.send_command(LEE, "help")
    assert await emulator_client.wait_for_text(LEE.id, "/swap", timeout=20)
