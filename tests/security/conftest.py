"""A populated bot for the security tests: 50 athletes with canary strings, one run.

Every athlete fills every field they can set with a canary (``cnry07goalq``: athlete 7,
field "goal"), then drives every command, free-text path and button of their own through
the real ``Application`` with an offline Bot API and a chat model that echoes its whole
prompt back. Everything the bot sent while handling one athlete's update is recorded
against that athlete, so the tests can check that nothing of anyone else's reached them.

The world is built once per test package (about a minute: some 11,000 updates) and
shared; the tests that act on it further (injection, forged buttons, errors) run after it
on the same event loop. Under xdist the whole package runs on one worker, in order
(tests/conftest.py's scheduler), so it is built once per run, not once per file handed out.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field
from sqlalchemy import MetaData, Table

from bot.app import build_application
from config.settings import Settings
from knowledge.service import build_answerer
from storage import repository
from tests.bot.conftest import BotHarness, Clock, make_services
from tests.bot.offline_request import OfflineRequest, RecordedCall
from tests.bot.updates import (
    DEFAULT_TOKEN,
    TgUser,
    bot_message_payload,
    callback_query_update,
    command_update,
    photo_update,
    private_chat_dict,
    text_update,
)
from tests.run_once import copy_data_dir

JSONDict = dict[str, Any]

ATHLETES = 50
FIRST_USER_ID = 81_000
COACH = TgUser(id=9000, first_name="Dayna", username="coach_dayna")
# Any canary of any athlete: "cnry" and the athlete's two-digit number.
CANARY = re.compile(r"cnry(\d{2})")
# The plan carries no free text; its canary is the Sunday hill run's unique length.
PLAN_LINE = re.compile(r"Sunday: hills (\d+) min")
PLAN_MINUTES_BASE = 150
# Tables whose rows hold no athlete data and change on every update.
BOOKKEEPING_TABLES = frozenset({"processed_update", "reply_outbox", "alembic_version"})


# ---------------------------------------------------------------- the echoing chat model


class EchoChatModel(BaseChatModel):
    """Answers with its whole prompt: whatever the bot tells a model, the athlete sees.

    ``fail_with_prompt`` makes it raise an error quoting the prompt instead, as a
    provider's validation error may (for the logging tests).
    """

    prompts: list[str] = Field(default_factory=list)
    fail_with_prompt: bool = False

    @property
    def _llm_type(self) -> str:
        return "echo"

    def _reply(self, messages: list[BaseMessage]) -> ChatResult:
        prompt = "\n".join(str(message.content) for message in messages)
        self.prompts.append(prompt)
        if self.fail_with_prompt:
            raise ValueError(f"the model refused this input: {prompt}")
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=prompt))])

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        return self._reply(messages)

    async def _agenerate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                         run_manager: AsyncCallbackManagerForLLMRun | None = None,
                         **kwargs: Any) -> ChatResult:
        return self._reply(messages)


# ---------------------------------------------------------------- athletes and canaries


@dataclass(frozen=True)
class AthleteCase:
    """One athlete of the run: who they are and the canaries they typed."""

    index: int
    consent: bool

    @property
    def user(self) -> TgUser:
        # Telegram's own names carry canaries too: they reach the bot in every update.
        return TgUser(id=FIRST_USER_ID + self.index, first_name=self.canary("tg"),
                      username=self.canary("user"))

    @property
    def id(self) -> int:
        return FIRST_USER_ID + self.index

    def canary(self, what: str) -> str:
        return f"cnry{self.index:02d}{what}q"

    @property
    def name(self) -> str:
        # Every tenth name carries markup, which must arrive escaped, never parsed.
        return self.canary("name") + (" <b>&amp; co</b>" if self.index % 10 == 3 else "")

    @property
    def plan_minutes(self) -> int:
        return PLAN_MINUTES_BASE + self.index

    @property
    def plan_text(self) -> str:
        return ("Mon easy 40, Tue tempo 45, Wed easy 40, Thu intervals 50, Fri easy 40, "
                f"Sat long 100, Sun hills {self.plan_minutes}")

    @property
    def plan_line(self) -> str:
        return f"Sunday: hills {self.plan_minutes} min"


def athlete_cases() -> list[AthleteCase]:
    # Every fifth athlete declines consent: no injuries asked, no pain stored.
    return [AthleteCase(index=i, consent=i % 5 != 4) for i in range(ATHLETES)]


# ---------------------------------------------------------------- what the bot sent


def call_text(call: RecordedCall) -> str:
    """Everything of one Bot API call a user could see: parameters, buttons, file bytes."""
    parts = [json.dumps(call.params, ensure_ascii=False, default=str)]
    parts.extend(content.decode("utf-8", "replace") for _, content, _ in call.files.values())
    return "\n".join(parts)


def canary_owners(text: str) -> set[int]:
    """The athletes whose canaries appear in ``text``."""
    return {int(number) for number in CANARY.findall(text)} | {
        int(minutes) - PLAN_MINUTES_BASE for minutes in PLAN_LINE.findall(text)
    }


@dataclass
class Step:
    """One update an athlete sent and everything the bot did while handling it."""

    label: str
    calls: list[RecordedCall]
    prompts: list[str]

    @property
    def text(self) -> str:
        return "\n".join(call_text(call) for call in self.calls)

    def texts(self) -> list[str]:
        return [str(call.params.get("text", "")) for call in self.calls
                if call.method == "sendMessage"]


class LogCapture(logging.Handler):
    """Every record at INFO and above, formatted with its traceback, for the whole run."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.lines.append(self.format(record))


