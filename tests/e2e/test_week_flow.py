"""Run files, /week and /coach week with the real ``crosstrain run`` process and the
Bot API emulator: documents are downloaded through getFile and logged, /week answers
with a photo, /coach week is refused to athletes and shows the coach counts and colours."""

# ruff: noqa: ASYNC109

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from coach.planning import WEEKDAY_NAMES
from tests.coach.runfile_builders import corrupted, fit_activity, gpx_activity, tcx_activity
from tests.e2e.client import BotMessage, EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.process import python_module_command
from tests.e2e.test_bot_flow import STARTUP, say

RUNNER = TgUser(id=5201, first_name="Rita")
COACH = TgUser(id=5299, first_name="Coach")
BOT = python_module_command("bot", "run")
CANARY = "zebra-week-canary"


async def send_file(client: EmulatorClient, name: str, data: bytes, expect: str,
                    timeout: float = 20.0) -> BotMessage:
    await client.send_document(RUNNER, name, data, mime_type="application/octet-stream")
    return await client.wait_for_text(RUNNER.id, expect, timeout=timeout)


async def onboard_skipping(client: EmulatorClient, user: TgUser) -> None:
    prompt = await say(client, user, "/start", "What should I call you?")
    for _ in range(12):
        await client.press_button(user, prompt, text="Skip")
        prompt = await client.wait_for_message(user.id, lambda m: m.has_inline_keyboard
                                               or "All set" in (m.text or ""))
        if "All set" in (prompt.text or ""):
            return
    raise AssertionError("onboarding did not finish after skipping every step")


@pytest.mark.usefixtures("prepared_data_dir")
async def test_run_files_week_picture_and_coach_roster(
    start_bot: StartBot, emulator_client: EmulatorClient,
) -> None:
    client = emulator_client
    await start_bot(BOT, env={"CROSSTRAIN_COACH_IDS": str(COACH.id)}, timeout=STARTUP)
    await onboard_skipping(client, RUNNER)
    now = datetime.now(UTC)
    today, yesterday = now.date(), now.date() - timedelta(days=1)
    await say(client, RUNNER, f"/plan {WEEKDAY_NAMES[today.weekday()][:3]} easy 40, "
              f"{WEEKDAY_NAMES[yesterday.weekday()][:3]} tempo 45", "")
    start = datetime.combine(today, datetime.min.time(), UTC) + timedelta(minutes=5)

    # Each format is downloaded and logged; the run is compared with today's plan.
    fit = fit_activity(start=start, minutes=38)
    logged = await send_file(client, "Morning_Run.fit", fit, "Logged your running")
    assert "38 of 40 planned minutes" in (logged.text or "")
    again = await send_file(client, "copy.fit", fit, "already have that file")
    assert "Nothing changed" in (again.text or "")
    ride = await send_file(client, "ride.gpx",
                           gpx_activity(start=start - timedelta(days=1), minutes=60,
                                        kind="cycling"), "Logged your cycling")
    assert "swap for your 45-minute tempo" in (ride.text or "")
    await send_file(client, "extra.tcx", tcx_activity(start=start + timedelta(hours=3),
                                                      minutes=20), "Logged your running")
    await send_file(client, "broken.fit", corrupted(fit), "couldn't read that .fit file")
    await send_file(client, "notes.txt", b"hello", ".fit, .gpx or .tcx")
    await say(client, RUNNER, f"my knee hurts {CANARY}", "")

    # /week: a photo, with its summary as the caption.
    week = await say(client, RUNNER, "/week", "Week of")
    assert week.method == "sendPhoto"
    [picture] = await client.photos(RUNNER.id)
    assert Image.open(io.BytesIO(picture.content)).size == (1080, 810)

    # /coach week: refused to an athlete; the coach gets counts and colours only.
    refused = await say(client, RUNNER, "/coach week", "not available")
    assert refused.method == "sendMessage"
    roster = await say(client, COACH, "/coach week", "Team week of")
    assert roster.method == "sendPhoto"
    rows = await client.wait_for_text(COACH.id, f"(id {RUNNER.id})")
    coach_saw = " ".join(m.text or "" for m in await client.messages(COACH.id))
    assert CANARY not in coach_saw and "knee" not in coach_saw
    assert "done" in (rows.text or "")

    # /export holds the three sessions.
    await say(client, RUNNER, "/export", "")
    await client.wait_for_call("sendDocument")
    [export] = [d for d in await client.documents(RUNNER.id) if d.method == "sendDocument"]
    sessions = json.loads(export.text())["logged_activities"]
    assert sorted(s["sport"] for s in sessions) == ["cycling", "running", "running"]
