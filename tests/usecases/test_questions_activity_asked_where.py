"""An activity the question asks about is found where a question asking leave puts it,
though the coach's list does not know it (found playing a runner: "is yoga ok on my rest
day?" got a refusal from the articles, "yoga rather than an easy run?" a comparison with
"yoga rather")."""

from __future__ import annotations

import pytest

from knowledge.text import load_lexicon
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture


# Thursday 26 Nov: tomorrow (Friday) is the rest day; Monday an easy run (30).
@pytest.mark.parametrize(("text", "activity"), [
    ("is pilates fine on my rest day?", "pilates"),
    ("would some yoga be ok on my day off?", "yoga"),
    ("can i do skating on my rest day", "skating"),
    ("hey, is yoga alright on rest days?", "yoga"),
])
def test_the_subject_or_object_of_a_leave_question_is_the_activity_asked(
        world: World, text: str, activity: str) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert f"don't cover {activity}" in reply
    assert "Fri 27 Nov" in reply  # their next rest day
    assert world.answerer.asked == []


@pytest.mark.parametrize(("text", "activity", "day"), [
    ("pilates rather than an easy run?", "pilates", None),
    ("yoga in place of my recovery run?", "yoga", None),
    ("could i do skating instead of the easy run on monday?", "skating", "Mon 30 Nov"),
])
def test_what_is_put_in_a_runs_place_is_asked_about_not_compared(
        world: World, text: str, activity: str, day: str | None) -> None:
    ana = world.athlete()
    reply = say(world, ana, text).text
    assert f"don't cover {activity}" in reply
    assert "Of the two" not in reply and "rather" not in reply
    assert day is None or day in reply


@pytest.mark.parametrize("text", [
    "is it ok to run on my rest day?",
    "can i do the intervals on friday instead?",
    "is my knee ok to run on?",
])
def test_a_run_or_a_body_part_there_is_no_activity(text: str) -> None:
    from usecases.questions import _asked_activity, _question_clause

    assert _asked_activity(_question_clause(text)) is None


def test_a_replacement_is_no_comparison_and_a_comparison_stays_one() -> None:
    lexicon = load_lexicon()
    assert lexicon.compared("tai chi rather than my tempo?") is None
    assert lexicon.compared("the bike instead of a long run or the pool?") is not None
    assert lexicon.compared("is rowing better than the bike?") == ("is rowing", "the bike")
