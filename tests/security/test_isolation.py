"""One athlete's data never reaches another: 50 athletes, every command, text and button."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from storage.models import Athlete
from tests.security.conftest import (
    CANARY,
    AthleteCase,
    World,
    athlete_db_id,
    canary_owners,
    rows_not_of,
    rows_of,
    snapshot,
)

pytestmark = pytest.mark.asyncio(loop_scope="package")

# Every path the run drives for every athlete (the labels of its steps).
PATHS = {
    "/start", "name", "goal", "goal date", "plan", "consent", "equipment", "likes", "timezone",
    "check-in time", "ask", "question", "follow-up", "same question", "missed run",
    "choose option", "check-in", "press missed", "missed reason", "check-in 2", "press pain",
    "pain text", "/profile", "/plan", "/settings", "/help", "/history", "/export", "/coach",
    "/ask", "/cancel", "/nonsense", "swap", "greeting", "thanks", "photo", "/forget", "keep",
}
# Where each athlete must see their own canaries: (step, field); consent-only fields apart.
EXPECTED_OWN = [
    ("name", "name"), ("greeting", "name"), ("check-in", "name"), ("/profile", "name"),
    ("/profile", "goal"), ("/profile", "like"), ("likes", "like"),
    ("ask", "ask"), ("ask", "goal"), ("ask", "like"),  # the echoed prompt
    ("question", "q"), ("follow-up", "q"),  # a follow-up carries the question before it
    ("same question", "goal"),  # personalised, so never shared between athletes
    ("/history", "why"),
]
EXPECTED_WITH_CONSENT = [
    ("injuries", "injury"), ("/profile", "injury"), ("ask", "injury"), ("/history", "pain"),
]
EXPORTED = ["name", "goal", "like", "q", "reason", "why", "swap"]
HEALTH_FIELDS = ["injury", "pain"]
# "/ask … with a sore knee?" is about the athlete's body: remembered only with consent.
HEALTH_QUESTIONS = ["ask"]


def export_of(world: World, case: AthleteCase) -> dict[str, object]:
    documents = [content for call in world.step(case.id, "/export").calls
                 for _, content, _ in call.files.values()]
    assert len(documents) == 1, "one JSON file per /export"
    data = json.loads(documents[0])
    assert isinstance(data, dict)
    return data


async def test_the_run_drives_every_path_for_every_athlete(world: World) -> None:
    for case in world.cases:
        labels = {step.label for step in world.steps_of(case.id)}
        assert labels >= PATHS, f"athlete {case.index} missed {PATHS - labels}"
        assert ("injuries" in labels) == case.consent
        # Each press was taken: a refused press would say so in its callback answer.
        for step in world.steps_of(case.id):
            for call in step.calls if step.label in PATHS else []:
                if call.method == "answerCallbackQuery":
                    assert not call.params.get("show_alert"), (case.index, step.label, call)
    # The LLM path ran for every question (the echo model saw each prompt).
    assert len(world.model.prompts) >= 4 * len(world.cases)


async def test_no_athlete_is_sent_anything_of_another(world: World) -> None:
    leaks = []
    for case in world.cases:
        for step in world.steps_of(case.id):
            text = step.text
            for other in sorted(canary_owners(text) - {case.index}):
                at = text.find(f"cnry{other:02d}")
                leaks.append((case.index, step.label, other, text[max(at - 80, 0):at + 40]))
    assert not leaks, f"{len(leaks)} leaks, first: {leaks[:3]}"


async def test_every_reply_goes_to_the_senders_own_chat(world: World) -> None:
    for case in world.cases:
        for step in world.steps_of(case.id):
            for call in step.calls if not step.label.startswith("group ") else []:
                if "chat_id" in call.params:
                    assert call.params["chat_id"] == case.id, (case.index, step.label, call)


async def test_the_chat_model_is_only_told_the_askers_own_data(world: World) -> None:
    for case in world.cases:
        for step in world.steps_of(case.id):
            for prompt in step.prompts:
                assert canary_owners(prompt) <= {case.index}, (case.index, step.label)
        ask = world.step(case.id, "ask").prompts
        assert len(ask) == 1
        assert case.canary("ask") in ask[0] and case.canary("goal") in ask[0]
        assert (case.canary("injury") in ask[0]) == case.consent


async def test_own_data_appears_where_expected(world: World) -> None:
    # Proof that the canaries flow at all: a run that leaked nothing because it showed
    # nothing would pass the leak test.
    missing = []
    for case in world.cases:
        expected = EXPECTED_OWN + (EXPECTED_WITH_CONSENT if case.consent else [])
        for label, what in expected:
            if case.canary(what) not in world.step(case.id, label).text:
                missing.append((case.index, label, what))
        for label in ("plan", "/plan"):
            if case.plan_line not in world.step(case.id, label).text:
                missing.append((case.index, label, "plan"))
    assert not missing, missing[:10]


async def test_export_holds_all_of_the_athletes_data_and_only_theirs(world: World) -> None:
    for case in world.cases:
        data = export_of(world, case)
        athlete = data["athlete"]
        assert isinstance(athlete, dict) and athlete["telegram_user_id"] == case.id
        for key, rows in data.items():
            if isinstance(rows, list):
                assert all(row["athlete_id"] == athlete["id"] for row in rows), key
        text = json.dumps(data)
        assert canary_owners(text) == {case.index}
        for what in EXPORTED + (HEALTH_FIELDS + HEALTH_QUESTIONS if case.consent else []):
            assert case.canary(what) in text, (case.index, what)
        plan = data["weekly_plan"]
        assert isinstance(plan, list) and case.plan_minutes in [row["minutes"] for row in plan]


async def test_without_consent_no_health_text_is_stored(world: World) -> None:
    stored = json.dumps(snapshot(world))
    declined = [case for case in world.cases if not case.consent]
    assert declined
    for case in declined:
        for what in HEALTH_FIELDS + HEALTH_QUESTIONS:
            assert case.canary(what) not in stored, (case.index, what)
        # ... while their other answers are stored, so the check can fail.
        assert case.canary("why") in stored
    assert any(case.canary("pain") in stored for case in world.cases if case.consent)


async def test_forget_erases_one_athlete_and_nobody_else(world: World) -> None:
    case = world.cases[-1]
    athlete_id = athlete_db_id(world, case.id)
    before = snapshot(world)
    await world.send(case.user, "/forget")
    await world.press(case.user, world.last_message(case.user), "Yes, erase")
    after = snapshot(world)
    assert rows_not_of(after, [athlete_id]) == rows_not_of(before, [athlete_id])
    assert all(not rows for rows in rows_of(after, athlete_id).values())
    assert f"cnry{case.index:02d}" not in json.dumps(after)
    assert any(rows for rows in rows_of(before, athlete_id).values())
    # Coming back starts from nothing: no trace of the old profile.
    step = await world.send(case.user, "/profile", "profile after forget")
    assert case.canary("goal") not in step.text and case.canary("injury") not in step.text
    assert set(CANARY.findall(step.text)) <= {f"{case.index:02d}"}
    # Nothing comes back unasked: no row until they start anew with /start.
    with world.harness.services.transaction() as session:
        assert session.exec(select(Athlete).where(Athlete.telegram_user_id == case.id)
                            ).first() is None
    await world.send(case.user, "/start", "start anew")
    with world.harness.services.transaction() as session:
        again = session.exec(select(Athlete).where(Athlete.telegram_user_id == case.id)).one()
        assert again.id != athlete_id  # ids are never reused for a new athlete
        assert not again.checkin_enabled
