"""Scheduled sends (check-ins, through the one outbox): throughput against Telegram's
30 msg/s, scheduling cost per athlete, and two workers on PostgreSQL with 10,000 athletes
due in the same minute.

    .venv/bin/python -m bench.dispatch [--throughput 600] [--athletes 10000] [--no-postgres]

1. Throughput: one worker process (the real Application and its one rate limiter, SendBudget, at
   30/s) sends ``--throughput`` check-ins due at once through the Bot API emulator, which
   enforces Telegram's limits (30/s, 1/s per chat). The figure is the steady-state rate
   over 30/s (aim above 0.95), with 0 limit violations. Then two workers at 15/s each.
2. Scheduling overhead per athlete: rebuilding the wake-up jobs (time, memory), planning
   the dispatch rows, on SQLite.
3. Two worker processes on a throwaway PostgreSQL, ``--athletes`` due in the same minute,
   limiter off (the emulator only records): sent, duplicates, lost, wall time, memory.

``python -m bench.dispatch worker ...`` is one worker (started by the benchmark).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from bot import jobs
from bot.app import build_application
from bot.callback_data import CallbackSigner
from bot.scheduled_outbox import Dispatcher
from bot.services import Services
from coach.answers import Answerer
from config.settings import Settings
from storage import repository
from storage.db import Database
from storage.models import Athlete
from tests.e2e.client import EmulatorClient
from tests.e2e.process import EmulatorProcess, ManagedProcess, python_module_command
from tests.pg_server import LocalPostgres, PostgresServer, find_postgres_bin_dir, fresh_database

FIRST_USER = 1_000_000
TELEGRAM_RATE = 30


class NoAnswerer:
    """A dispatch worker answers no questions: no embedding model to load."""

    def close(self) -> None:
        pass


def services_for(settings: Settings) -> Services:
    database = Database(settings.sqlalchemy_url)
    database.migrate()
    return Services(settings=settings, database=database, answerer=cast(Answerer, NoAnswerer()),
                    signer=CallbackSigner.from_token(settings.telegram_bot_token or "bench"))


def noon_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about noon: the due minute is well inside the day."""
    offset = (12 - now.hour) % 24
    offset = offset - 24 if offset > 12 else offset
    return f"Etc/GMT{-offset:+d}" if offset else "UTC"


def seed_due_now(services: Services, count: int) -> datetime:
    """``count`` athletes whose check-in is this minute (already begun): planned just
    before it, so every row is due as soon as a worker looks. Returns the due time."""
    now = datetime.now(UTC)
    zone = noon_zone(now)
    local = now.astimezone(ZoneInfo(zone))
    at = local.strftime("%H:%M")
    athletes = [Athlete(telegram_user_id=FIRST_USER + n, chat_id=FIRST_USER + n,
                        name=f"Runner {n}", timezone=zone, checkin_time=at, onboarded=True,
                        checkin_enabled=True, created_at=now, updated_at=now) for n in range(count)]
    with services.transaction() as session:
        for start in range(0, count, 2000):
            session.add_all(athletes[start:start + 2000])
            session.flush()
    due = now.replace(second=0, microsecond=0)
    with services.transaction() as session:
        planned = repository.plan_checkin_dispatches(session=session,
                                                     now=due - timedelta(seconds=1))
    assert planned == 2 * count, planned  # today (due now) and tomorrow
    return due


