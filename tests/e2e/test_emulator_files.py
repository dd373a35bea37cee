"""The emulator's file side, as the Bot API documents it: a user's document reaches the
bot, getFile gives a path the bot downloads from ``/file/bot<token>/``, files over 20 MB
are refused, and sendPhoto uploads are kept with their bytes."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import BadRequest
from telegram.request import HTTPXRequest

from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.emulator import MAX_DOWNLOAD_BYTES, BotApiEmulator

ANN = TgUser(id=6101, first_name="Ann")


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    request = HTTPXRequest(read_timeout=5.0, connect_timeout=2.0)
    async with Bot(emulator.token, base_url=emulator.base_url,
                   base_file_url=emulator.base_url.replace("/bot", "/file/bot"),
                   request=request) as ptb_bot:
        yield ptb_bot


async def test_a_users_document_is_downloaded_by_the_bot(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    content = b"\x0e\x10activity bytes"
    update = await emulator_client.send_document(ANN, "run.fit", content,
                                                  mime_type="application/octet-stream")
    document = update["message"]["document"]
    assert document["file_name"] == "run.fit" and document["file_size"] == len(content)
    file = await bot.get_file(document["file_id"])
    assert file.file_size == len(content)
    assert bytes(await file.download_as_bytearray()) == content


async def test_files_over_20_mb_are_refused_by_get_file(
    bot: Bot, emulator: BotApiEmulator, emulator_client: EmulatorClient,
) -> None:
    update = await emulator_client.send_document(ANN, "huge.fit",
                                                  b"\x00" * (MAX_DOWNLOAD_BYTES + 1))
    with pytest.raises(BadRequest, match="too big"):
        await bot.get_file(update["message"]["document"]["file_id"])


async def test_a_photo_upload_is_kept_with_its_bytes_and_caption(
    bot: Bot, emulator_client: EmulatorClient,
) -> None:
    await emulator_client.send_text(ANN, "hi")
    picture = io.BytesIO(b"\x89PNG\r\n\x1a\nnot really")
    picture.name = "week.png"
    await bot.send_photo(ANN.id, photo=picture, caption="Week of 2 March")
    [photo] = await emulator_client.photos(ANN.id)
    assert photo.file_name == "week.png" and photo.content.startswith(b"\x89PNG")
    [message] = await emulator_client.messages(ANN.id)
    assert message.text == "Week of 2 March"
