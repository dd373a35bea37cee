"""A pain told in a message shows in /profile, though no injury was stored for it (found
playing: "achilles is sore today, like a 4" was answered, then /profile said "Injuries:
none", as if it had not been heard)."""

from __future__ import annotations

from datetime import date

from tests.usecases import support
from tests.usecases.support import World, say
from usecases import account

world = support.world  # the fixture


def _profile(world: World) -> str:
    return "\n".join(reply.text for reply in account.profile(world.services,
                                                             telegram_user_id=1))


def test_a_pain_told_shows_under_the_injuries(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "my right calf is tight after yesterday, maybe 3/10")
    shown = _profile(world)
    assert "Injuries: none" in shown
    assert "Recent pain: right calf 3/10 (Thu 26 Nov)" in shown, shown


def test_the_newest_pain_comes_first(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))
    say(world, ana, "left knee is a bit sore, like a 2")
    world.clock.on(date(2026, 11, 26))
    say(world, ana, "hip aches today 4/10")
    shown = _profile(world)
    assert shown.index("hip 4/10") < shown.index("left knee 2/10"), shown


def test_without_consent_no_pain_is_shown(world: World) -> None:
    ana = world.athlete(consent=False)
    say(world, ana, "my right calf is tight, maybe 3/10")
    assert "Recent pain" not in _profile(world)


def test_no_pain_told_adds_no_line(world: World) -> None:
    world.athlete()
    assert "Recent pain" not in _profile(world)
