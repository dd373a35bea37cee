"""/week, /coach week and documents through the real Application (offline Bot API)."""

from __future__ import annotations

import io

from PIL import Image

from storage import repository
from tests.bot.conftest import BotHarness
from tests.bot.updates import TgUser, command_update, document_update, text_update

ANNA = TgUser(id=4401, first_name="Anna")
COACH = TgUser(id=9000, first_name="Coach")  # in bot_settings' coach_ids


async def test_week_sends_a_photo_with_its_summary_as_caption(harness: BotHarness) -> None:
    await harness.send(ANNA, "/start")  # /week creates nobody
    await harness.process(command_update(ANNA, "week"))
    [photo] = harness.request.calls_to("sendPhoto", chat_id=ANNA.id)
    assert "Week of" in photo.params["caption"]
    [(name, content)] = harness.request.documents(ANNA.id)
    assert name == "week.png"
    assert Image.open(io.BytesIO(content)).format == "PNG"


async def test_coach_week_is_refused_to_an_athlete(harness: BotHarness) -> None:
    texts = await harness.send(ANNA, "/coach week")
    assert texts == ["Sorry, that command is not available."]
    assert harness.request.calls_to("sendPhoto") == []


async def test_coach_week_sends_the_roster_to_a_coach(harness: BotHarness) -> None:
    assert await harness.send(COACH, "/coach week") == [
        "No athletes have finished onboarding yet."]
    with harness.services.transaction() as session:
        anna = repository.get_or_create_athlete(session=session, telegram_user_id=ANNA.id,
                                                chat_id=ANNA.id, name="Anna")
        repository.update_profile(session=session, athlete_id=anna.id, onboarded=True)
    await harness.process(command_update(COACH, "coach", "week", bot_username="bot"))
    [photo] = harness.request.calls_to("sendPhoto", chat_id=COACH.id)
    assert photo.params["caption"].startswith("Team week of")
    assert f"Anna (id {ANNA.id})" in harness.request.last_text(COACH.id)


async def test_plain_coach_still_reaches_the_attention_list(harness: BotHarness) -> None:
    texts = await harness.send(COACH, "/coach")
    assert harness.request.calls_to("sendPhoto") == []
    assert texts and "Team week" not in texts[0]


async def test_a_text_that_mentions_coach_week_is_not_the_command(harness: BotHarness) -> None:
    await harness.process(text_update(COACH, "my coach week was fine"))
    assert harness.request.calls_to("sendPhoto") == []


async def test_a_foreign_or_oversized_document_is_refused_without_a_download(
    harness: BotHarness,
) -> None:
    await harness.send(ANNA, "/start")  # a run file creates nobody
    before = len(harness.request.texts(ANNA.id))
    await harness.process(document_update(ANNA, file_name="notes.txt"))
    await harness.process(document_update(ANNA, file_name="big.fit",
                                          mime_type="application/octet-stream",
                                          file_size=25 * 1024 * 1024))
    texts = harness.request.texts(ANNA.id)[before:]
    assert ".fit, .gpx or .tcx" in texts[0]
    assert "over 20 MB" in texts[1]
    assert harness.request.calls_to("getFile") == []
