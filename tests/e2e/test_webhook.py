"""``crosstrain run`` in webhook mode: updates arrive by POST with the secret token."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from bot.webhook import SECRET_HEADER
from tests.bot.updates import text_update
from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.process import python_module_command, wait_until_serving

ZOE = TgUser(id=6201, first_name="Zoe")
SECRET = "webhook-Secret_42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_env(port: int) -> dict[str, str]:
    return {
        "CROSSTRAIN_MODE": "webhook",
        "CROSSTRAIN_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "CROSSTRAIN_WEBHOOK_SECRET": SECRET,
        "CROSSTRAIN_WEBHOOK_LISTEN": "127.0.0.1",
        "CROSSTRAIN_WEBHOOK_PORT": str(port),
    }


def athlete_ids(data_dir: Path) -> list[int]:
    with sqlite3.connect(data_dir / "crosstrain.db") as connection:
        return [row[0] for row in connection.execute("select telegram_user_id from athlete")]


@pytest.mark.usefixtures("prepared_data_dir")  # a restart: test_bot_flow has the first start
async def test_webhook_mode_answers_and_refuses_a_wrong_secret(
    start_bot: StartBot, emulator_client: EmulatorClient, isolated_environment: Path,
) -> None:
    port = free_port()
    await start_bot(python_module_command("bot", "run"), timeout=90, env=webhook_env(port))
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


@pytest.mark.usefixtures("prepared_data_dir")  # a restart: test_bot_flow has the first start
async def test_malformed_webhook_posts_are_refused(
    start_bot: StartBot, emulator_client: EmulatorClient, isolated_environment: Path,
) -> None:
    port = free_port()
    await start_bot(python_module_command("bot", "run"), timeout=90, env=webhook_env(port))
    import httpx

    url = f"http://127.0.0.1:{port}/telegram"
    async with httpx.AsyncClient() as http:
        bad_json = await http.post(url, content=b"{not json", headers={SECRET_HEADER: SECRET})
        not_update = await http.post(url, json=[1, 2], headers={SECRET_HEADER: SECRET})
        health = await http.get(f"http://127.0.0.1:{port}/healthz")
    assert (bad_json.status_code, not_update.status_code, health.status_code) == (400, 400, 200)


async def test_two_workers_on_postgres_and_a_chroma_server_share_one_address(
    start_bot: StartBot, emulator_client: EmulatorClient, pg_url: str, chroma_server: int,
) -> None:
    port = free_port()
    env = {**webhook_env(port), "DATABASE_URL": pg_url,
           "CROSSTRAIN_CHROMA_HOST": "127.0.0.1", "CROSSTRAIN_CHROMA_PORT": str(chroma_server)}
    workers = [await start_bot(python_module_command("bot", "run"), timeout=90, env=env,
                               name="worker1")]
    # The first set the webhook: wait for the second's own listening socket.
    workers.append(await start_bot(python_module_command("bot", "run"), wait=False, env=env,
                                   name="worker2"))
    await wait_until_serving(workers[1])
    users = [TgUser(id=6300 + n, first_name=f"Runner{n}") for n in range(12)]
    for user in users:
        await emulator_client.send_text(user, "is swimming good cross-training?")
        await emulator_client.send_command(user, "help")
    for user in users:
        replies = await emulator_client.wait_for_messages(user.id, 2, timeout=30)
        assert any("Source" in (m.text or "") for m in replies)
    assert all(worker.is_running() for worker in workers)
    for user in users:  # nothing more arrives: each update was answered once
        assert len(await emulator_client.messages(user.id)) == 2
