"""A long message whose miss sits in the middle after a run done, a pain report typed as
a form ("score: 4 / where: shin"), and an amount of some training asked in general."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

FRIDAY = date(2027, 4, 16)
PLAN = {0: ("rest", 0), 1: ("easy", 40), 2: ("intervals", 50), 3: ("easy", 40),
        4: ("rest", 0), 5: ("long", 100), 6: ("recovery", 30)}


def test_the_day_told_missed_is_read_not_the_first_day_named() -> None:
    text = ("right so bit of a week. tuesday was grand, easy run no bother, but wednesday "
            "the intervals never happened since the babysitter cancelled on me, and "
            "now it's friday and i'm wondering what to do about them")
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.session is not None and reading.session.kind == "intervals"
    assert reading.day == date(2027, 4, 14)


def test_a_miss_with_its_own_day_and_another_day_for_the_reason_keeps_the_run() -> None:
    reading = read_message("late night yesterday, so no intervals this morning, it was 50'",
                           today=date(2027, 4, 14), plan=PLAN)
    assert reading.intent == "missed_run"
    assert reading.day == date(2027, 4, 14)


@pytest.mark.parametrize(("text", "score", "site"), [
    ("Score: 4\nWhere: right shin\nWhen: downhill", 4, "right shin"),
    ("pain level - 3. location: left hip", 3, "left hip"),
])
def test_a_pain_report_typed_as_a_form(text: str, score: int, site: str) -> None:
    reading = read_message(text, today=FRIDAY, plan=PLAN)
    assert reading.intent == "pain"
    assert reading.pain is not None and reading.pain.score == score
    assert site in reading.pain.sites


@pytest.mark.parametrize("text", [
    "how many swim sessions should i fit into my plan?",
    "how much strength work should i add to my schedule",
])
def test_an_amount_of_training_asked_in_general_is_for_the_articles(text: str) -> None:
    assert read_message(text, today=FRIDAY, plan=PLAN).intent == "article_question"


def test_an_amount_asked_of_this_week_is_about_the_plan() -> None:
    assert read_message("how much running should i do this week?", today=FRIDAY,
                        plan=PLAN).intent == "plan_question"