@dataclass
class World:
    """The populated bot and the record of who was sent what."""

    harness: BotHarness
    model: EchoChatModel
    cases: list[AthleteCase]
    logs: LogCapture
    steps: dict[int, list[Step]] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def request(self) -> OfflineRequest:
        return self.harness.request

    @property
    def clock(self) -> Clock:
        return self.harness.clock

    def steps_of(self, user_id: int) -> list[Step]:
        return self.steps.setdefault(user_id, [])

    def step(self, user_id: int, label: str) -> Step:
        return next(s for s in reversed(self.steps_of(user_id)) if s.label == label)

    async def act(self, user: TgUser, label: str, payload: JSONDict) -> Step:
        calls_before, prompts_before = len(self.request.calls), len(self.model.prompts)
        await self.harness.process(payload)
        step = Step(label, self.request.calls[calls_before:], self.model.prompts[prompts_before:])
        self.steps_of(user.id).append(step)
        return step

    async def send(self, user: TgUser, text: str, label: str | None = None) -> Step:
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            payload = command_update(user, command, args)
        else:
            payload = text_update(user, text)
        return await self.act(user, label or text, payload)

    def last_message(self, user: TgUser) -> JSONDict:
        return self.harness.last_message(user)

    @staticmethod
    def buttons(message: JSONDict) -> list[tuple[str, str]]:
        return [(button["text"], button["callback_data"])
                for row in message.get("reply_markup", {}).get("inline_keyboard", [])
                for button in row]

    def button(self, message: JSONDict, label: str) -> str:
        for text, data in self.buttons(message):
            if text.lower().startswith(label.lower()) or label.lower() in text.lower():
                return data
        raise LookupError(f"no button {label!r} in {self.buttons(message)}")

    async def press(self, user: TgUser, message: JSONDict, label: str,
                    step_label: str | None = None) -> Step:
        return await self.press_data(user, message, self.button(message, label),
                                     step_label or f"press {label}")

    async def press_data(self, user: TgUser, message: JSONDict, data: str,
                         label: str) -> Step:
        # The press comes from the user's own chat, on a message the bot sent there.
        own = bot_message_payload(private_chat_dict(user), text=message.get("text", ""),
                                  message_id=message.get("message_id"),
                                  reply_markup=message.get("reply_markup"))
        return await self.act(user, label, callback_query_update(user, data, message=own))

    async def send_photo(self, user: TgUser, caption: str) -> Step:
        return await self.act(user, "photo", photo_update(user, caption=caption))


# ---------------------------------------------------------------- database snapshots


Snapshot = dict[str, list[JSONDict]]


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float | str) else repr(value)


def snapshot(world: World) -> Snapshot:
    """Every row of every table (but update-id bookkeeping), comparable across time."""
    engine = world.harness.services.database.engine
    with engine.connect() as connection:
        if not world.tables:
            metadata = MetaData()
            metadata.reflect(connection)
            world.tables = {name: table for name, table in sorted(metadata.tables.items())
                            if name not in BOOKKEEPING_TABLES}
        return {
            name: sorted(({key: _plain(value) for key, value in row._mapping.items()}
                          for row in connection.execute(table.select())),
                         key=lambda row: repr(sorted(row.items())))
            for name, table in world.tables.items()
        }


def rows_of(snap: Snapshot, athlete_id: int) -> Snapshot:
    """The rows one athlete (by database id) owns."""
    return {
        name: [row for row in rows if row.get("athlete_id") == athlete_id
               or (name == "athlete" and row.get("id") == athlete_id)]
        for name, rows in snap.items()
    }


def rows_not_of(snap: Snapshot, athlete_ids: Iterable[int]) -> Snapshot:
    """Every row no athlete in ``athlete_ids`` owns."""
    excluded = set(athlete_ids)
    return {
        name: [row for row in rows if row.get("athlete_id") not in excluded
               and not (name == "athlete" and row.get("id") in excluded)]
        for name, rows in snap.items()
    }


def athlete_db_id(world: World, user_id: int) -> int:
    with world.harness.services.transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(session=session,
                                                        telegram_user_id=user_id)
        assert athlete is not None and athlete.id is not None
        return athlete.id


# ---------------------------------------------------------------- the run


