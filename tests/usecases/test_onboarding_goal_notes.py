"""What the goal step stores and says back: a race as the coach notes it, with the race's
name as the athlete capitalised it; any other goal in their words without filler."""

from __future__ import annotations

from datetime import date

from tests.usecases.account_support import SqliteUnitOfWork, athlete_of, uow  # noqa: F401
from tests.usecases.test_onboarding import USER, begin, say, world  # noqa: F401
from usecases.onboarding import goal_in

TODAY = date(2026, 11, 28)


def stored_goal(uow: SqliteUnitOfWork) -> str | None:  # noqa: F811
    athlete = athlete_of(uow, USER)
    return athlete.goal_event


def test_a_rambling_race_goal_is_stored_and_said_back_as_the_coach_notes_it(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    begin(uow)
    say(uow, "Kai")
    reply = say(uow, "uh so my first marathon i guess, hoping to finish under four and a half "
                     "hours if the weather lets me its on 10 may")
    assert stored_goal(uow) == "first marathon sub 4:30"
    assert "first marathon sub 4:30" in reply and "10 May 2027" in reply
    assert "weather" not in reply and "uh" not in reply.split()


def test_a_capitalised_race_name_keeps_its_capital_and_its_target(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    begin(uow)
    say(uow, "Kai")
    reply = say(uow, "I want run Valencia marathon in december, my target is 3 hours 25")
    assert stored_goal(uow) == "Valencia marathon 3:25"
    assert "Valencia marathon 3:25" in reply


def test_an_aside_beside_a_target_is_not_stored(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    begin(uow)
    say(uow, "Kai")
    say(uow, "10k, want sub 48 if the achilles behaves")
    assert stored_goal(uow) == "10k sub 48"


def test_a_race_name_the_note_would_lose_is_kept_in_the_athletes_words() -> None:
    found = goal_in("the glenmore trail half in june", today=TODAY)
    assert found.goal is not None and "glenmore" in found.goal.lower()


def test_a_goal_with_no_race_is_the_words_without_hesitation_or_condition() -> None:
    found = goal_in("um build up to running an hour nonstop tbh, if my knees let me",
                    today=TODAY)
    assert found.goal == "build up to running an hour nonstop"
    assert found.race is None


def test_words_about_the_race_the_note_lacks_keep_the_athletes_words() -> None:
    found = goal_in("5k pb at the santa dash 5k on 13 december", today=TODAY)
    assert found.goal is not None and "santa dash" in found.goal.lower()
    found = goal_in("return to 10k racing after my knee surgery", today=TODAY)
    assert found.goal is not None and "surgery" in found.goal


def test_a_known_race_said_by_its_short_name_is_stored_as_the_note() -> None:
    found = goal_in("um NYC marathon next november i guess, hoping for 3:20", today=TODAY)
    assert found.goal == "new york city marathon 3:20"
