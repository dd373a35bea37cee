"""How many SQL statements one question costs, counted (not timed).

A question update runs in its unit of work (the update id claimed, the athlete and their
snapshot read, the turn remembered, the reply written to the outbox), and its reply is
marked sent after the commit. The number of statements is deterministic, so a bound on it
catches a change that adds a query per row (N+1) or loads the same rows twice; time is
left to ``bench/bot_latency.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from coach.answers import Answerer
from config.settings import Settings
from tests.bot.conftest import BotHarness, Clock, bot_harness, make_services
from tests.bot.updates import DEFAULT_TOKEN, TgUser

# Measured: 19 on SQLite (was 21 before the read memo; +1 for one-week plan changes). BEGIN,
# the update id, the athlete, plan, plan changes, check-ins, latest substitution, recent turns, the
# turns written and trimmed, the outbox row, three savepoints (two statements each: the
# handlers' blocks), then BEGIN and one UPDATE marking the reply sent.
MAX_STATEMENTS_PER_QUESTION = 19
# PostgreSQL: 17, the same less the two BEGINs (implicit there) plus the unit's lock
# timeout (SET LOCAL).
MAX_STATEMENTS_PER_QUESTION_PG = MAX_STATEMENTS_PER_QUESTION

QUESTIONS = [
    "is cycling good cross-training for a marathon?",
    "how can I get faster in the off season?",
    "why should runners do strength work?",
    "my trails are closed, how do I keep training?",
]
ASKER = TgUser(id=8301, first_name="Counted")


@contextmanager
def counted(harness: BotHarness) -> Iterator[list[str]]:
    """The statements the database sees inside the block (any thread)."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = harness.services.database.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
async def pg_harness(pg_database: str, isolated_environment: Path,
                     shared_answerer: Answerer) -> AsyncIterator[BotHarness]:
    settings = Settings(_env_file=None, data_dir=isolated_environment,  # type: ignore[call-arg]
                        telegram_bot_token=DEFAULT_TOKEN, database_url=pg_database)
    clock = Clock()
    async with bot_harness(settings, make_services(settings, shared_answerer, clock),
                           clock) as running:
        yield running


async def test_a_question_costs_a_bounded_number_of_statements(harness: BotHarness) -> None:
    await _bounded(harness, MAX_STATEMENTS_PER_QUESTION)


@pytest.mark.postgres
async def test_a_question_costs_a_bounded_number_of_statements_on_postgresql(
    pg_harness: BotHarness,
) -> None:
    await _bounded(pg_harness, MAX_STATEMENTS_PER_QUESTION_PG)


async def _bounded(harness: BotHarness, bound: int) -> None:
    counts = []
    for n in range(12):
        with counted(harness) as statements:
            replies = await harness.send(ASKER, QUESTIONS[n % len(QUESTIONS)])
        assert replies, "every question gets an answer"
        counts.append(len(statements))
    # The first question creates the athlete; after that, the count does not grow with
    # the turns remembered (no query per stored row).
    steady = counts[2:]
    assert max(steady) <= bound, (counts, statements)
    for earlier, later in zip(steady, steady[len(QUESTIONS):], strict=False):
        assert later == earlier, counts  # the same question, more turns stored


async def test_the_snapshot_rows_are_read_once_per_question(harness: BotHarness) -> None:
    await harness.send(ASKER, QUESTIONS[0])
    with counted(harness) as statements:
        await harness.send(ASKER, QUESTIONS[1])
    words = [" ".join(statement.split()) for statement in statements]
    selects = [s.split(" FROM ")[1].split()[0] for s in words
               if s.upper().startswith("SELECT") and " FROM " in s]
    assert "check_in" in selects and "athlete" in selects, selects
    for table in ("athlete", "planned_session", "check_in", "substitution"):
        assert selects.count(table) <= 1, (table, selects)