# ---------------------------------------------------------------------- one worker
async def run_worker(args: argparse.Namespace) -> None:
    settings = Settings(_env_file=None, data_dir=Path(args.data_dir),
                        database_url=args.database_url, telegram_bot_token=args.token,
                        telegram_api_base_url=args.api, telegram_rate_limit=args.rate)
    services = services_for(settings)
    app = build_application(settings, services_override=services)
    started = time.monotonic()
    async with app:
        dispatcher = Dispatcher(services=services, bot=app.bot, worker=args.name,
                                rate=args.rate)
        total: dict[str, float] = dict.fromkeys(
            ("claimed", "sent", "skipped", "retried", "ambiguous", "lost_claims"), 0.0)
        while True:
            report = await dispatcher.run_pass()
            for key in ("claimed", "sent", "skipped", "retried", "ambiguous", "lost_claims"):
                total[key] += getattr(report, key)
            if report.claimed == 0:
                with services.transaction() as session:
                    open_rows = [row for status in ("due", "claimed")
                                 for row in repository.list_dispatches(session=session,
                                                                       status=status)
                                 if row.due_at <= services.now()]
                if not open_rows:
                    break
                await asyncio.sleep(0.2)  # the other worker's claims: wait them out
    services.close()
    total["seconds"] = time.monotonic() - started
    total["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("WORKER " + json.dumps({"name": args.name, **total}), flush=True)


async def run_workers(emulator: EmulatorProcess, database_url: str | None, data_dir: Path,
                      *, workers: int, rate: float) -> list[dict[str, Any]]:
    processes = []
    for number in range(workers):
        command = python_module_command(
            "bench.dispatch", "worker", "--name", f"bench-host:{number + 1}",
            "--data-dir", str(data_dir), "--api", emulator.base_url, "--token", emulator.token,
            "--rate", str(rate), *(["--database-url", database_url] if database_url else []))
        processes.append(ManagedProcess.start(command, cwd=Path.cwd(), log_dir=data_dir,
                                              name=f"worker{number + 1}"))
    results = []
    for process in processes:
        code = await asyncio.to_thread(process.popen.wait, 900)
        output = process.output()
        lines = [line for line in output.splitlines() if line.startswith("WORKER ")]
        if code != 0 or not lines:
            raise RuntimeError(f"worker failed ({code}):\n{output[-3000:]}")
        results.append(json.loads(lines[-1].removeprefix("WORKER ")))
    return results


async def sent_calls(emulator: EmulatorProcess) -> list[Any]:
    async with EmulatorClient(emulator.url, request_timeout=120) as client:
        return [call for call in await client.calls("sendMessage") if call.ok]


# ---------------------------------------------------------------------- 1. throughput
async def throughput(count: int, workers: int) -> dict[str, Any]:
    emulator = EmulatorProcess.start()
    try:
        async with EmulatorClient(emulator.url) as client:
            await client.set_limits(enforce=True)  # Telegram's: 30/s overall, 1/s per chat
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp)
            settings = Settings(_env_file=None, data_dir=data_dir)
            services = services_for(settings)
            seed_due_now(services, count)
            services.close()
            results = await run_workers(emulator, None, data_dir, workers=workers,
                                        rate=TELEGRAM_RATE / workers)
        calls = await sent_calls(emulator)
        async with EmulatorClient(emulator.url) as client:
            violations = await client.violations()
    finally:
        emulator.stop()
    times = sorted(call.time for call in calls)
    span = times[-1] - times[0]
    # Sustained rate: n sends spread over the span from the first to the last (a burst of
    # 30 at the start would only gain 29 messages once, whatever the count).
    rate = (len(times) - 1) / span
    return {"sent": len(calls), "distinct": len({call.chat_id for call in calls}),
            "span": span, "rate": rate, "ratio": rate / TELEGRAM_RATE,
            "violations": len(violations), "workers": results}


# ---------------------------------------------------------------------- 2. overhead
@contextmanager
def measured(*, memory: bool = False) -> Iterator[dict[str, float]]:
    """Seconds, or (tracing slows everything down) bytes still allocated at the end."""
    figures: dict[str, float] = {}
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        yield figures
    finally:
        figures["seconds"] = time.perf_counter() - started
        if memory:
            figures["bytes"] = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()


def overhead(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), telegram_bot_token="1:bench")
        services = services_for(settings)
        now = datetime.now(UTC)
        athletes = [Athlete(telegram_user_id=FIRST_USER + n, chat_id=FIRST_USER + n,
                            timezone=("Europe/Berlin", "America/New_York", "Asia/Tokyo")[n % 3],
                            checkin_time=f"{6 + n % 4:02d}:{n % 60:02d}", onboarded=True,
                            checkin_enabled=True,
                            created_at=now, updated_at=now) for n in range(count)]
        with services.transaction() as session:
            session.add_all(athletes)
        app = build_application(settings, services_override=services)
        with measured() as rebuild:
            scheduled = jobs.rebuild_checkin_jobs(app)
        assert scheduled == count
        other = build_application(settings, services_override=services)
        with measured(memory=True) as rebuild_memory:
            jobs.rebuild_checkin_jobs(other)
        with measured() as first_plan, services.transaction() as session:
            rows = repository.plan_checkin_dispatches(session=session, now=now)
        with measured() as replan, services.transaction() as session:
            again = repository.plan_checkin_dispatches(session=session, now=now)
        assert again == 0
        services.close()
    return {"rebuild_us": rebuild["seconds"] / count * 1e6,
            "rebuild_bytes": rebuild_memory["bytes"] / count,
            "plan_us": first_plan["seconds"] / count * 1e6, "rows": rows,
            "replan_us": replan["seconds"] / count * 1e6}


