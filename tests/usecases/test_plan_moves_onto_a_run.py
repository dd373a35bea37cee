"""A run moved onto a day that holds another is never stacked nor the old day rested in
silence: told for this week, the two trade days; told for good, the run there takes the
day the moved run left. The reply says what changed."""

from __future__ import annotations

from datetime import date

import pytest

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture

MONDAY = date(2026, 11, 23)  # Wed 25 Nov is easy 35, Thu 26 Nov tempo 45 in the plan


def _week(w: World, athlete_id: int) -> dict[int, tuple[str, int]]:
    with w.services.transaction() as session:
        return {e.weekday: (e.kind, e.minutes)
                for e in repository.get_weekly_plan(session=session, athlete_id=athlete_id)}


def _this_week(w: World, athlete_id: int) -> dict[date, tuple[str, int]]:
    with w.services.transaction() as session:
        return {c.day: (c.kind, c.minutes) for c in repository.list_plan_changes(
            session=session, athlete_id=athlete_id, since=MONDAY,
            until=date(2026, 11, 29))}


@pytest.mark.parametrize("text", [
    "move my tempo to wednesday", "pls move tempo to wed",
    "can you move my tempo run to weds?", "shift the tempo to wednesday 🙏",
])
def test_a_move_told_trades_the_two_days_this_week(world: World, text: str) -> None:
    ana = world.athlete()
    world.clock.on(MONDAY)
    reply = say(world, ana, text).text
    assert "Wed 25 Nov is now your 45 min tempo run" in reply, reply
    assert "Thu 26 Nov your 35 min easy run" in reply
    assert _this_week(world, ana) == {date(2026, 11, 25): ("tempo", 45),
                                      date(2026, 11, 26): ("easy", 35)}
    assert _week(world, ana)[3] == ("tempo", 45)  # the weekly plan stays


@pytest.mark.parametrize("text", [
    "my tempo is on wednesdays now", "switch my tempo to wednesdays",
    "move my tempo to wednesday for good",
])
def test_a_move_for_good_gives_the_run_there_the_day_left(world: World, text: str) -> None:
    ana = world.athlete()
    world.clock.on(MONDAY)
    reply = say(world, ana, text).text
    week = _week(world, ana)
    assert week[2] == ("tempo", 45) and week[3] == ("easy", 35), week
    assert "35 min easy run moves to Thu" in reply, reply


def test_a_kind_held_on_several_days_frees_none(world: World) -> None:
    ana = world.athlete()
    world.clock.on(MONDAY)
    say(world, ana, "easy runs on fridays from now on")
    week = _week(world, ana)
    assert week[0] == ("easy", 30) and week[2] == ("easy", 35)


def test_a_move_asked_about_is_answered_not_done(world: World) -> None:
    ana = world.athlete()
    world.clock.on(MONDAY)
    say(world, ana, "can i move my tempo to wednesday?")
    assert _this_week(world, ana) == {}


def test_a_move_told_after_options_moves_and_corrects_nothing(world: World) -> None:
    # Found playing: "move my tempo to wednesday" just after options for another run was
    # read as "the run I missed was wednesday's".
    ana = world.athlete()
    world.clock.on(MONDAY)
    say(world, ana, "missed yesterday's recovery run, overslept")
    reply = say(world, ana, "move my tempo to wednesday").text
    assert "Wed 25 Nov is now your 45 min tempo run" in reply, reply


def test_a_move_asked_after_a_pain_report_is_answered_as_a_move(world: World) -> None:
    # Found playing: after "knee hurts on stairs 3/10", "can i move my long run to
    # saturday this week?" was answered "Nothing is planned for Saturday, so rest".
    ana = world.athlete()
    world.clock.on(MONDAY)
    say(world, ana, "knee hurts on stairs today, 3/10")
    reply = say(world, ana, "can i move my recovery run to friday this week?").text
    assert "Sunday's recovery run (25 min) on Friday" in reply, reply
