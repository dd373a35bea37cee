"""A pain report corrected right after ("sorry its the left one not right, and its more
like a 4 now") changes the day's log and says so; it is no question for the articles."""

from __future__ import annotations

from datetime import date

from storage import repository
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture



def logged(w: World, athlete_id: int) -> tuple[int | None, str | None]:
    with w.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=athlete_id,
                                         day=date(2026, 11, 26))
        assert checkin is not None
        return checkin.pain, checkin.reason


def test_the_side_and_score_said_again_replace_the_ones_reported(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "my right achilles is a bit niggly after this mornings run, 3/10 maybe")
    reply = say(world, ana, "sorry its the left one not right, and its more like a 4 now")
    assert reply.text.startswith("Updated: left achilles, 4/10.")
    assert "don't cover" not in reply.text and world.answerer.asked == []
    pain, reason = logged(world, ana)
    assert pain == 4  # a correction replaces the score, even downwards
    assert reason is not None and "left one" in reason
    reply = say(world, ana, "2/10")
    assert reply.text.startswith("Updated: left achilles, 2/10.")
    assert logged(world, ana)[0] == 2


def test_a_high_corrected_score_says_to_get_it_checked(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "knee is sore after my run, like a 3")
    reply = say(world, ana, "make that a 7/10")
    assert "Updated: knee, 7/10." in reply.text and "physio" in reply.text


def test_without_a_pain_report_today_a_score_is_no_correction(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "actually more like a 4")
    assert "Updated:" not in reply.text


def test_a_question_with_right_in_it_is_no_correction(world: World) -> None:
    ana = world.athlete()
    say(world, ana, "knee is sore after my run, like a 3")
    reply = say(world, ana, "what should i do right now?")
    assert "Updated:" not in reply.text


def test_a_bare_number_is_no_correction(world: World) -> None:
    """A number typed alone (a button's number in the terminal) is no pain score."""
    ana = world.athlete()
    say(world, ana, "knee is sore after my run, like a 3")
    reply = say(world, ana, "2")
    assert "Updated:" not in reply.text
    assert logged(world, ana)[0] == 3