async def onboard(world: World, case: AthleteCase) -> None:
    """/start and every onboarding answer, typed or tapped, as a new athlete would."""
    user = case.user
    await world.send(user, "/start")
    await world.send(user, case.name, "name")
    await world.send(user, f"marathon {case.canary('goal')}", "goal")
    await world.send(user, "2027-04-20", "goal date")
    await world.press(user, world.last_message(user), "Yes" if case.consent else "No",
                      "consent")
    if case.consent:
        await world.send(user, f"left knee, {case.canary('injury')}", "injuries")
    await world.send(user, case.plan_text, "plan")
    await world.send(user, "pool, bike, gym", "equipment")
    await world.send(user, f"swimming, {case.canary('like')}", "likes")
    await world.press(user, world.last_message(user), "UTC", "timezone")
    await world.send(user, "07:30", "check-in time")


Phase = Callable[[World, AthleteCase], Any]


async def ask_and_follow_up(world: World, case: AthleteCase) -> None:
    user = case.user
    await world.send(user, f"/ask {case.canary('ask')} what can I do instead of running "
                           "with a sore knee?", "ask")
    await world.send(user, f"{case.canary('q')} is cycling good cross-training for a "
                           "marathon?", "question")
    await world.send(user, "and what about swimming?", "follow-up")
    # The same words from everyone: an answer cached by question would leak here.
    await world.send(user, "what can I do instead of running with a sore knee?", "same question")


async def missed_run_and_choice(world: World, case: AthleteCase) -> None:
    user = case.user
    await world.send(user, f"I missed my tempo run today because {case.canary('reason')}, "
                           "only have 30 minutes", "missed run")
    await world.press(user, world.last_message(user), "1.", "choose option")


async def checkin_missed(world: World, case: AthleteCase) -> None:
    user = case.user
    await world.send(user, "/checkin now", "check-in")
    await world.press(user, world.last_message(user), "❌ Missed", "press missed")
    await world.send(user, f"{case.canary('why')} overslept", "missed reason")


async def checkin_pain(world: World, case: AthleteCase) -> None:
    user = case.user
    await world.send(user, "/checkin now", "check-in 2")
    await world.press(user, world.last_message(user), "🤕 Pain", "press pain")
    await world.send(user, f"my {case.canary('pain')} hurts when I run, about 4/10",
                     "pain text")


async def everything_else(world: World, case: AthleteCase) -> None:
    user = case.user
    await world.send(user, f"/swap my long run, {case.canary('swap')}", "swap")
    for command in ("/profile", "/plan", "/settings", "/help", "/history", "/export",
                    "/coach", "/ask", "/cancel", "/nonsense"):
        await world.send(user, command)
    await world.send(user, "hi", "greeting")
    await world.send(user, "thanks!", "thanks")
    await world.send_photo(user, case.canary("caption"))
    await world.send(user, "/forget")
    await world.press(user, world.last_message(user), "No, keep it", "keep")


PHASES: list[Phase] = [onboard, ask_and_follow_up, missed_run_and_choice]
# Each check-in on a day of its own: a day with a substitute chosen (or a pain told) is
# logged already, and /checkin on it says so instead of offering the check-in buttons.
NEXT_DAY_PHASES: list[Phase] = [checkin_missed]
# After another day has passed (a second check-in), the rest.
LATER_PHASES: list[Phase] = [checkin_pain, everything_else]


async def run_phases(world: World, phases: list[Phase]) -> None:
    # Round robin: athlete 0's step, athlete 1's, ... so everyone's data is in the
    # database (and any cache) before the next athlete's turn.
    for phase in phases:
        for case in world.cases:
            await phase(world, case)


@pytest.fixture(scope="package")
def clean_environment() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("CROSSTRAIN_") or name in {"DATABASE_URL", "TELEGRAM_BOT_TOKEN",
                                                          "TELEGRAM_API_BASE_URL"}:
                patch.delenv(name)
        patch.setenv("ANONYMIZED_TELEMETRY", "False")
        yield


@pytest_asyncio.fixture(scope="package", loop_scope="package")
async def world(tmp_path_factory: pytest.TempPathFactory, clean_environment: None,
                first_start_template: Path) -> AsyncIterator[World]:
    logs = LogCapture()
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(logs)
    data_dir = copy_data_dir(first_start_template, tmp_path_factory.mktemp("security"))
    settings = Settings(_env_file=None, data_dir=data_dir,
                        telegram_bot_token=DEFAULT_TOKEN, coach_ids=[COACH.id],
                        telegram_rate_limit=0)
    model = EchoChatModel()
    answerer = build_answerer(settings, chat_model=model)
    clock = Clock()
    request = OfflineRequest()
    services = make_services(settings, answerer, clock)
    app = build_application(settings, request=request, services_override=services)
    try:
        async with app:
            assert app.post_init is not None
            await app.post_init(app)
            world = World(harness=BotHarness(app=app, request=request, services=services,
                                             clock=clock),
                          model=model, cases=athlete_cases(), logs=logs)
            await run_phases(world, PHASES)
            clock.now += timedelta(days=1)
            await run_phases(world, NEXT_DAY_PHASES)
            clock.now += timedelta(days=1)
            await run_phases(world, LATER_PHASES)
            await world.send(COACH, "/coach", "coach report")
            yield world
    finally:
        answerer.close()
        services.database.close()
        root.removeHandler(logs)
        root.setLevel(old_level)
