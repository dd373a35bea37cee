"""Webhook throughput with one and with two workers, on PostgreSQL and a Chroma server.

    .venv/bin/python -m bench.webhook [--updates 600] [--concurrency 16] [--rounds 3]

Each run posts questions (every text different) from many athletes straight to the
webhook address (as Telegram would, with the secret) and counts updates per second: our
server answers once the update was handled and committed, its reply in the reply outbox
(sent to the Bot API emulator right after, in a task of its own). Prints the median and
p95 time per update, updates/s, and each worker's resident memory.

One worker and two take turns ``--rounds`` times (each figure is the median of its
rounds; the scaling is printed per round too). What limits the scaling is shown by where
the machine's CPU went during the measured posts: each worker, PostgreSQL (the server and
its backends), the Chroma server, the Bot API emulator and this load generator, in CPU
seconds per update, and all of them against the cores' capacity over that time ("ours
busy"), beside the whole machine's ("machine": with other processes' work; near 100%, the
machine is saturated, and a second worker can only take CPU from the rest).
With ``--profile DIR`` py-spy samples each worker during the measured posts (with two
workers) and writes its stacks to DIR (collapsed stacks, for flame graph tools), and the
functions seen most in them are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Final

import httpx
import psutil

from bench.bot_latency import distinct_questions
from tests.bot.updates import TgUser, text_update
from tests.e2e.client import percentile
from tests.e2e.process import (
    EmulatorProcess,
    ManagedProcess,
    bot_environment,
    python_module_command,
)
from tests.pg_server import LocalPostgres, find_postgres_bin_dir

SECRET = "bench-secret"
_RUNS = itertools.count()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_chroma(path: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host",
                                "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("chroma run did not start")


async def wait_listening(port: int, workers: list[ManagedProcess]) -> None:
    deadline = time.monotonic() + 120
    async with httpx.AsyncClient() as http:
        while time.monotonic() < deadline:
            ready = all("webhook server listening" in w.output() for w in workers)
            if ready:
                await http.get(f"http://127.0.0.1:{port}/healthz")
                return
            if not all(w.is_running() for w in workers):
                raise RuntimeError("\n".join(w.describe() for w in workers))
            await asyncio.sleep(0.2)
    raise TimeoutError("workers did not start")


async def post_updates(port: int, count: int, concurrency: int, *, start: int = 0
                       ) -> dict[str, Any]:
    url = f"http://127.0.0.1:{port}/telegram"
    users = [TgUser(id=20_000 + n, first_name=f"B{n}") for n in range(concurrency * 4)]
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    # Every text different, as athletes' are (nothing gained from remembering texts).
    for n, question in enumerate(distinct_questions(count, start=start)):
        queue.put_nowait(text_update(users[n % len(users)], question))
    latencies: list[float] = []

    async def poster(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            update = queue.get_nowait()
            started = time.perf_counter()
            response = await http.post(url, json=update,
                                       headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            response.raise_for_status()
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        started = time.perf_counter()
        await asyncio.gather(*(poster(http) for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return {"per_second": count / seconds, "median_ms": statistics.median(latencies) * 1000,
            "p95_ms": percentile(latencies, 0.95) * 1000}


def cpu_seconds(pids: list[int], *, with_children: bool = False) -> float:
    """User + system CPU time of the processes (and their living children), seconds."""
    total = 0.0
    for pid in pids:
        try:
            process = psutil.Process(pid)
            group = [process, *(process.children(recursive=True) if with_children else [])]
            for member in group:
                times = member.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def start_py_spy(workers: list[ManagedProcess], directory: Path) -> list[subprocess.Popen[bytes]]:
    directory.mkdir(parents=True, exist_ok=True)
    py_spy = Path(sys.executable).parent / "py-spy"
    return [subprocess.Popen([str(py_spy), "record", "--format", "raw", "--rate", "200",
                              "--nonblocking", "-p", str(worker.pid),
                              "-o", str(directory / f"worker{n + 1}.txt")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for n, worker in enumerate(workers)]


# What a sampled stack is busy with: the first rule whose marks it contains.
_KINDS: Final = (
    ("event loop waiting (select)", ("(selectors.py:",)),
    ("embedding (onnxruntime, the model threads)", ("onnxruntime",)),
    ("database (SQLAlchemy, psycopg; waiting for PostgreSQL included)",
     ("sqlalchemy/", "psycopg/")),
    ("reading texts (coach/language)", ("coach/language/",)),
    ("knowledge (retrieval, triage: Python)", ("knowledge/",)),
    ("coach (answers, rules)", ("coach/",)),
    ("webhook HTTP server (h11)", ("h11/", "bot/webhook.py")),
    ("Bot API client (httpx)", ("httpx/", "httpcore/")),
    ("python-telegram-bot", ("telegram/",)),
    ("bot, use cases, storage", ("bot/", "usecases/", "storage/")),
    ("thread pool, waiting for work", ("concurrent/futures/thread.py",)),
    ("event loop itself", ("asyncio/",)),
)


def hottest(directory: Path, top: int = 12) -> tuple[list[tuple[str, float]],
                                                      list[tuple[str, float]]]:
    """Where the sampled stacks of the profiles in ``directory`` were: by kind of work
    (see _KINDS) and by the function on top of the stack, as shares of all samples. py-spy
    leaves out threads it sees idle, but counts some waits (a thread in psycopg waiting for
    the server, the pool's threads waiting for work)."""
    kinds: dict[str, int] = {}
    leaves: dict[str, int] = {}
    total = 0
    for path in sorted(directory.glob("worker*.txt")):
        for line in path.read_text().splitlines():
            stack, _, count_text = line.rpartition(" ")
            if not count_text.isdigit():
                continue
            count = int(count_text)
            total += count
            # On the event loop's thread: what the callback it runs is doing (below it,
            # every stack has the same frames: the CLI, asyncio.run, the loop).
            work = stack.rsplit("(asyncio/events.py:", 1)[-1]
            if "(selectors.py:" in stack:
                work = stack
            kind = next((name for name, marks in _KINDS
                         if any(mark in work for mark in marks)), "other")
            kinds[kind] = kinds.get(kind, 0) + count
            leaf = stack.rsplit(";", 1)[-1]
            leaves[leaf] = leaves.get(leaf, 0) + count
    if not total:
        return [], []

    def shares(counts: dict[str, int]) -> list[tuple[str, float]]:
        return sorted(((name, n / total) for name, n in counts.items()),
                      key=lambda item: -item[1])[:top]

    return shares(kinds), shares(leaves)


def postmaster_pid(pg: LocalPostgres) -> int:
    return int((pg.data_dir / "postmaster.pid").read_text().split()[0])


def cpu_use(workers: list[ManagedProcess], pg: LocalPostgres, chroma_pid: int,
            emulator: EmulatorProcess) -> dict[str, float]:
    """CPU seconds so far of each part of the run (see the module doc)."""
    figures = {f"worker {n + 1}": cpu_seconds([worker.pid])
               for n, worker in enumerate(workers)}
    figures["postgres"] = cpu_seconds([postmaster_pid(pg)], with_children=True)
    figures["chroma"] = cpu_seconds([chroma_pid], with_children=True)
    figures["emulator"] = cpu_seconds([emulator.process.pid])
    figures["load generator"] = cpu_seconds([os.getpid()])
    return figures


async def run(workers_count: int, args: argparse.Namespace, pg: LocalPostgres,
              chroma_port: int, emulator: EmulatorProcess, chroma_pid: int) -> dict[str, Any]:
    dbname = f"bench_{workers_count}_{os.getpid()}_{next(_RUNS)}"
    await asyncio.to_thread(subprocess.run, [str(pg.bin_dir / "createdb"), "-h", "127.0.0.1",
                            "-p", str(pg.port), "-U", "postgres", dbname], check=True)
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = bot_environment(emulator.base_url, token=emulator.token, extra={
            "CROSSTRAIN_DATA_DIR": data_dir, "CROSSTRAIN_LOG_LEVEL": "INFO",
            "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{pg.port}/{dbname}",
            "CROSSTRAIN_CHROMA_HOST": "127.0.0.1", "CROSSTRAIN_CHROMA_PORT": str(chroma_port),
            "CROSSTRAIN_MODE": "webhook", "CROSSTRAIN_WEBHOOK_SECRET": SECRET,
            "CROSSTRAIN_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "CROSSTRAIN_WEBHOOK_PORT": str(port), "CROSSTRAIN_TELEGRAM_RATE_LIMIT": "0",
        })
        workers = [ManagedProcess.start(python_module_command("bot", "run"), env=env,
                                        cwd=Path(data_dir), log_dir=Path(data_dir),
                                        name=f"worker{n}") for n in range(workers_count)]
        try:
            await wait_listening(port, workers)
            await post_updates(port, 30, args.concurrency, start=10_000)  # warm-up
            before = cpu_use(workers, pg, chroma_pid, emulator)
            machine_before = psutil.cpu_times()
            spies = (start_py_spy(workers, args.profile)
                     if args.profile and workers_count == 2 else [])
            result = await post_updates(port, args.updates, args.concurrency)
            for spy in spies:
                spy.send_signal(2)  # SIGINT: py-spy writes what it sampled and exits
            for spy in spies:
                await asyncio.to_thread(spy.wait, 60)
            after = cpu_use(workers, pg, chroma_pid, emulator)
            machine_after = psutil.cpu_times()
            seconds = args.updates / result["per_second"]
            result["cpu_ms_per_update"] = {part: (after[part] - before[part]) * 1000
                                           / args.updates for part in after}
            result["cpu_busy"] = (sum(after.values()) - sum(before.values())) / (
                seconds * (os.cpu_count() or 1))
            idle = ((machine_after.idle + machine_after.iowait)
                    - (machine_before.idle + machine_before.iowait))
            result["machine_busy"] = 1 - idle / (seconds * (os.cpu_count() or 1))
            result["rss_mb"] = [psutil.Process(w.pid).memory_info().rss / 2**20
                                for w in workers]
            return result
        finally:
            for worker in workers:
                await worker.stop()


async def main(args: argparse.Namespace) -> None:
    bin_dir = find_postgres_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL server binaries not found")
    pg = LocalPostgres(bin_dir)
    pg.start()
    chroma_dir = tempfile.mkdtemp()
    chroma, chroma_port = start_chroma(Path(chroma_dir))
    emulator = EmulatorProcess.start()
    rounds: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    try:
        for _ in range(args.rounds):
            for n in (1, 2):
                rounds[n].append(await run(n, args, pg, chroma_port, emulator, chroma.pid))
    finally:
        emulator.stop()
        chroma.terminate()
        pg.stop()
    print(f"{'workers':<9}{'updates/s':>10}{'median ms':>11}{'p95 ms':>9}{'ours busy':>10}"
          f"{'machine':>9}  RSS per worker (MB)")
    for n, results in rounds.items():
        def med(key: str, results: list[dict[str, Any]] = results) -> float:
            return statistics.median(r[key] for r in results)

        rss = ", ".join(f"{statistics.median(r['rss_mb'][i] for r in results):.0f}"
                        for i in range(n))
        print(f"{n:<9}{med('per_second'):>10.0f}{med('median_ms'):>11.1f}{med('p95_ms'):>9.1f}"
              f"{med('cpu_busy'):>10.0%}{med('machine_busy'):>9.0%}  {rss}")
    for n, results in rounds.items():
        spent = {part: statistics.median(r["cpu_ms_per_update"][part] for r in results)
                 for part in results[0]["cpu_ms_per_update"]}
        print(f"CPU ms per update, {n} worker{'s' if n > 1 else ''} (median of rounds): "
              + ", ".join(f"{part} {ms:.1f}" for part, ms in spent.items())
              + f"; all {sum(spent.values()):.1f}")
    ratios = [two["per_second"] / one["per_second"]
              for one, two in zip(rounds[1], rounds[2], strict=True)]
    print("scaling 2 workers / 1 worker per round: "
          + ", ".join(f"{ratio:.2f}" for ratio in ratios)
          + f"; median {statistics.median(ratios):.2f}, p95 {percentile(ratios, 0.95):.2f}"
          f" on {os.cpu_count()} cores (aim: at least 1.5)")
    if args.profile:
        kinds, leaves = hottest(args.profile)
        print(f"py-spy, two workers, share of samples by kind of work (stacks in "
              f"{args.profile}):")
        for name, share in kinds:
            print(f"  {share:6.1%}  {name}")
        print("by the function on top of the stack:")
        for name, share in leaves:
            print(f"  {share:6.1%}  {name}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--profile", type=Path, default=None,
                        help="sample the two workers with py-spy into this directory")
    parser.add_argument("--rounds", type=int, default=3,
                        help="one worker and two take turns this many times")
    asyncio.run(main(parser.parse_args()))
