"""The real ``crosstrain run`` process against the Bot API emulator, driven as two users."""

# ruff: noqa: ASYNC109

from __future__ import annotations

import json

from tests.e2e.client import BotMessage, EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.process import python_module_command

ANNA = TgUser(id=5101, first_name="Anna")
BEN = TgUser(id=5102, first_name="Bartholomew")
BOT = python_module_command("bot", "run")
ANNA_CANARY = "zebra-knee-canary"
STARTUP = 90.0  # first start builds the knowledge index


async def say(client: EmulatorClient, user: TgUser, text: str, expect: str,
              timeout: float = 15.0) -> BotMessage:
    if text.startswith("/"):
        command, _, args = text[1:].partition(" ")
        await client.send_command(user, command, args)
    else:
        await client.send_text(user, text)
    return await client.wait_for_text(user.id, expect, timeout=timeout)


async def press(client: EmulatorClient, user: TgUser, message: BotMessage, button: str,
                expect: str, timeout: float = 15.0) -> BotMessage:
    await client.press_button(user, message, text=button)
    return await client.wait_for_text(user.id, expect, timeout=timeout)


async def onboard_anna(client: EmulatorClient) -> None:
    await say(client, ANNA, "/start", "What should I call you?")
    await say(client, ANNA, "Anna", "What are you training for?")
    await say(client, ANNA, "100K ultra with 4000 m of climbing", "When is it?")
    consent = await say(client, ANNA, "2027-09-12", "May I store health details")
    await press(client, ANNA, consent, "Yes, store them", "injuries or niggles")
    await say(client, ANNA, f"left knee {ANNA_CANARY}", "usual running week")
    await say(client, ANNA, "Mon easy 40, Wed tempo 45, Sat long 100",
              "What do you have access to?")
    await say(client, ANNA, "pool, bike, stairs, gym", "Which activities do you enjoy?")
    zone = await say(client, ANNA, "swimming", "Your timezone?")
    clock = await press(client, ANNA, zone, "UTC", "What time should I check in")
    await press(client, ANNA, clock, "07:00", "All set!")


async def onboard_ben_skipping_everything(client: EmulatorClient) -> None:
    first = await say(client, BEN, "/start", "What should I call you?")
    prompt = first
    for _ in range(12):
        await client.press_button(BEN, prompt, text="Skip")
        prompt = await client.wait_for_message(BEN.id, lambda m: m.has_inline_keyboard
                                               or "All set" in (m.text or ""))
        if "All set" in (prompt.text or ""):
            break
    else:
        raise AssertionError("onboarding did not finish after skipping every step")
    # Consent was skipped, so the injuries question never came.


async def test_two_athletes_onboard_ask_swap_check_in_and_forget(
    start_bot: StartBot, emulator_client: EmulatorClient,
) -> None:
    client = emulator_client
    await start_bot(BOT, timeout=STARTUP)
    await onboard_anna(client)
    await onboard_ben_skipping_everything(client)

    # A question gets an answer from the article, with its source.
    answer = await say(client, ANNA, "my knee hurts after long runs, what can I do instead?",
                       "Source")
    assert "Reduce Injuries" in (answer.text or "") or "Cross-Training" in (answer.text or "")

    # /swap: options as buttons; the choice is logged and confirmed.
    options = await say(client, ANNA, "/swap 40 min tempo, no time", "Tap the one")
    assert options.has_inline_keyboard
    first_option = options.buttons[0].text
    await press(client, ANNA, options, first_option, "Logged:")

    # Ben's check-in: missed -> reason -> (no plan: which run?) -> options -> choice.
    prompt = await say(client, BEN, "/checkin now", "Did you train today?")
    reasons = await press(client, BEN, prompt, "Missed", "What got in the way?")
    await press(client, BEN, reasons, "No time", "Which run did you miss")
    offered = await say(client, BEN, "easy 40 min", "Tap the one")
    assert "40 min easy run" in (offered.text or "")
    await press(client, BEN, offered, offered.buttons[0].text, "Logged:")

    history = await say(client, BEN, "/history", "Last 4 weeks")
    assert "instead of 40 min easy run" in (history.text or "")
    assert "no time" in (history.text or "")

    # Each athlete sees only their own data.
    ben_profile = await say(client, BEN, "/profile", "Name:")
    assert ANNA_CANARY not in (ben_profile.text or "")
    assert "Anna" not in (ben_profile.text or "")
    anna_profile = await say(client, ANNA, "/profile", "Name:")
    assert ANNA_CANARY in (anna_profile.text or "")
    for message in await client.messages(BEN.id):
        assert ANNA_CANARY not in (message.text or "")

    await say(client, ANNA, "/export", "")
    await client.wait_for_call("sendDocument")
    [document] = await client.documents(ANNA.id)
    exported = json.loads(document.text())
    assert ANNA_CANARY in json.dumps(exported)
    assert "Bartholomew" not in json.dumps(exported)
    assert str(BEN.id) not in json.dumps(exported)

    # /forget asks first, then erases everything about Ben only.
    confirm = await say(client, BEN, "/forget", "can't be undone")
    await press(client, BEN, confirm, "Yes, erase everything", "everything about you is erased")
    after = await say(client, BEN, "/history", "don't know you yet")
    assert "instead of" not in (after.text or "")
    still = await say(client, ANNA, "/history", "Last 4 weeks")
    assert "instead of" in (still.text or "")
