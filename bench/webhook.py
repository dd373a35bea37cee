"""Webhook throughput with one and with two workers, on PostgreSQL and a Chroma server.

    .venv/bin/python -m bench.webhook [--updates 600] [--concurrency 16]

Each run posts questions (every text different) from many athletes straight to the
webhook address (as Telegram would, with the secret) and counts updates per second: our
server answers once the update was handled and committed, its reply in the reply outbox
(sent to the Bot API emulator right after, in a task of its own). Prints the median and
p95 time per update, updates/s, and each worker's resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

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


async def run(workers_count: int, args: argparse.Namespace, pg: LocalPostgres,
              chroma_port: int, emulator: EmulatorProcess) -> dict[str, Any]:
    dbname = f"bench_{workers_count}_{os.getpid()}"
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
            result = await post_updates(port, args.updates, args.concurrency)
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
    try:
        results = {n: await run(n, args, pg, chroma_port, emulator) for n in (1, 2)}
    finally:
        emulator.stop()
        chroma.terminate()
        pg.stop()
    print(f"{'workers':<9}{'updates/s':>10}{'median ms':>11}{'p95 ms':>9}  RSS per worker (MB)")
    for n, r in results.items():
        rss = ", ".join(f"{value:.0f}" for value in r["rss_mb"])
        print(f"{n:<9}{r['per_second']:>10.0f}{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}  {rss}")
    print(f"scaling 2 workers / 1 worker: {results[2]['per_second'] / results[1]['per_second']:.2f}"
          f" on {os.cpu_count()} cores")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=16)
    asyncio.run(main(parser.parse_args()))
