"""The real bot against the Bot API emulator: a /swap with a niggle keeps its minutes and
logs the niggle, a hotel shapes the options, a week's two days trade, and the coach's
words are defined."""


from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.client import EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.process import python_module_command
from tests.e2e.test_bot_flow import STARTUP, press, say

MO = TgUser(id=5301, first_name="Mo")
BOT = python_module_command("bot", "run")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


async def onboard_mo(client: EmulatorClient) -> None:
    await say(client, MO, "/start", "What should I call you?")
    await say(client, MO, "Mo", "What are you training for?")
    consent = await say(client, MO, "/skip", "May I store health details")
    await press(client, MO, consent, "Yes, store them", "injuries or niggles")
    await say(client, MO, "none", "usual running week")
    # A run every day, each a different length: whatever today is, it holds a run.
    await say(client, MO, "mon easy 40, tue intervals 50, wed easy 35, thu tempo 45, "
                          "fri easy 30, sat long 120, sun recovery 25",
              "What do you have access to?")
    await say(client, MO, "gym, pool, rower", "Which activities do you enjoy?")
    zone = await say(client, MO, "cycling", "Your timezone?")
    clock = await press(client, MO, zone, "UTC", "What time should I check in")
    await press(client, MO, clock, "No check-ins", "All set!")


@pytest.mark.usefixtures("prepared_data_dir")
async def test_niggle_hotel_trade_and_words(start_bot: StartBot,
                                            emulator_client: EmulatorClient) -> None:
    client = emulator_client
    await start_bot(BOT, timeout=STARTUP)
    await onboard_mo(client)

    niggle = await say(client, MO, "/swap easy 45, achilles a bit niggly", "Tap the one")
    text = niggle.text or ""
    assert text.startswith("Thanks for telling me: achilles.") and "45 min easy run" in text
    assert "Nothing longer than the run it replaces, and stop if the pain rises" in text
    assert niggle.has_inline_keyboard and all(
        int(b.text.split("·")[1].split()[0]) <= 45 for b in niggle.buttons if "·" in b.text)

    hotel = await say(client, MO, "what can i do in a hotel", "Tap the one")
    assert "Fitted to a hotel" in (hotel.text or "")
    assert not any(word in b.text for b in hotel.buttons
                   for word in ("Rowing", "Swimming", "Deep-water"))

    today = datetime.now(UTC).date()
    one, two = DAYS[(today + timedelta(days=1)).weekday()], DAYS[
        (today + timedelta(days=2)).weekday()]
    traded = await say(client, MO, f"swap {one} and {two}", "just this once")
    assert "After that your usual plan is back." in (traded.text or "")

    zone = await say(client, MO, "what is zone 2?", "Zone 2 is easy")
    assert "Source:" not in (zone.text or "")
