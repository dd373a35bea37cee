"""/coach: refused for everyone but the configured coach ids; the report holds no free text.

What the coach report may show (decided here, see the README's security section): each
flagged athlete's name and Telegram id, how many runs they missed, how many pain reports
they made and the highest pain score (0-10, stored only with the athlete's consent, which
says health details are kept "private to you and your coach"), and the last day. Never
free text: no reasons, pain descriptions, injuries, goals, questions or conversation.
"""

from __future__ import annotations

import re

import pytest

from tests.bot.updates import TgUser
from tests.security.conftest import COACH, World, canary_owners, snapshot

pytestmark = pytest.mark.asyncio(loop_scope="package")

REFUSAL = "Sorry, that command is not available."
REPORT_HEADING = "Athletes to look at"
FIELD_CANARY = re.compile(r"cnry\d{2}([a-z]+)q")
# The only field of an athlete's own words the coach report may show.
COACH_MAY_SEE = {"name"}


async def test_every_athlete_is_refused_the_coach_report(world: World) -> None:
    for case in world.cases:
        step = world.step(case.id, "/coach")
        assert step.texts() == [REFUSAL], (case.index, step.texts())


@pytest.mark.parametrize("text", [
    "/coach", "/coach all", "/coach@crosstrain_test_bot", "/coach 9000", "/coach --force",
])
async def test_coach_command_variants_are_refused_for_non_coaches(world: World,
                                                                  text: str) -> None:
    # A stranger, an athlete, and someone whose name or username says "coach".
    strangers = [TgUser(id=5555, first_name="Eve"), world.cases[5].user,
                 TgUser(id=COACH.id + 1, first_name="Coach", username="coach")]
    for user in strangers:
        step = await world.send(user, text, f"coach attempt {text}")
        assert step.texts() == [REFUSAL], (user.id, text, step.texts())
        assert not canary_owners(step.text) - {world.cases[5].index}


async def test_the_coach_sees_names_and_counts_but_no_free_text(world: World) -> None:
    report = world.step(COACH.id, "coach report")
    texts = report.texts()
    assert texts and texts[0].startswith(REPORT_HEADING)
    body = report.text
    # Everyone missed a run on day one, so everyone is listed, by name and id.
    for case in world.cases:
        assert case.canary("name") in body, case.index
        assert str(case.id) in body
    fields = set(FIELD_CANARY.findall(body))
    assert fields == COACH_MAY_SEE, f"the coach report shows {fields - COACH_MAY_SEE}"
    # Pain scores appear for athletes who consented, never for those who did not.
    for case in world.cases:
        line = next(line for text in texts for line in text.split("\n")
                    if case.canary("name") in line)
        assert ("pain reports" in line) == case.consent, line
    # Names are shown as text: markup in a name arrives escaped.
    assert "&lt;b&gt;" in body


async def test_a_refused_coach_command_changes_nothing(world: World) -> None:
    case = world.cases[6]
    before = snapshot(world)
    step = await world.send(case.user, "/coach", "coach again")
    assert step.texts() == [REFUSAL]
    assert snapshot(world) == before
