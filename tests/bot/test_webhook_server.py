"""The webhook's HTTP server (h11 over asyncio streams) in front of the real Application."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.webhook import MAX_UPDATE_BYTES, SECRET_HEADER, WebhookServer
from tests.bot.conftest import BotHarness
from tests.bot.updates import TgUser, text_update

SECRET = "s3cret"
ADA = TgUser(id=8401, first_name="Ada")


@pytest.fixture
async def served(harness: BotHarness) -> AsyncIterator[tuple[BotHarness, str]]:
    webhook = WebhookServer(harness.app, SECRET, "telegram")
    server = await asyncio.start_server(webhook.serve_connection, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield harness, f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await webhook.stop()


async def test_an_update_is_handled_before_the_answer_and_connections_are_kept(
    served: tuple[BotHarness, str],
) -> None:
    harness, url = served
    async with httpx.AsyncClient(base_url=url) as client:
        for text in ("hello", "is cycling good cross-training for a marathon?"):
            response = await client.post("/telegram", json=text_update(ADA, text),
                                         headers={SECRET_HEADER: SECRET})
            assert response.status_code == 200 and response.text == "ok"
        assert len(harness.request.texts(ADA.id)) == 2  # replied before 200 came back
        assert (await client.get("/healthz")).text == "ok"


async def test_what_is_not_an_update_changes_nothing(served: tuple[BotHarness, str]) -> None:
    harness, url = served
    update = text_update(ADA, "hello")
    async with httpx.AsyncClient(base_url=url) as client:
        assert (await client.post("/telegram", json=update,
                                  headers={SECRET_HEADER: "wrong"})).status_code == 403
        assert (await client.post("/telegram", json=update)).status_code == 403
        assert (await client.post("/telegram", content=b"{not json",
                                  headers={SECRET_HEADER: SECRET})).status_code == 400
        assert (await client.post("/telegram", json=[1, 2],
                                  headers={SECRET_HEADER: SECRET})).status_code == 400
        assert (await client.post("/elsewhere", json=update,
                                  headers={SECRET_HEADER: SECRET})).status_code == 404
        wrong_method = await client.get("/telegram")
        assert wrong_method.status_code == 405 and wrong_method.headers["Allow"] == "POST"
        too_big = await client.post("/telegram", content=b"x" * (MAX_UPDATE_BYTES + 1),
                                    headers={SECRET_HEADER: SECRET})
        assert too_big.status_code == 413
    assert harness.request.texts(ADA.id) == []


async def test_a_malformed_request_gets_400_and_the_server_goes_on(
    served: tuple[BotHarness, str],
) -> None:
    _, url = served
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(b"NOT HTTP AT ALL\r\n\r\n")
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), 10)
    assert status_line.startswith(b"HTTP/1.1 400")
    writer.close()
    async with httpx.AsyncClient(base_url=url) as client:
        assert (await client.get("/healthz")).status_code == 200


def test_the_webhook_server_does_not_import_a_web_framework() -> None:
    root = Path(__file__).resolve().parents[2]
    code = "import sys, bot.webhook; print('aiohttp' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    assert result.stdout.strip() == "False"
