"""A question about what other people do ("how do other runners...", "what did that
lady do"), or one that supposes a stretch of training ("if i only bike for two weeks"),
asks the articles, whatever the statement before it tells of closed trails or a shut
gym; a day or a run of the athlete's own told beside it keeps it a run missed."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

FRIDAY = date(2027, 3, 12)
PLAN = {0: ("rest", 0), 1: ("intervals", 40), 2: ("easy", 35), 3: ("rest", 0),
        4: ("tempo", 40), 5: ("easy", 30), 6: ("long", 80)}


@pytest.mark.parametrize("text", [
    "the track is shut all winter here. how do other runners do speed work in the snow?",
    "our canal path floods every spring (ugh) how do folks round here keep their mileage up",
    "roads are sheet ice for months up north, what do ultrarunners do to keep training?",
    "heard about that guy who ran a marathon on a balcony. how did that man keep his legs?",
])
def test_what_other_people_do_is_asked_of_the_articles(text: str) -> None:
    assert read_message(text, today=FRIDAY, plan=PLAN).intent == "article_question"


@pytest.mark.parametrize("text", [
    "if i swap runs for cycling for a month, will i lose my endurance?",
    "say i only bike for two weeks while my foot heals, does my running fitness drop?",
    "if i do pool running for 6 weeks instead of the road, how much do i lose",
])
def test_a_stretch_of_training_supposed_is_asked_of_the_articles(text: str) -> None:
    assert read_message(text, today=FRIDAY, plan=PLAN).intent == "article_question"


@pytest.mark.parametrize("text", [
    "the pool is closed today so no swim, what should i do instead?",
    "trails closed today, can i do my long run on the road?",
])
def test_a_day_of_ones_own_beside_it_stays_a_run_missed(text: str) -> None:
    assert read_message(text, today=FRIDAY, plan=PLAN).intent == "missed_run"
