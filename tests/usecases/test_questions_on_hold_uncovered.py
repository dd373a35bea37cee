"""A question the articles don't cover, asked on a safety pause ("is that a problem?" right
after a referral), gets the pause and the check-up, not the articles' "ask your coach"
(found playing a 64-year-old runner told to see a doctor about chest pressure)."""

from __future__ import annotations

from datetime import datetime

import pytest

from coach.answers import Answer, not_covered_text
from coach.context import AthleteContext
from storage import repository
from tests.usecases import support
from tests.usecases.support import World

world = support.world  # the fixture


def _uncovered(w: World) -> None:
    async def aanswer(question: str, *, athlete: AthleteContext | None = None,
                      offer_allowed: bool = False, last_offer_at: datetime | None = None,
                      now: datetime | None = None) -> Answer:
        w.answerer.asked.append((question, athlete))
        return Answer(text=not_covered_text(), covered=False)

    w.answerer.aanswer = aanswer  # type: ignore[method-assign]



@pytest.mark.parametrize("text", [
    "is that a problem?", "should i be worried about it", "what do u think it was??",
])
def test_on_a_pause_an_uncovered_question_gets_the_pause(world: World, text: str) -> None:
    ana = world.athlete()
    with world.services.transaction() as session:
        repository.start_safety_hold(session=session, athlete_id=ana, reason="chest pressure",
                                     since=world.clock())
    _uncovered(world)
    reply = support.ask(world, ana, text)
    assert reply.text.startswith("I can't judge that from here.")
    assert "safety pause" in reply.text and "doctor" in reply.text
    assert "ask your coach" not in reply.text
    assert reply.buttons  # the "checked and cleared" button


def test_off_a_pause_it_is_the_articles_answer(world: World) -> None:
    ana = world.athlete()
    _uncovered(world)
    reply = support.ask(world, ana, "is that a problem?")
    assert reply.text == not_covered_text() and not reply.buttons


@pytest.mark.parametrize("question", [
    "is it normal?", "should i be worried", "is that bad for my shin tho?", "hmm is it serious",
])
def test_a_worry_right_after_a_pain_report_gets_when_to_get_it_checked(
        world: World, question: str) -> None:
    ana = world.athlete()
    support.say(world, ana, "my shins hurt after yesterday's run, like 4/10")
    _uncovered(world)
    reply = support.say(world, ana, question)
    assert reply.text.startswith("I can't judge that from here.")
    assert "physio or doctor" in reply.text and "ask your coach" not in reply.text


@pytest.mark.parametrize("question", ["what shoes should i buy?", "is it normal?"])
def test_other_questions_or_no_pain_told_keep_the_articles_answer(
        world: World, question: str) -> None:
    ana = world.athlete()
    if question != "is it normal?":
        support.say(world, ana, "my shins hurt after yesterday's run, like 4/10")
    _uncovered(world)
    assert support.say(world, ana, question).text == not_covered_text()


@pytest.mark.parametrize("worries", [
    ("is it normal?", "should i be worried"),
    ("hmm is that bad", "is it serious tho", "like should i worry??"),
])
def test_worries_in_a_row_do_not_get_the_same_text_twice(
        world: World, worries: tuple[str, ...]) -> None:
    ana = world.athlete()
    support.say(world, ana, "calf is really sore after the tempo, 5/10")
    _uncovered(world)
    first = support.say(world, ana, worries[0]).text
    for worry in worries[1:]:
        again = support.say(world, ana, worry).text
        assert again != first and len(again) < len(first)
        assert "checked" in again  # the key line, said shorter
