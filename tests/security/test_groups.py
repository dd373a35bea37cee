"""Nothing about an athlete is posted in a group, and a group never becomes their chat.

Athletes talk to the bot in a private chat. Anyone can add a bot to a group, though, and
there /profile would show an athlete's injuries to every member, /coach every athlete's
name, and a check-in would follow the athlete there.
"""

from __future__ import annotations

import pytest
from telegram.ext import TypeHandler

from bot.handlers import privacy
from storage import repository
from tests.bot.updates import TgUser, command_update, group_chat_dict, text_update
from tests.security.conftest import COACH, World, canary_owners

pytestmark = pytest.mark.asyncio(loop_scope="package")

GROUP = group_chat_dict(-100_777, "Tuesday running club")
GROUP_TEXTS = ["/profile", "/history", "/export", "/plan", "/settings", "/checkin now",
               "/start", "/swap my tempo run, no time",
               "what can I do instead of running with a sore knee?",
               "I missed my long run because my knee hurts"]


def privacy_guard_registered(world: World) -> bool:
    return any(isinstance(handler, TypeHandler) and handler.callback is privacy.private_chats_only
               for handlers in world.harness.app.handlers.values() for handler in handlers)


async def test_a_message_in_a_group_does_not_make_the_group_the_athletes_chat(
    world: World,
) -> None:
    case = world.cases[40]
    await world.act(case.user, "group /profile", command_update(case.user, "profile",
                                                                 chat=GROUP))
    await world.act(case.user, "group text", text_update(case.user, "hi", chat=GROUP))
    with world.harness.services.transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(session=session,
                                                        telegram_user_id=case.id)
        assert athlete is not None and athlete.chat_id == case.id
    # Someone whose very first message is in a group is stored with their private chat.
    newcomer = TgUser(id=88_888, first_name="New")
    await world.act(newcomer, "group newcomer", command_update(newcomer, "start", chat=GROUP))
    with world.harness.services.transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(session=session,
                                                        telegram_user_id=newcomer.id)
        assert athlete is None or athlete.chat_id == newcomer.id


async def test_nothing_of_an_athlete_is_posted_in_a_group(world: World) -> None:
    case = world.cases[41]
    posted = []
    for text in GROUP_TEXTS:
        payload = (command_update(case.user, text[1:].partition(" ")[0],
                                  text.partition(" ")[2], chat=GROUP)
                   if text.startswith("/") else text_update(case.user, text, chat=GROUP))
        posted.append(await world.act(case.user, f"group {text}", payload))
    posted.append(await world.act(COACH, "group /coach",
                                  command_update(COACH, "coach", chat=GROUP)))
    leaked = [step.label for step in posted if canary_owners(step.text)]
    if not privacy_guard_registered(world):
        # Until bot/app.py registers bot.handlers.privacy.HANDLER before the rest, the bot
        # answers in groups; this documents that it does, and what it reveals.
        assert leaked
        pytest.xfail(f"athlete data posted in a group by {leaked}: register "
                     "bot.handlers.privacy.HANDLER first (its own group, e.g. -2) in bot/app.py")
    assert not leaked
    for step in posted:
        if step.label.startswith("group /"):
            assert step.texts() == [privacy.PRIVATE_ONLY], step.label
