"""A goal typed at the name question is kept as the goal, not stored as a name (found
playing a runner: "half marathon in like 7 weeks!! sub 2 hopefully" was greeted as
"Nice to meet you, half marathon in like 7 weeks sub 2 hopefully!")."""

from __future__ import annotations

import pytest

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
)
from usecases import onboarding

USER = 731


def _start(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    onboarding.start(uow, telegram_user_id=USER, chat_id=USER, name="Tg")


@pytest.mark.parametrize(("text", "step_after_name"), [
    ("trail marathon next october, want to finish strong 💪", "consent"),
    ("my first 10k!!", "race_date"),
    ("hoping to run a half in 9 weeks, sub 1:50 ideally", "consent"),
])
def test_a_goal_at_the_name_question_is_kept_and_the_name_asked_again(
        uow: SqliteUnitOfWork, text: str, step_after_name: str) -> None:  # noqa: F811
    _start(uow)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None
    assert "Nice to meet you" not in replies[0].text
    assert replies[0].text.endswith("What should I call you?")
    athlete = athlete_of(uow, USER)
    assert athlete.goal_event and athlete.name == "Tg"
    replies = onboarding.answer(uow, telegram_user_id=USER, text="it's Priya 🙂")
    assert replies is not None and "Nice to meet you, Priya" in replies[0].text
    assert athlete_of(uow, USER).onboarding_step == step_after_name  # the goal not asked


@pytest.mark.parametrize(("text", "name"), [
    ("hey! I'm Tomas, doing my first marathon in april", "Tomas"),
    # An emoji parts them as a comma does (found playing: "nadia here first marathon" was
    # kept as the goal and the next answer, "ya sure", taken as the name).
    ("nadia here 👋 first marathon in april!!", "Nadia"),
    ("I'm Lu 🏃‍♀️ half marathon in april", "Lu"),
])
def test_a_name_beside_the_goal_is_taken_with_it(
        uow: SqliteUnitOfWork, text: str, name: str) -> None:  # noqa: F811
    _start(uow)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None and f"Nice to meet you, {name}" in replies[0].text
    athlete = athlete_of(uow, USER)
    assert athlete.name == name and athlete.goal_event is not None
    assert "marathon" in athlete.goal_event and athlete.goal_date is not None
    assert name.lower() not in athlete.goal_event.lower()
    assert athlete.onboarding_step == "consent"


@pytest.mark.parametrize(("text", "name"), [
    ("Dee", "Dee"), ("call me Dee", "Dee"), ("it's Jo 🙂", "Jo"), ("Berlin", "Berlin"),
    ("sam here", "Sam"),
])
def test_a_name_is_still_a_name(uow: SqliteUnitOfWork, text: str, name: str) -> None:  # noqa: F811
    _start(uow)
    replies = onboarding.answer(uow, telegram_user_id=USER, text=text)
    assert replies is not None and f"Nice to meet you, {name}!" in replies[0].text
    assert athlete_of(uow, USER).onboarding_step == "goal"


def test_a_week_at_the_name_question_is_no_name(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    _start(uow)
    replies = onboarding.answer(uow, telegram_user_id=USER,
                                text="tues 45 easy, thurs tempo 40, sun long 80")
    assert replies is not None and "Nice to meet you" not in replies[0].text
    assert replies[0].text.endswith("What should I call you?")
    assert athlete_of(uow, USER).onboarding_step == "name"


def test_pain_at_the_name_question_is_no_name(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    _start(uow)
    replies = onboarding.answer(uow, telegram_user_id=USER,
                                text="calf has been tight all week, like 4/10")
    assert replies is not None and "Nice to meet you" not in replies[0].text
    assert replies[0].text.endswith("What should I call you?")
    athlete = athlete_of(uow, USER)
    assert athlete.name == "Tg" and athlete.onboarding_step == "name"