# ---------------------------------------------------------------------- 3. two workers
async def two_workers_on_postgres(count: int) -> dict[str, Any]:
    external = os.environ.get("CROSSTRAIN_TEST_POSTGRES_URL")
    server: LocalPostgres | None = None
    if external:
        from urllib.parse import urlsplit
        parts = urlsplit(external)
        pg = PostgresServer(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                            user=parts.username or "postgres", password=parts.password)
    else:
        bin_dir = find_postgres_bin_dir()
        if bin_dir is None:
            raise SystemExit("PostgreSQL server binaries not found (apt-get install postgresql)")
        server = LocalPostgres(bin_dir)
        server.start()
        pg = PostgresServer(host="127.0.0.1", port=server.port)
    emulator = EmulatorProcess.start()
    try:
        with fresh_database(pg) as url, tempfile.TemporaryDirectory() as tmp:
            settings = Settings(_env_file=None, data_dir=Path(tmp), database_url=url)
            services = services_for(settings)
            seed_due_now(services, count)
            started = time.monotonic()
            results = await run_workers(emulator, url, Path(tmp), workers=2, rate=0)
            wall = time.monotonic() - started
            with services.transaction() as session:
                today = Counter(row.status for row in repository.list_dispatches(
                    session=session) if row.due_at <= datetime.now(UTC))
            services.close()
        calls = await sent_calls(emulator)
    finally:
        emulator.stop()
        if server is not None:
            server.stop()
    per_chat = Counter(call.chat_id for call in calls)
    return {"sent": len(per_chat), "duplicates": sum(n - 1 for n in per_chat.values()),
            "lost": count - len(per_chat), "wall": wall, "statuses": dict(today),
            "workers": results}


async def main(args: argparse.Namespace) -> None:
    print(f"1. throughput: {args.throughput} check-ins due at once, emulator enforcing 30/s "
          "and 1/s per chat", flush=True)
    for workers in (1, 2):
        result = await throughput(args.throughput, workers)
        print(f"   {workers} worker(s) at {TELEGRAM_RATE / workers:g}/s each: "
              f"{result['sent']} sent ({result['distinct']} chats), first to last "
              f"{result['span']:.2f}s, {result['rate']:.2f} msg/s steady, "
              f"ratio to 30/s {result['ratio']:.3f}, {result['violations']} limit violations",
              flush=True)
    figures = overhead(args.athletes)
    print(f"2. scheduling overhead per athlete ({args.athletes} athletes, SQLite): "
          f"wake-up job {figures['rebuild_us']:.0f} us and {figures['rebuild_bytes']:.0f} B, "
          f"planning 2 days {figures['plan_us']:.0f} us ({figures['rows']} rows), "
          f"re-planning {figures['replan_us']:.0f} us", flush=True)
    if args.no_postgres:
        return
    result = await two_workers_on_postgres(args.athletes)
    per_worker = ", ".join(
        f"{w['name']} sent {w['sent']:.0f} (claimed {w['claimed']:.0f}) in {w['seconds']:.1f}s,"
        f" {w['max_rss_mb']:.0f} MB" for w in result["workers"])
    print(f"3. two workers on PostgreSQL, {args.athletes} athletes due in the same minute: "
          f"{result['sent']} sent, {result['duplicates']} duplicates, {result['lost']} lost "
          f"in {result['wall']:.1f}s ({args.athletes / result['wall']:.0f}/s, limiter off); "
          f"rows {result['statuses']}", flush=True)
    print(f"   {per_worker}")
    print(f"cpu count: {os.cpu_count()}, python {sys.version.split()[0]}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    worker = sub.add_parser("worker")
    worker.add_argument("--name", required=True)
    worker.add_argument("--data-dir", required=True)
    worker.add_argument("--api", required=True)
    worker.add_argument("--token", required=True)
    worker.add_argument("--rate", type=float, default=30)
    worker.add_argument("--database-url")
    parser.add_argument("--throughput", type=int, default=600)
    parser.add_argument("--athletes", type=int, default=10_000)
    parser.add_argument("--no-postgres", action="store_true")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.command == "worker":
        asyncio.run(run_worker(arguments))
    else:
        asyncio.run(main(arguments))
