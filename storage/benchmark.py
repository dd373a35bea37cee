"""Storage throughput on SQLite and (optionally) a throwaway PostgreSQL.

Run from the repository root::

    python -m storage.benchmark              # SQLite only
    python -m storage.benchmark --postgres   # also start a PostgreSQL from the binaries

Figures (median of ``--repeat`` runs, with p95 where a latency is meant):
- update transactions/s: one transaction per update (claim the update id, add a turn),
  1 thread and 4 threads, each thread with its own session;
- dispatch: planning N athletes' check-ins, then 2 workers claiming and marking them
  sent; sends/s (the database side only, no Telegram), duplicates and losses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from storage import repository as repo
from storage.db import create_db_engine, migrate, session_scope

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def _reset(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{name}"' for name in SQLModel.metadata.tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(SQLModel.metadata.sorted_tables):
                connection.execute(table.delete())


def _in_threads(count: int, work: Callable[[int], None]) -> float:
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def bench_updates(engine: Engine, *, updates: int, threads: int) -> tuple[float, float]:
    """Updates/s and p95 transaction latency (ms); each update id is delivered twice."""
    _reset(engine)
    with session_scope(engine) as session:
        athlete = repo.get_or_create_athlete(session=session, telegram_user_id=1, chat_id=1)
        athlete_id = athlete.id
    assert athlete_id is not None
    latencies: list[float] = []
    lock = threading.Lock()

    def work(number: int) -> None:
        mine: list[float] = []
        for update_id in range(number, updates, threads):
            for _delivery in range(2):  # Telegram may deliver an update twice
                started = time.perf_counter()
                with session_scope(engine) as session:
                    if repo.mark_update_processed(session=session, update_id=update_id):
                        repo.add_turn(session=session, athlete_id=athlete_id,
                                      role="athlete", text=f"update {update_id}")
                mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    elapsed = _in_threads(threads, work)
    with session_scope(engine) as session:
        assert len(repo.recent_turns(session=session, athlete_id=athlete_id)) == 20
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    return (2 * updates) / elapsed, p95


def bench_dispatch(engine: Engine, *, athletes: int, workers: int) -> dict[str, float]:
    _reset(engine)
    with session_scope(engine) as session:
        for number in range(athletes):
            athlete = repo.get_or_create_athlete(session=session,
                                                 telegram_user_id=100_000 + number,
                                                 chat_id=100_000 + number)
            assert athlete.id is not None
            repo.update_profile(session=session, athlete_id=athlete.id, onboarded=True,
                                checkin_enabled=True)
    started = time.perf_counter()
    with session_scope(engine) as session:
        planned = repo.plan_checkin_dispatches(session=session, now=NOW, days_ahead=0)
    planning = time.perf_counter() - started
    assert planned == athletes
    sent: list[int] = []
    lock = threading.Lock()
    due = NOW + timedelta(hours=2)

    def work(number: int) -> None:
        worker = f"worker-{number}"
        while True:
            with session_scope(engine) as session:
                batch = repo.claim_due_dispatches(session=session, now=due, worker=worker,
                                                  limit=50)
                ids = [dispatch.id for dispatch in batch if dispatch.id is not None]
            if not ids:
                return
            for dispatch_id in ids:
                with session_scope(engine) as session:
                    repo.mark_dispatch_sent(session=session, dispatch_id=dispatch_id,
                                            worker=worker, now=due)
            with lock:
                sent.extend(ids)

    elapsed = _in_threads(workers, work)
    return {
        "planning_ms_per_athlete": planning * 1000 / athletes,
        "sends_per_s": len(sent) / elapsed,
        "duplicates": float(len(sent) - len(set(sent))),
        "lost": float(athletes - len(set(sent))),
    }


def run(label: str, engine: Engine, repeat: int, updates: int, athletes: int) -> None:
    migrate(engine)
    for threads in (1, 4):
        results = [bench_updates(engine, updates=updates, threads=threads)
                   for _ in range(repeat)]
        rate = statistics.median(r[0] for r in results)
        p95 = statistics.median(r[1] for r in results)
        print(f"{label:10} updates, {threads} thread(s): {rate:8.0f} tx/s "
              f"(p95 {p95:.1f} ms per transaction; every update delivered twice)")
    dispatch = [bench_dispatch(engine, athletes=athletes, workers=2) for _ in range(repeat)]
    print(f"{label:10} dispatch of {athletes} check-ins, 2 workers: "
          f"{statistics.median(d['sends_per_s'] for d in dispatch):8.0f} sends/s, "
          f"planning {statistics.median(d['planning_ms_per_athlete'] for d in dispatch):.3f} "
          f"ms/athlete, duplicates {max(d['duplicates'] for d in dispatch):.0f}, "
          f"lost {max(d['lost'] for d in dispatch):.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true",
                        help="also start a throwaway PostgreSQL (needs the server binaries)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--athletes", type=int, default=1000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        engine = create_db_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        run("sqlite", engine, args.repeat, args.updates, args.athletes)
        engine.dispose()

    if args.postgres:
        from tests.pg_server import LocalPostgres, PostgresServer, find_postgres_bin_dir

        bin_dir = find_postgres_bin_dir()
        if bin_dir is None:
            print("PostgreSQL server binaries not found; skipped.", file=sys.stderr)
            return 1
        server = LocalPostgres(bin_dir)
        try:
            server.start()
            engine = create_db_engine(PostgresServer("127.0.0.1", server.port).url())
            run("postgresql", engine, args.repeat, args.updates, args.athletes)
            engine.dispose()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
