"""Scheduled sends through the one outbox: flood limits, faults, leases, downtime, workers,
and check-ins, weekly summaries and coach digests side by side.

The real Application (its AIORateLimiter included) sends through an offline Bot API that
records every call, enforces or records Telegram's flood limits and injects faults. Each
test prints its figures (``pytest -s``).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time as wallclock
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot import jobs
from bot.app import build_application
from bot.callback_data import CallbackSigner
from bot.rate_limit import SendPacer
from bot.scheduled_outbox import Dispatcher, DispatchReport
from bot.services import Services
from coach.answers import Answerer
from config.settings import Settings
from storage import repository
from storage.db import Database
from storage.models import Athlete
from tests.bot.offline_request import OfflineRequest, RecordedCall
from tests.bot.updates import DEFAULT_TOKEN
from tests.e2e.botapi import RateLimits

MONDAY_7AM = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
MONDAY = MONDAY_7AM.date()
FIRST_USER = 500_000


class NoAnswerer:
    """The dispatcher never answers questions; services only need something to close."""

    def close(self) -> None:
        pass


@dataclass
class Clock:
    now: datetime = MONDAY_7AM

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Worker:
    app: Application
    services: Services
    request: OfflineRequest
    dispatcher: Dispatcher


@dataclass
class Fleet:
    """Workers sharing one database (and, by default, one offline Bot API)."""

    settings: Settings
    clock: Clock = field(default_factory=Clock)
    workers: list[Worker] = field(default_factory=list)

    @property
    def services(self) -> Services:
        return self.workers[0].services


COACH_USER = 9_000


def make_settings(data_dir: Path, *, database_url: str | None = None,
                  rate: float = 0) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir,
                    telegram_bot_token=DEFAULT_TOKEN, database_url=database_url,
                    telegram_rate_limit=rate, coach_ids=[COACH_USER])


@asynccontextmanager
async def fleet_of(settings: Settings, *, workers: int = 1, request: OfflineRequest | None = None,
                   clock: Clock | None = None, **dispatcher_options: Any
                   ) -> AsyncIterator[Fleet]:
    """``workers`` applications on one database, each with its own dispatcher (rebuilt
    from the database as at start), not started: tests run passes themselves."""
    fleet = Fleet(settings=settings, clock=clock or Clock())
    shared = request or OfflineRequest()
    options = {"retry_delay": timedelta(0), **dispatcher_options}
    for number in range(workers):
        database = Database(settings.sqlalchemy_url)
        database.migrate()
        services = Services(settings=settings, database=database,
                            answerer=cast(Answerer, NoAnswerer()),
                            signer=CallbackSigner.from_token(DEFAULT_TOKEN), clock=fleet.clock)
        app = build_application(settings, request=shared, services_override=services)
        await app.initialize()
        jobs.rebuild_checkin_jobs(app)
        dispatcher = jobs.ensure_dispatcher(app)
        dispatcher.worker = f"test-host:{number + 1}"
        for name, value in options.items():
            setattr(dispatcher, name, value)
        fleet.workers.append(Worker(app, services, shared, dispatcher))
    try:
        yield fleet
    finally:
        for worker in fleet.workers:
            await worker.app.shutdown()
            worker.services.database.close()


def seed(services: Services, count: int, *, timezone: str = "UTC", at: str = "07:30",
         first_user: int = FIRST_USER, plan: list[dict[str, Any]] | None = None) -> list[int]:
    """``count`` onboarded athletes checking in at ``at`` (chat id = user id); their ids."""
    now = services.now()
    athletes = [Athlete(telegram_user_id=first_user + number, chat_id=first_user + number,
                        name=f"Runner {number}", timezone=timezone, checkin_time=at,
                        onboarded=True, checkin_enabled=True, created_at=now,
                        updated_at=now)
                for number in range(count)]
    with services.transaction() as session:
        session.add_all(athletes)
        session.flush()
        ids = [athlete.id for athlete in athletes if athlete.id is not None]
        if plan is not None:
            for athlete_id in ids:
                repository.set_weekly_plan(session=session, athlete_id=athlete_id,
                                           sessions=plan)
    assert len(ids) == count
    return ids


def delivered(request: OfflineRequest, method: str = "sendMessage") -> list[RecordedCall]:
    """Calls of ``method`` that reached the chat (ambiguous timeouts included)."""
    return [call for call in request.calls_to(method) if call.took_effect]


def subscribe(services: Services, athlete_ids: list[int], *, kind: str = "athlete",
              weekday: int = 0, at: str = "07:30") -> None:
    """Opt these people in to the weekly summary (``coach``: the Monday digest)."""
    with services.transaction() as session:
        for athlete_id in athlete_ids:
            repository.set_weekly_summary(session=session, athlete_id=athlete_id, kind=kind,
                                          enabled=True, weekday=weekday, time=at)


def kinds_and_statuses(services: Services, day: date = MONDAY) -> Counter[tuple[str, str]]:
    with services.transaction() as session:
        return Counter((row.kind, row.status) for row in repository.list_dispatches(
            session=session) if row.local_date == day)


def max_in_any_second(calls: list[RecordedCall]) -> int:
    times = sorted(call.time for call in calls)
    best, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def statuses(services: Services, day: date = MONDAY) -> Counter[str]:
    """Dispatch statuses of ``day`` (the next day is planned too, still due)."""
    with services.transaction() as session:
        return Counter(row.status for row in repository.list_dispatches(session=session)
                       if row.local_date == day)


async def run_all(fleet: Fleet) -> DispatchReport:
    """One pass on every worker at the same time; their reports added up."""
    total = DispatchReport()
    for report in await asyncio.gather(*(w.dispatcher.run_pass() for w in fleet.workers)):
        total.add(report)
    return total


async def plan_then_fall_due(fleet: Fleet, *, due: datetime) -> None:
    """Plan ahead of the due minute, then move the clock into it."""
    report = await run_all(fleet)
    assert report.sent == 0 and report.planned > 0
    fleet.clock.now = due


@pytest.fixture
def data_dir(isolated_environment: Path) -> Path:
    return isolated_environment


# ---------------------------------------------------------------------- flood limits
async def test_500_checkins_due_in_one_minute_stay_under_the_flood_limits(data_dir: Path) -> None:
    # Telegram's limits scaled 5x in time (150/s instead of 30/s) so the test takes
    # seconds; per chat stays at the real 1/s. The 30/s test below runs at real speed.
    rate = 150
    limits = RateLimits(global_per_second=rate, per_chat_interval=1.0, enforce=True)
    request = OfflineRequest(limits=limits)
    # Flood control: two chats answered 429 (for 2s and 1s), and one global 429 of 1s.
    request.fail_chat(FIRST_USER + 7, "retry_after", times=1, retry_after=2,
                      methods=["sendMessage"])
    request.fail_chat(FIRST_USER + 300, "retry_after", times=1, retry_after=1,
                      methods=["sendMessage"])
    request.fail_chat(None, "retry_after", times=1, retry_after=1, methods=["sendMessage"])
    settings = make_settings(data_dir, rate=rate)
    async with fleet_of(settings, request=request) as fleet:
        seed(fleet.services, 500)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30, second=20))
        started = wallclock.monotonic()
        report = await run_all(fleet)
        # The three refused check-ins went back to the table, due after their window: the
        # limiter surfaced each 429 once and retried nothing by itself.
        assert report.retried == 3 and report.sent == 497
        fleet.clock.now += timedelta(seconds=3)
        report.add(await run_all(fleet))
        elapsed = wallclock.monotonic() - started
        final = statuses(fleet.services)
    calls = delivered(request)
    per_chat = Counter(call.chat_id for call in calls)
    peak = max_in_any_second(calls)
    assert len([c for c in request.calls_to("sendMessage") if not c.took_effect]) == 3
    print(f"\n500 check-ins due in one minute: {len(per_chat)} delivered in {elapsed:.1f}s, "
          f"max {peak} sends in any 1s (limit {rate}), {len(request.violations)} limit "
          f"violations, 3 x 429 injected")
    assert request.violations == []  # global, per chat, and inside a retry_after window
    assert peak <= rate
    assert len(per_chat) == 500 and set(per_chat.values()) == {1}
    assert report.sent == 500 and final == {"sent": 500}


async def test_checkins_at_the_real_30_per_second_with_a_429(data_dir: Path) -> None:
    limits = RateLimits(enforce=True)  # Telegram's: 30/s, 1/s per chat
    request = OfflineRequest(limits=limits)
    request.fail_chat(FIRST_USER + 40, "retry_after", times=1, retry_after=1,
                      methods=["sendMessage"])
    async with fleet_of(make_settings(data_dir, rate=30), request=request) as fleet:
        seed(fleet.services, 90)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=31))
        started = wallclock.monotonic()
        report = await run_all(fleet)
        assert report.retried == 1  # the 429, surfaced once and put back for after it
        fleet.clock.now += timedelta(seconds=2)
        report.add(await run_all(fleet))
        elapsed = wallclock.monotonic() - started
    calls = delivered(request)
    span = calls[-1].time - calls[0].time
    # 90 sends spread evenly at 30/s take 89/30 s from first to last, plus the 1.1s pause.
    print(f"\n90 check-ins at 30/s: {len(calls)} delivered in {elapsed:.1f}s "
          f"(first to last send {span:.2f}s; ideal {89 / 30 + 1.1:.2f}s), max "
          f"{max_in_any_second(calls)} in any 1s, {len(request.violations)} violations")
    assert request.violations == []
    assert max_in_any_second(calls) <= 30
    assert report.sent == 90 and len({call.chat_id for call in calls}) == 90


async def test_the_pacer_counts_a_send_until_a_second_after_its_answer() -> None:
    pacer = SendPacer(4)
    starts: list[float] = []

    async def send(chat: int) -> None:
        async with pacer.slot(chat):
            starts.append(wallclock.monotonic())
            await asyncio.sleep(0.05)  # a slow round trip

    began = wallclock.monotonic()
    await asyncio.gather(*(send(chat) for chat in range(5)))
    # Starts are spread a quarter of a second apart; the fifth send waits for the first
    # answer (0.05s) plus a whole second.
    assert all(later - earlier >= 0.24 for earlier, later in itertools.pairwise(starts))
    assert starts[4] - began >= 1.05
    pacer.pause_for(0.3)
    paused = wallclock.monotonic()
    await send(1)
    assert starts[-1] - paused >= 0.3


# ---------------------------------------------------------------------- faults
async def test_20_percent_failed_sends_lose_nothing_and_duplicate_only_after_ambiguous_timeouts(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    request = OfflineRequest(limits=RateLimits(global_per_second=1000, per_chat_interval=1.0))
    # 7% time out after Telegram took the message (ambiguous), 13% more (of the rest) time
    # out before it or fail to connect: 20% of all sends fail.
    request.fail_randomly(0.07, ["timed_out"], after_effect=True)
    request.fail_randomly(0.14, ["timed_out", "network_error"])
    caplog.set_level(logging.INFO, logger="bot.scheduled_outbox")
    async with fleet_of(make_settings(data_dir, rate=200), request=request) as fleet:
        ids = seed(fleet.services, 300)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30))
        report = await run_all(fleet)
        final = statuses(fleet.services)
    attempts = request.calls_to("sendMessage")
    failed = [call for call in attempts if call.outcome != "ok"]
    ambiguous = [call for call in attempts if call.outcome == "ambiguous"]
    per_chat = Counter(call.chat_id for call in delivered(request))
    duplicates = {chat: count for chat, count in per_chat.items() if count > 1}
    lost = 300 - len(per_chat)
    warnings = [r.getMessage() for r in caplog.records if "possible duplicate" in r.getMessage()]
    print(f"\n300 check-ins, {len(failed)} of {len(attempts)} sends failed "
          f"({100 * len(failed) / len(attempts):.0f}%, {len(ambiguous)} ambiguous): {lost} lost, "
          f"{sum(count - 1 for count in duplicates.values())} duplicates, "
          f"{len(warnings)} possible-duplicate warnings")
    assert 0.15 <= len(failed) / len(attempts) <= 0.25
    assert lost == 0 and final == {"sent": 300} and report.sent == 300
    assert not [v for v in request.violations if v.kind == "per_chat"]  # retries wait 1s
    ambiguous_chats = Counter(call.chat_id for call in ambiguous)
    for chat, count in duplicates.items():
        assert count - 1 <= ambiguous_chats[chat]  # each extra copy follows an ambiguous one
        athlete_id = ids[chat - FIRST_USER]
        assert any(f"athlete {athlete_id} timed out" in text for text in warnings)
    assert len(warnings) >= len(ambiguous)
    assert report.ambiguous >= len(ambiguous)


async def test_1_of_100_recipients_blocked_the_bot_99_delivered_and_that_athlete_paused(
    data_dir: Path
) -> None:
    request = OfflineRequest()
    blocked_user = FIRST_USER + 42
    request.block_chat(blocked_user)
    async with fleet_of(make_settings(data_dir), request=request) as fleet:
        ids = seed(fleet.services, 100)
        blocked_id = ids[42]
        assert jobs.rebuild_checkin_jobs(fleet.workers[0].app) == 100
        job_queue = fleet.workers[0].app.job_queue
        assert job_queue is not None
        assert job_queue.get_jobs_by_name(jobs.job_name(blocked_id))
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30))
        report = await run_all(fleet)
        with fleet.services.transaction() as session:
            athlete = repository.get_athlete(session=session, athlete_id=blocked_id)
            rows = repository.list_dispatches(session=session, athlete_id=blocked_id)
        # The next day: nothing planned or tried for the paused athlete.
        fleet.clock.now += timedelta(days=1)
        fleet.workers[0].dispatcher.request_planning()
        await run_all(fleet)
        assert not [j for j in job_queue.get_jobs_by_name(jobs.job_name(blocked_id))
                    if not j.removed]
    per_chat = Counter(call.chat_id for call in delivered(request))
    tries = len(request.calls_to("sendMessage", chat_id=blocked_user))
    print(f"\n1 of 100 blocked: {len(per_chat)} delivered, blocked athlete tried {tries}x, "
          f"paused={athlete is not None and athlete.paused}")
    assert len(per_chat) == 99 and blocked_user not in per_chat
    assert report.blocked == 1 and tries == 1
    assert athlete is not None and athlete.paused
    assert [row.status for row in rows] == ["skipped"]


async def test_a_claim_held_by_a_dead_worker_is_sent_by_another_after_its_lease(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    request = OfflineRequest()
    async with fleet_of(make_settings(data_dir), request=request) as fleet:
        seed(fleet.services, 5)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30))
        lease = fleet.workers[0].dispatcher.lease
        # A worker claims everything, then dies (SIGKILL: nothing after the claim runs).
        with fleet.services.transaction() as session:
            dead = repository.claim_due_dispatches(session=session, now=fleet.clock.now,
                                                 worker="dead-host:999", lease=lease)
        assert len(dead) == 5
        fleet.clock.now += lease - timedelta(seconds=1)
        assert (await run_all(fleet)).sent == 0  # still leased: nobody else sends
        fleet.clock.now += timedelta(seconds=2)
        report = await run_all(fleet)
        rows = statuses(fleet.services)
    print(f"\nclaim of a dead worker: {report.sent} of 5 sent after the {lease} lease")
    assert report.sent == 5 and rows == {"sent": 5}
    assert Counter(call.chat_id for call in delivered(request)) == {
        FIRST_USER + n: 1 for n in range(5)}


# ---------------------------------------------------------------------- schedule rules
async def test_after_downtime_a_restart_sends_a_missed_checkin_once_or_skips_a_past_day(
    data_dir: Path
) -> None:
    request = OfflineRequest()
    settings = make_settings(data_dir)
    clock = Clock(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))  # Monday 05:00 UTC
    async with fleet_of(settings, request=request, clock=clock) as fleet:
        berlin = seed(fleet.services, 1, timezone="Europe/Berlin", at="07:30")[0]
        new_york = seed(fleet.services, 1, timezone="America/New_York", at="07:30",
                        first_user=FIRST_USER + 1)[0]
        assert (await run_all(fleet)).planned == 4  # Monday and Tuesday for both
    # Down from Monday 05:00 UTC until Tuesday 12:00 UTC: Berlin's Monday is over and its
    # Tuesday 07:30 (06:30 UTC) has passed today; New York's Monday is over and its
    # Tuesday 07:30 (12:30 UTC) is still ahead.
    clock.now = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    async with fleet_of(settings, request=request, clock=clock) as restarted:
        job_queue = restarted.workers[0].app.job_queue
        assert job_queue is not None
        assert {j.name for j in job_queue.jobs()} == {
            jobs.DISPATCH_JOB, jobs.job_name(berlin), jobs.job_name(new_york)}
        first = await run_all(restarted)
        again = await run_all(restarted)
        clock.now = datetime(2026, 3, 3, 12, 30, 5, tzinfo=UTC)
        later = await run_all(restarted)
        with restarted.services.transaction() as session:
            rows = {(row.athlete_id, row.local_date): row.status
                    for row in repository.list_dispatches(session=session)}
            pending = repository.get_checkin(session=session, athlete_id=berlin,
                                             day=date(2026, 3, 3))
    print(f"\ndowntime: restart sent {first.sent} (late, same day), then {again.sent}; "
          f"{sum(status == 'skipped' for status in rows.values())} past days skipped")
    assert (first.sent, again.sent, later.sent) == (1, 0, 1)
    assert rows == {
        (berlin, date(2026, 3, 2)): "skipped", (berlin, date(2026, 3, 3)): "sent",
        (new_york, date(2026, 3, 2)): "skipped", (new_york, date(2026, 3, 3)): "sent",
        # Planned at the restart for the next day; not due yet.
        (berlin, date(2026, 3, 4)): "due", (new_york, date(2026, 3, 4)): "due"}
    assert pending is not None and pending.status == "pending"
    assert Counter(call.chat_id for call in delivered(request)) == {
        FIRST_USER: 1, FIRST_USER + 1: 1}


async def test_rest_days_and_days_already_checked_in_get_no_prompt(data_dir: Path) -> None:
    request = OfflineRequest()
    monday_rest = [{"weekday": 0, "kind": "rest", "minutes": 0},
                   {"weekday": 1, "kind": "easy", "minutes": 40}]
    async with fleet_of(make_settings(data_dir), request=request) as fleet:
        resting = seed(fleet.services, 1, plan=monday_rest)[0]
        answered, training = seed(fleet.services, 2, first_user=FIRST_USER + 1)
        with fleet.services.transaction() as session:
            repository.record_checkin(session=session, athlete_id=answered,
                                      day=MONDAY_7AM.date(), status="done")
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30))
        report = await run_all(fleet)
        with fleet.services.transaction() as session:
            rows = {row.athlete_id: row.status for row in repository.list_dispatches(
                session=session) if row.local_date == MONDAY_7AM.date()}
    assert rows == {resting: "skipped", answered: "skipped", training: "sent"}
    assert report.sent == 1 and report.skipped == 2
    [call] = delivered(request)
    assert call.chat_id == FIRST_USER + 2
    assert "Daily check-in, Runner 1!" in str(call.params["text"])
    buttons = [b["text"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 4


async def test_an_athlete_on_a_safety_hold_gets_no_checkin_prompt(data_dir: Path) -> None:
    request = OfflineRequest()
    async with fleet_of(make_settings(data_dir), request=request) as fleet:
        held, training = seed(fleet.services, 2)
        with fleet.services.transaction() as session:
            repository.start_safety_hold(session=session, athlete_id=held,
                                         since=MONDAY_7AM, reason=None)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30))
        report = await run_all(fleet)
        with fleet.services.transaction() as session:
            rows = {row.athlete_id: row.status for row in repository.list_dispatches(
                session=session) if row.local_date == MONDAY_7AM.date()}
    assert rows == {held: "skipped", training: "sent"}
    assert report.sent == 1
    assert [call.chat_id for call in delivered(request)] == [FIRST_USER + 1]


async def test_a_checkin_moved_to_later_today_is_planned_again_and_sent_once(
    data_dir: Path
) -> None:
    request = OfflineRequest()
    async with fleet_of(make_settings(data_dir), request=request) as fleet:
        [athlete_id] = seed(fleet.services, 1, at="07:30")
        await run_all(fleet)  # planned for 07:30
        with fleet.services.transaction() as session:
            athlete = repository.set_checkin_schedule(session=session, athlete_id=athlete_id,
                                                      time="08:15")
        job_queue = fleet.workers[0].app.job_queue
        assert job_queue is not None
        jobs.schedule_checkin(job_queue, athlete)  # what /checkin 08:15 does after commit
        await run_all(fleet)
        fleet.clock.now = MONDAY_7AM.replace(minute=45)
        assert (await run_all(fleet)).sent == 0  # 07:30 no longer applies
        fleet.clock.now = MONDAY_7AM.replace(hour=8, minute=15)
        assert (await run_all(fleet)).sent == 1
        assert (await run_all(fleet)).sent == 0
    assert len(delivered(request)) == 1


# ---------------------------------------------------------------------- workers
@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql",
                                                          marks=pytest.mark.postgres)])
async def test_two_workers_1000_athletes_due_in_the_same_minute_each_sent_exactly_once(
    engine: str, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    count = 1000 if engine == "postgresql" else 400
    database_url = str(request.getfixturevalue("pg_url")) if engine == "postgresql" else None
    bot_api = OfflineRequest()
    settings = make_settings(data_dir, database_url=database_url)
    async with fleet_of(settings, workers=2, request=bot_api, batch_size=50) as fleet:
        seed(fleet.services, count)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30, second=1))
        started = wallclock.monotonic()
        report = await run_all(fleet)
        elapsed = wallclock.monotonic() - started
        final = statuses(fleet.services)
    per_chat = Counter(call.chat_id for call in delivered(bot_api))
    duplicates = sum(n - 1 for n in per_chat.values())
    lost = count - len(per_chat)
    print(f"\ntwo workers on {engine}, {count} athletes due in the same minute: "
          f"{len(per_chat)} sent, {duplicates} duplicates, {lost} lost in {elapsed:.1f}s "
          f"({count / elapsed:.0f}/s unthrottled)")
    assert (len(per_chat), duplicates, lost) == (count, 0, 0)
    assert report.sent == count and final == {"sent": count}
    assert report.lost_claims == 0


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql",
                                                          marks=pytest.mark.postgres)])
async def test_two_workers_send_each_checkin_summary_and_digest_once_from_one_outbox(
    engine: str, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    """Every kind due in the same minute, claimed by two workers from one table: each
    person gets each kind once for the period, none lost."""
    count = 24 if engine == "postgresql" else 12
    database_url = str(request.getfixturevalue("pg_url")) if engine == "postgresql" else None
    bot_api = OfflineRequest()
    settings = make_settings(data_dir, database_url=database_url)
    async with fleet_of(settings, workers=2, request=bot_api, batch_size=4) as fleet:
        athletes = seed(fleet.services, count, plan=[{"weekday": 0, "kind": "easy",
                                                      "minutes": 40}])
        [coach] = seed(fleet.services, 1, first_user=COACH_USER)
        subscribe(fleet.services, athletes)  # Monday 07:30, like their check-in
        subscribe(fleet.services, [coach], kind="coach")
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30, second=1))
        report = await run_all(fleet)
        again = await run_all(fleet)
        final = kinds_and_statuses(fleet.services)
    prompts = Counter(call.chat_id for call in delivered(bot_api)
                      if "Daily check-in" in str(call.params["text"]))
    photos = Counter(call.chat_id for call in delivered(bot_api, "sendPhoto"))
    roster_texts = [call for call in delivered(bot_api)
                    if call.chat_id == COACH_USER and "Daily check-in" not in
                    str(call.params["text"])]
    print(f"\ntwo workers on {engine}: {sum(prompts.values())} check-ins, "
          f"{sum(photos.values())} pictures for {count} athletes and a coach")
    everyone = [FIRST_USER + n for n in range(count)] + [COACH_USER]
    assert prompts == {chat: 1 for chat in everyone}
    assert photos == {chat: 1 for chat in everyone}  # a summary each, the coach's digest
    assert len(roster_texts) == 1
    assert report.sent == 2 * count + 2 and again.sent == 0 and report.lost_claims == 0
    assert final == {("checkin", "sent"): count + 1, ("weekly_summary", "sent"): count,
                     ("coach_digest", "sent"): 1}


async def test_a_checkin_and_a_summary_to_one_chat_share_the_one_send_budget(
    data_dir: Path
) -> None:
    """Both kinds leave through the bot's one rate limiter: never two to a chat within a
    second, never above the overall rate."""
    limits = RateLimits(global_per_second=5, per_chat_interval=1.0, enforce=True)
    bot_api = OfflineRequest(limits=limits)
    async with fleet_of(make_settings(data_dir, rate=5), request=bot_api) as fleet:
        athletes = seed(fleet.services, 4)
        subscribe(fleet.services, athletes)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30, second=1))
        report = await run_all(fleet)
    calls = delivered(bot_api) + delivered(bot_api, "sendPhoto")
    assert report.sent == 8 and report.retried == 0
    assert bot_api.violations == []
    assert max_in_any_second(calls) <= 5
    for chat in {call.chat_id for call in calls}:
        times = sorted(call.time for call in calls if call.chat_id == chat)
        assert len(times) == 2 and times[1] - times[0] >= 1.0


async def test_summaries_skip_a_safety_hold_and_the_coach_digest_flags_it(
    data_dir: Path
) -> None:
    """Like the check-in prompt, an athlete's summary is skipped on a hold (its picture
    lists the sessions still to train); the coach's digest is sent and shows the hold."""
    bot_api = OfflineRequest()
    async with fleet_of(make_settings(data_dir), request=bot_api) as fleet:
        held, training = seed(fleet.services, 2)
        [coach] = seed(fleet.services, 1, first_user=COACH_USER)
        subscribe(fleet.services, [held, training])
        subscribe(fleet.services, [coach], kind="coach")
        with fleet.services.transaction() as session:
            for on_hold in (held, coach):
                repository.start_safety_hold(session=session, athlete_id=on_hold,
                                             since=MONDAY_7AM, reason=None)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=30, second=1))
        await run_all(fleet)
        final = kinds_and_statuses(fleet.services)
    assert {call.chat_id for call in delivered(bot_api, "sendPhoto")} == {
        FIRST_USER + 1, COACH_USER}
    assert final[("weekly_summary", "skipped")] == 1 and final[("weekly_summary", "sent")] == 1
    assert final[("coach_digest", "sent")] == 1
    assert final[("checkin", "skipped")] == 2  # the held athlete's and the held coach's
    [roster] = [call for call in delivered(bot_api) if call.chat_id == COACH_USER]
    first_row = str(roster.params["text"]).splitlines()[0]
    assert "Runner 0" in first_row and "hold" in first_row.lower()  # held ones first


