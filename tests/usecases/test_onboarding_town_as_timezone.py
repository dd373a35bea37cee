"""A town answers the timezone question ("manchester"), and the reply names the zone
chosen so a wrong guess can be corrected; an ambiguous town is asked again."""

from __future__ import annotations

from tests.usecases.account_support import (  # noqa: F401
    SqliteUnitOfWork,
    athlete_of,
    uow,
    walk_to,
)
from usecases import onboarding

USER = 503


def test_a_town_sets_its_zone_and_says_which(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "timezone", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="manchester")
    assert replies is not None
    assert "Timezone: Europe/London." in "\n".join(reply.text for reply in replies)
    athlete = athlete_of(uow, USER)
    assert athlete.timezone == "Europe/London"
    assert athlete.onboarding_step != "timezone"


def test_an_ambiguous_town_is_asked_again(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "timezone", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="Springfield")
    assert replies is not None
    athlete = athlete_of(uow, USER)
    # "timezone?" is the same question asked again.
    assert (athlete.onboarding_step or "").startswith("timezone")
    assert athlete.timezone == "UTC"


def test_a_small_town_with_a_namesake_abroad_is_asked_with_its_zones(
        uow: SqliteUnitOfWork) -> None:  # noqa: F811
    walk_to(uow, "timezone", user=USER)
    replies = onboarding.answer(uow, telegram_user_id=USER, text="Keswick")
    assert replies is not None
    athlete = athlete_of(uow, USER)
    assert athlete.timezone == "UTC"
    assert (athlete.onboarding_step or "").startswith("timezone")
    offered = [button.label for reply in replies for row in reply.buttons for button in row]
    assert "Europe/London" in offered and "America/Toronto" in offered
