"""Onboarding through the real ``crosstrain run`` process and the Bot API emulator: answers
read whole, a worded yes, a restart of the process mid-onboarding that resumes where it
was, opt-in check-ins, and nothing re-created after /forget."""

# ruff: noqa: ASYNC109

from __future__ import annotations

import pytest

from tests.e2e.client import BotMessage, EmulatorClient, TgUser
from tests.e2e.conftest import StartBot
from tests.e2e.process import python_module_command

MIA = TgUser(id=5201, first_name="M")
BOT = python_module_command("bot", "run")
STARTUP = 90.0  # the first start builds the knowledge index


async def say(client: EmulatorClient, user: TgUser, text: str, expect: str,
              timeout: float = 15.0) -> BotMessage:
    if text.startswith("/"):
        command, _, args = text[1:].partition(" ")
        await client.send_command(user, command, args)
    else:
        await client.send_text(user, text)
    return await client.wait_for_text(user.id, expect, timeout=timeout)


@pytest.mark.usefixtures("prepared_data_dir")
async def test_messy_onboarding_survives_a_restart_and_check_ins_are_opt_in(
    start_bot: StartBot, emulator_client: EmulatorClient,
) -> None:
    client = emulator_client
    bot = await start_bot(BOT, timeout=STARTUP)
    await say(client, MIA, "/start", "What should I call you?")
    await say(client, MIA, "it's Mia", "Nice to meet you, Mia!")
    consent = await say(client, MIA, "Berlin marathon on sept 27", "May I store health")
    assert "When is it?" not in (consent.text or "")
    await say(client, MIA, "yes ok", "injuries or niggles")
    await bot.stop()

    # A new process: the question awaiting an answer comes from the database.
    await start_bot(BOT, timeout=STARTUP)
    await say(client, MIA, "none rn", "No injuries")
    week = await say(client, MIA, "mon easy 40, sat long 2h30, knee is like a 3/10",
                     "Saturday: long 150 min")
    assert "3/10" in (week.text or "")
    await say(client, MIA, "gym and a bike trainer", "Which activities")
    await say(client, MIA, "cycling", "Your timezone?")
    await say(client, MIA, "Berlin", "check in")
    await say(client, MIA, "nah", "No daily check-ins")
    profile = await say(client, MIA, "/profile", "Name: Mia")
    for expected in ("Berlin marathon on 27 September 2027", "knee", "Europe/Berlin",
                     "Check-ins: off"):
        assert expected in (profile.text or ""), expected

    confirm = await say(client, MIA, "/forget", "can't be undone")
    await client.press_button(MIA, confirm, text="Yes, erase everything")
    await client.wait_for_text(MIA.id, "everything about you is erased")
    for command in ("/profile", "/settings", "/plan"):
        await say(client, MIA, command, "don't know you yet")