async def test_a_summary_whose_text_fails_after_its_picture_is_not_sent_twice(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bot_api = OfflineRequest()
    caplog.set_level(logging.WARNING, logger="bot.scheduled_outbox")
    async with fleet_of(make_settings(data_dir), request=bot_api) as fleet:
        seed(fleet.services, 2)
        [coach] = seed(fleet.services, 1, first_user=COACH_USER)
        subscribe(fleet.services, [coach], kind="coach", weekday=0, at="07:40")
        with fleet.services.transaction() as session:
            repository.set_checkin_schedule(session=session, athlete_id=coach, enabled=False)
        await plan_then_fall_due(fleet, due=MONDAY_7AM.replace(minute=40, second=1))
        bot_api.fail_chat(COACH_USER, "network_error", times=1, methods=["sendMessage"])
        report = await run_all(fleet)
        fleet.clock.now += timedelta(minutes=5)
        later = await run_all(fleet)
        final = kinds_and_statuses(fleet.services)
    assert len(delivered(bot_api, "sendPhoto")) == 1
    # Two athletes' check-ins and the digest, each once; the digest is not retried.
    assert (report.sent, later.sent, final[("coach_digest", "sent")]) == (3, 0, 1)
    assert any("picture was delivered" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------------- wiring
async def test_the_started_bot_dispatches_by_itself_after_start(data_dir: Path) -> None:
    """The real job queue: the dispatcher job's first pass, right after start, sends a
    check-in that fell due while the bot was down."""
    request = OfflineRequest()
    settings = make_settings(data_dir)
    now = datetime.now(UTC)
    # A fixed-offset zone where it is about noon now, so "a minute ago" is today.
    offset = (12 - now.hour) % 24
    offset = offset - 24 if offset > 12 else offset
    zone = f"Etc/GMT{-offset:+d}" if offset else "UTC"
    async with fleet_of(settings, request=request, clock=Clock(now)) as fleet:
        services = fleet.services
        services.clock = lambda: datetime.now(UTC)
        local = now.astimezone(ZoneInfo(zone))
        at = (local + timedelta(minutes=1)).strftime("%H:%M")
        [athlete_id] = seed(services, 1, timezone=zone, at=at)
        with services.transaction() as session:
            repository.plan_checkin_dispatches(session=session, now=now, days_ahead=0)
            [row] = repository.list_dispatches(session=session, athlete_id=athlete_id)
            row.due_at = now - timedelta(minutes=1)  # came due while the bot was down
            session.add(row)
        app = fleet.workers[0].app
        jobs.rebuild_checkin_jobs(app)  # as post_init does
        await app.start()
        try:
            for _ in range(50):
                if delivered(request):
                    break
                await asyncio.sleep(0.1)
        finally:
            await app.stop()
    assert [call.chat_id for call in delivered(request)] == [FIRST_USER]

