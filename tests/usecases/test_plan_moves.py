"""Two plan days swapped for one week: both sessions move, said back, and the rest of the
bot (check-ins, questions, swaps, the week) sees the moved sessions; the plan stays."""

from __future__ import annotations

from datetime import date

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say
from usecases import checkins, swaps

world = support.world  # the fixture
THURSDAY, SATURDAY = date(2026, 11, 26), date(2026, 11, 28)



def test_swap_thursday_and_saturday_moves_both_for_this_week_only(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "swap thursday and saturday this week")
    assert reply.text == ("Done, just this once: Thu 26 Nov is now your 150 min long run, "
                          "and Sat 28 Nov your 45 min tempo run. After that your usual plan "
                          "is back.")
    assert say(world, ana, "what's on saturday?").text.startswith(
        "Sat 28 Nov: tempo run, 45 min")
    assert "long run, 150 min" in checkins.checkin_now(uow=world.services,
                                                       athlete_id=ana).text
    missed = say(world, ana, "missed my run today, work ran late")
    assert "150 min long run (Thu 26 Nov)" in missed.text
    with world.services.transaction() as session:
        plan = {e.weekday: (e.kind, e.minutes)
                for e in repository.get_weekly_plan(session=session, athlete_id=ana)}
    assert plan[3] == ("tempo", 45) and plan[5] == ("long", 150)  # the plan stays
    world.clock.on(date(2026, 12, 3))  # next Thursday: the plan's tempo again
    assert "tempo run, 45 min" in checkins.checkin_now(uow=world.services,
                                                       athlete_id=ana).text


def test_the_swap_command_trades_days_too(world: World) -> None:
    ana = world.athlete()
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="thursday and saturday this week")
    assert "Tap the one" in reply.text  # no trade word: a swap for a run, as before
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana,
                             text="switch thu and sat this week")
    assert reply.text.startswith("Done, just this once: Thu 26 Nov is now your 150 min")


def test_a_day_already_logged_is_not_traded(world: World) -> None:
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.record_checkin(session=session, athlete_id=ana, day=THURSDAY,
                                  status="done", now=world.clock())
    reply = say(world, ana, "swap thursday and saturday this week")
    assert "Thu 26 Nov is already logged" in reply.text
    with world.services.transaction() as session:
        assert repository.list_plan_changes(session=session, athlete_id=ana,
                                            since=THURSDAY, until=SATURDAY) == []


def test_a_swap_for_good_is_no_one_week_trade(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "swap thursday and saturday from now on")
    with world.services.transaction() as session:
        assert repository.list_plan_changes(session=session, athlete_id=ana,
                                            since=THURSDAY, until=SATURDAY) == []


def test_forget_erases_the_one_week_changes(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "swap thursday and saturday this week")
    with world.services.transaction() as session:
        counts = repository.erase_athlete(session=session, athlete_id=ana)
    assert counts["plan_changes"] == 2


def test_this_week_on_a_saturday_means_the_coming_thursday_not_the_one_gone_by(
        world: World) -> None:
    ana = world.athlete()
    world.clock.on(SATURDAY)
    reply = say(world, ana, "swap thursday and sunday this week")
    assert reply.text.startswith("Done, just this once: Sun 29 Nov is now your ")
    assert "Thu 3 Dec your " in reply.text
    with world.services.transaction() as session:
        moved = repository.list_plan_changes(session=session, athlete_id=ana,
                                             since=THURSDAY, until=date(2026, 12, 5))
    assert sorted(change.day for change in moved) == [date(2026, 11, 29), date(2026, 12, 3)]


def test_next_week_is_a_one_week_trade_in_the_week_after_this(world: World) -> None:
    ana = world.athlete()
    world.clock.on(SATURDAY)
    reply = say(world, ana, "can we swap tuesday and sunday next week")
    assert reply.text.startswith("Done, just this once: Tue 1 Dec is now your ")
    assert "Sun 6 Dec your " in reply.text


def test_days_named_without_this_week_are_the_coming_ones(world: World) -> None:
    ana = world.athlete()
    world.clock.on(SATURDAY)
    reply = say(world, ana, "can we swap sunday and tuesday?")
    assert reply.text.startswith("Done, just this once: Sun 29 Nov is now your 50 min "
                                 "interval session, and Tue 1 Dec your 25 min recovery run.")


def test_a_question_about_the_moved_run_is_answered_from_the_trade(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))  # Tuesday
    say(world, ana, "swap thursday and saturday this week")
    reply = say(world, ana, "should i still do my long run on thursday?")
    assert reply.text == ("Yes: Thu 26 Nov holds your long run (150 min) this week, as we "
                          "swapped it.")


def test_a_move_asked_after_a_trade_reasons_from_the_traded_week(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))  # Tuesday
    say(world, ana, "swap thursday and saturday this week")
    reply = say(world, ana, "can i do my long run on friday instead?")
    assert reply.text.startswith("Yes: do Thu 26 Nov's long run (150 min) on Fri 27 Nov "
                                 "instead; the rest of your week stays as it is.")
    # The traded Saturday holds the tempo now, the day after the long run.
    assert "Keep it apart from Sat 28 Nov's tempo run, the day after" in reply.text


def test_a_run_missed_and_moved_in_one_message_does_both(world: World) -> None:
    ana = world.athlete()  # Thursday 26 Nov: tempo 45; Friday rests
    reply = say(world, ana, "missed today, can I move it to friday?")
    assert reply.text == ("Logged Thu 26 Nov's tempo run (45 min) as missed, and moved it to "
                          "Fri 27 Nov, for this week only. The rest of your week stays as it "
                          "is.")
    with world.services.transaction() as session:
        logged = repository.get_checkin(session=session, athlete_id=ana, day=THURSDAY)
    assert logged is not None and logged.status == "missed"
    assert say(world, ana, "what's on friday?").text.startswith("Fri 27 Nov: tempo run, 45 min")


def test_a_missed_run_is_not_stacked_on_a_day_that_holds_one(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "skipped today's run, can i do it saturday?")
    assert reply.text.startswith("Logged Thu 26 Nov's tempo run (45 min) as missed. "
                                 "Sat 28 Nov already has your long run (150 min)")
    with world.services.transaction() as session:
        assert repository.list_plan_changes(session=session, athlete_id=ana, since=THURSDAY,
                                            until=date(2026, 12, 5)) == []


def test_the_week_asked_after_a_trade_shows_the_days_as_they_stand(world: World) -> None:
    ana = world.athlete()
    world.clock.on(date(2026, 11, 24))  # Tuesday
    say(world, ana, "swap thursday and saturday this week")
    reply = say(world, ana, "what's on this week?").text
    assert "Thu 26 Nov: long run, 150 min" in reply
    assert "Sat 28 Nov: tempo run, 45 min" in reply
    assert reply.index("Tue 24 Nov") < reply.index("Mon 30 Nov")


def test_after_a_miss_moved_the_next_message_is_no_reason_for_it(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "missed today, can I move it to friday?")
    reply = say(world, ana, "actually my long run is 160 min now")
    assert "Missed:" not in reply.text and "pick one" not in reply.text
