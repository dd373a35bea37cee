"""Why one's own plan is as it is ("why do i have 3 hard sessions this week", "how come
my tempo is right after the hills day") asks about the plan, not the articles; a verdict
asked for with no question word ("rowing machine good for runners y/n", "aqua jogging
any use for marathon training") asks the articles, not nothing."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

THURSDAY = date(2027, 2, 4)
PLAN = {0: ("easy", 30), 1: ("tempo", 45), 2: ("rest", 0), 3: ("hills", 40),
        4: ("easy", 30), 5: ("rest", 0), 6: ("long", 120)}


@pytest.mark.parametrize("text", [
    "why do i have 3 hard sessions this week",
    "how come my tempo is right after the hills day",
    "why do i have hills the day after my long run, seems a lot",
])
def test_why_the_plan_is_so_asks_the_plan(text: str) -> None:
    assert read_message(text, today=THURSDAY, plan=PLAN).intent == "plan_question"


@pytest.mark.parametrize("text", [
    "why are my legs so heavy this week?",
    "why do i get side stitches on long runs",
])
def test_why_the_body_does_something_asks_the_articles(text: str) -> None:
    assert read_message(text, today=THURSDAY, plan=PLAN).intent == "article_question"


@pytest.mark.parametrize("text", [
    "elliptical good for runners y/n",
    "aqua jogging any use for marathon training",
    "hill sprints in winter - worth it or just hype",
    "foam rolling, overrated or legit?",
])
def test_a_verdict_asked_without_a_question_word_asks_the_articles(text: str) -> None:
    assert read_message(text, today=THURSDAY, plan=PLAN).intent == "article_question"
