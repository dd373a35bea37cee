"""``crosstrain run`` in webhook mode: updates arrive by POST with the secret token."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

from tests.bot.updates import text_update
from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.process import python_module_command

ZOE = TgUser(id=6201, first_name="Zoe")
SECRET = "webhook-Secret_42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def athlete_ids(data_dir: Path) -> list[int]:
    with sqlite3.connect(data_dir / "crosstrain.db") as connection:
        return [row[0] for row in connection.execute("select telegram_user_id from athlete")]


async def test_webhook_mode_answers_and_refuses_a_wrong_secret(
    start_bot: StartBot, emulator_client: EmulatorClient, isolated_environment: Path,
) -> None:
    port = free_port()
    await start_bot(python_module_command("bot", "run"), timeout=90, env={
        "CROSSTRAIN_MODE": "webhook",
        "CROSSTRAIN_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "CROSSTRAIN_WEBHOOK_SECRET": SECRET,
        "CROSSTRAIN_WEBHOOK_LISTEN": "127.0.0.1",
        "CROSSTRAIN_WEBHOOK_PORT": str(port),
    })
    state = await emulator_client.state()
    assert state["webhook"]["secret_token"] == SECRET

    await emulator_client.send_text(ZOE, "/help")
    reply = await emulator_client.wait_for_text(ZOE.id, "/swap", timeout=20)
    assert reply.text

    stranger = TgUser(id=6202, first_name="Mallory")
    for secret in ("wrong-secret", None):
        status, _ = await emulator_client.post_to_webhook(
            text_update(stranger, "/start"), secret_token=secret)
        assert status == 403
    assert stranger.id not in athlete_ids(isolated_environment)
    assert await emulator_client.messages(stranger.id) == []
