"""Bot round trip and drain rate through the Bot API emulator, against a bare echo bot.

    .venv/bin/python -m bench.bot_latency [--questions 60] [--users 20] [--per-user 10]

Both bots run as real processes polling the same emulator process, one after the other in
one run, and the figures are printed side by side: round-trip median and p95 of a question
(ours answers it from the articles; the echo bot echoes it), updates per second drained,
their ratios (aims: round trip at most 2.5x the echo bot's, updates/s at least half of
it), and each bot's resident memory at the end and at its peak (aim: at most 250 MB for
ours).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.e2e.client import EmulatorClient, TgUser, measure_drain, measure_round_trips
from tests.e2e.process import (
    EmulatorProcess,
    ManagedProcess,
    bot_environment,
    python_module_command,
    wait_until_polling_sync,
)

QUESTIONS = [
    "what can I do instead of running when my knee hurts?",
    "is cycling good cross-training for a marathon?",
    "how do I train for a race with lots of climbing?",
    "how can I get faster in the off season?",
    "my trails are closed, how do I keep training?",
    "why should runners do strength work?",
]


def resident_mb(pid: int) -> tuple[float, float]:
    """Resident memory of process ``pid`` now and at its peak, in MB (Linux)."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


async def _measure(command: list[str], name: str, args: argparse.Namespace,
                   extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    emulator = EmulatorProcess.start()  # a fresh emulator per bot: no state carried over
    with tempfile.TemporaryDirectory() as data_dir:
        env = bot_environment(emulator.base_url, token=emulator.token,
                              extra={"CROSSTRAIN_DATA_DIR": data_dir,
                                     "CROSSTRAIN_LOG_LEVEL": "WARNING", **(extra_env or {})})
        process = ManagedProcess.start(command, env=env, cwd=Path(data_dir),
                                       log_dir=Path(data_dir), name=name)
        try:
            try:
                await asyncio.to_thread(wait_until_polling_sync, emulator.url, timeout=120,
                                        process=process)
            except (RuntimeError, TimeoutError):
                print(process.describe(), file=sys.stderr)
                raise
            async with EmulatorClient(emulator.url) as client:
                user = TgUser(id=100, first_name="Bench")
                warm = [QUESTIONS[i % len(QUESTIONS)] for i in range(10)]
                await measure_round_trips(client, user, warm)
                texts = [QUESTIONS[i % len(QUESTIONS)] for i in range(args.questions)]
                trips = await measure_round_trips(client, user, texts)
                users = [TgUser(id=1000 + i, first_name=f"U{i}") for i in range(args.users)]
                drain = await measure_drain(client, users, args.per_user, timeout=300)
            rss, peak = resident_mb(process.pid)
            return {"median_ms": trips["median"] * 1000, "p95_ms": trips["p95"] * 1000,
                    "updates_per_second": drain["updates_per_second"], "rss_mb": rss,
                    "peak_mb": peak}
        finally:
            await process.stop()
            emulator.stop()


async def main(args: argparse.Namespace) -> None:
    echo = await _measure(python_module_command("bench.echo_bot"), "echo", args)
    # The bare echo bot has no rate limiter; compare like with like, then show the cost of
    # the default limiter (30 messages/s overall, Telegram's broadcast limit).
    ours = await _measure(python_module_command("bot", "run"), "crosstrain", args,
                          {"CROSSTRAIN_TELEGRAM_RATE_LIMIT": "0"})
    limited = await _measure(python_module_command("bot", "run"), "crosstrain-limited", args)
    print(f"{'bot':<16}{'median ms':>10}{'p95 ms':>10}{'updates/s':>11}{'RSS MB':>9}"
          f"{'peak MB':>9}")
    for name, result in (("echo", echo), ("crosstrain", ours), ("crosstrain 30/s", limited)):
        print(f"{name:<16}{result['median_ms']:>10.1f}{result['p95_ms']:>10.1f}"
              f"{result['updates_per_second']:>11.0f}{result['rss_mb']:>9.0f}"
              f"{result['peak_mb']:>9.0f}")
    print(f"round trip, crosstrain / echo: median {ours['median_ms'] / echo['median_ms']:.2f}x"
          f", p95 {ours['p95_ms'] / echo['p95_ms']:.2f}x (aim: at most 2.5x)")
    print(f"updates/s, crosstrain / echo: "
          f"{ours['updates_per_second'] / echo['updates_per_second']:.2f} (aim: at least 0.5)")
    print("crosstrain 30/s: the one send budget allows one message a second to a chat "
          "(Telegram's limit), so one athlete's back-to-back questions are paced by it")
    print(f"resident memory of a worker: {ours['rss_mb']:.0f} MB, peak {ours['peak_mb']:.0f} MB "
          f"(aim: at most 250 MB)")
    print(f"cpu count: {os.cpu_count()}, python {sys.version.split()[0]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--per-user", type=int, default=10)
    asyncio.run(main(parser.parse_args()))
