"""An activity asked about in a situation ("is swimming ok during my taper?"): whether the
activity fits them, then whether the articles speak to the situation (found playing a
runner in her taper: the reply said the activity was fine and never that the articles say
nothing about tapering)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coach.answers import Answer
from coach.context import AthleteContext
from tests.usecases import support
from tests.usecases.support import World, say

world = support.world  # the fixture

NOT_SPECIFIC = "The coach's articles don't say anything specific about doing it"


def _articles_answer(world: World, monkeypatch: pytest.MonkeyPatch, answer: Answer) -> None:
    async def aanswer(question: str, *, athlete: AthleteContext | None = None,
                      offer_allowed: bool = False, last_offer_at: datetime | None = None,
                      now: datetime | None = None) -> Answer:
        world.answerer.asked.append((question, athlete))
        return answer

    monkeypatch.setattr(world.answerer, "aanswer", aanswer)


@pytest.mark.parametrize(("text", "situation"), [
    ("would the rower be fine during my taper?", "during your taper"),
    ("can i go for a swim the night before my 10k?", "the night before your 10k"),
])
def test_a_situation_the_articles_dont_cover_is_said_after_the_verdict(
        world: World, monkeypatch: pytest.MonkeyPatch, text: str, situation: str) -> None:
    ana = world.athlete(goal_event="10k", goal_date=date(2026, 12, 6))
    _articles_answer(world, monkeypatch, Answer("Not covered.", covered=False))
    reply = say(world, ana, text).text
    assert " is fine: " in reply and "Source:" in reply  # the verdict, why, its source
    assert reply.rstrip().endswith(f"{NOT_SPECIFIC} {situation}.")
    assert world.answerer.asked


def test_the_articles_own_line_on_the_situation_is_kept_when_they_speak_to_it(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    ana = world.athlete()
    _articles_answer(world, monkeypatch, Answer(
        "Step-ups at home keep you on track. More.\n\nSource: Cross-Training — Adapt",
        covered=True))
    reply = say(world, ana, "is the rower ok during the lockdown?").text
    assert reply.endswith("Step-ups at home keep you on track.\nSource: Cross-Training — Adapt")
    assert NOT_SPECIFIC not in reply

    _articles_answer(world, monkeypatch, Answer(
        "Cross-train on easy days.\n\nSource: Cross-Training — Schedule", covered=True,
        situation="during a lockdown"))
    reply = say(world, ana, "is the rower ok during a lockdown?").text
    assert reply.rstrip().endswith(f"{NOT_SPECIFIC} during a lockdown.")


def test_without_a_situation_the_verdict_is_the_whole_reply(world: World) -> None:
    ana = world.athlete()
    reply = say(world, ana, "would the rower be fine?").text
    assert " is fine: " in reply and NOT_SPECIFIC not in reply
    assert world.answerer.asked == []
