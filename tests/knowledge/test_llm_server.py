"""An OpenAI-compatible chat server on loopback, configured only through settings."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from config.settings import Settings
from knowledge.service import build_answerer

QUESTION = "Do jump squats and bounding make you faster?"


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200

    async def chat(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        if self.status != 200:
            return web.json_response({"error": {"message": "overloaded"}}, status=self.status)
        return web.json_response({
            "id": "chatcmpl-1", "object": "chat.completion", "created": int(time.time()),
            "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                "role": "assistant",
                "content": "Yes: plyometrics such as jump squats build explosive power [1]."}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        })


@pytest.fixture
async def openai_server() -> AsyncIterator[tuple[FakeOpenAI, str]]:
    fake = FakeOpenAI()
    app = web.Application()
    app.router.add_post("/v1/chat/completions", fake.chat)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield fake, f"http://127.0.0.1:{port}/v1"
    await runner.cleanup()


async def test_a_local_llm_answers_from_the_passages_and_a_failure_falls_back(
    settings: Settings, openai_server: tuple[FakeOpenAI, str],
) -> None:
    fake, base_url = openai_server
    configured = settings.model_copy(update={"llm": "local-model", "llm_base_url": base_url,
                                             "llm_timeout_seconds": 5.0})
    answerer = build_answerer(configured)
    answer = await answerer.aanswer(QUESTION)
    assert answer.text.startswith("Yes: plyometrics such as jump squats build explosive power.")
    assert answer.text.endswith("Increase Speed and Power")
    prompt = json.dumps(fake.requests[0]["messages"])
    assert fake.requests[0]["model"] == "local-model"
    assert "jump squats and bounding drills" in prompt  # the retrieved passage was sent
    assert "ONLY the passages" in prompt

    fake.status = 503
    fallback = await answerer.aanswer(QUESTION)
    assert fallback.covered
    assert "jump squats and bounding drills" in fallback.text
    answerer.close()
