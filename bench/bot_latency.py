"""Bot round trip, drain rate and a question handled in process, against a bare echo bot.

    .venv/bin/python -m bench.bot_latency [--questions 60] [--users 100] [--per-user 2] \\
        [--rounds 3] [--skip-limited]

Both bots run as real processes polling a fresh emulator each, taking turns in one run
(``--rounds`` times; each figure is the median of its rounds), under the same load, and
the figures are printed side by side:

- round trip: one athlete asks ``--questions`` questions one after another (after ten
  for warm-up); median and p95 from sending to the reply arriving. Ours answers from
  the articles; the echo bot echoes. Aim: ours at most 2.5x the echo bot's.
- updates/s: ``--users`` athletes (each has written once before, for warm-up) each send
  ``--per-user`` questions at once; the rate is updates over the time until every reply
  arrived. Many athletes, because one athlete's updates run one after another by design
  and Telegram allows one message a second to a chat. Aim: at least half the echo bot's.
- CPU per update: the bot process's CPU time (user + system) during the drain, per
  update; on two cores, updates/s cannot pass about 2000 / this.
- resident memory of each bot process at the end and at its peak. Aim: 250 MB for ours.
- in process: the real Application with an offline Bot API (no HTTP, no polling), a
  question handled by ``process_update``, median and p95; the echo bot's Application
  the same way. Aim: ours at a median of at most 6 ms. Run in a child process of its own
  (``--in-process``), so its memory is not the benchmark's. Ours is split in two: the
  read-ahead (triage and retrieval, the model's work, on the model threads) and the rest
  (the update's unit of work: handlers, database, reply).

Every question text is different (the texts are the six below in ten framings), as an
athlete's are: a bot that remembers recent texts gains nothing from repeats here.

The first two runs have no send budget (the echo bot has none; like with like); a third
run shows ours with the default one (30 messages/s overall, one a second per chat);
``--skip-limited`` leaves it out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.e2e.client import EmulatorClient, TgUser, measure_round_trips, percentile
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
FRAMINGS = ["{q}", "quick one: {q}", "coach, {q}", "hey, {q}", "sorry to ask again, {q}",
            "one more thing: {q}", "question: {q}", "I was wondering, {q}",
            "{q} thanks in advance", "{q} asking for my training group"]


def distinct_questions(count: int, *, start: int = 0) -> list[str]:
    """``count`` different question texts (numbered past the 60 framed ones)."""
    texts = []
    for n in range(start, start + count):
        question = QUESTIONS[n % len(QUESTIONS)]
        framing = FRAMINGS[(n // len(QUESTIONS)) % len(FRAMINGS)]
        text = framing.format(q=question)
        lap = n // (len(QUESTIONS) * len(FRAMINGS))
        texts.append(text if lap == 0 else f"{text} ({lap})")
    return texts


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time process ``pid`` has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int) -> tuple[float, float]:
    """Resident memory of process ``pid`` now and at its peak, in MB (Linux)."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


async def drain(client: EmulatorClient, users: Sequence[TgUser], texts: Sequence[str],
                per_user: int, *, wait_seconds: float = 300.0) -> float:
    """Every user sends ``per_user`` texts at once; updates/s until every reply arrived."""
    for user in users:
        await client.mark_all_read(user.id)
    batch = [(user, texts[(n * len(users) + i) % len(texts)])
             for n in range(per_user) for i, user in enumerate(users)]
    started = time.perf_counter()
    await client.send_texts(batch)
    await asyncio.gather(*(client.wait_for_messages(user.id, per_user, timeout=wait_seconds)
                           for user in users))
    return len(batch) / (time.perf_counter() - started)


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
                texts = distinct_questions(10 + args.questions)
                await measure_round_trips(client, user, texts[:10])  # warm-up
                trips = await measure_round_trips(client, user, texts[10:])
                users = [TgUser(id=1000 + i, first_name=f"U{i}") for i in range(args.users)]
                # Warm-up: each athlete has written before (their first message creates them).
                await drain(client, users, distinct_questions(args.users, start=100), 1)
                cpu_before = cpu_seconds(process.pid)
                rate = await drain(client, users,
                                   distinct_questions(args.users * args.per_user, start=400),
                                   args.per_user)
                cpu_ms = ((cpu_seconds(process.pid) - cpu_before) * 1000
                          / (args.users * args.per_user))
            rss, peak = resident_mb(process.pid)
            return {"median_ms": trips["median"] * 1000, "p95_ms": trips["p95"] * 1000,
                    "updates_per_second": rate, "cpu_ms_per_update": cpu_ms, "rss_mb": rss,
                    "peak_mb": peak}
        finally:
            await process.stop()
            emulator.stop()


# ---------------------------------------------------------------- in process


async def _in_process(count: int) -> dict[str, dict[str, float]]:
    """Both Applications over an offline Bot API: a question through ``process_update``."""
    from telegram import Update
    from telegram.ext import Application, ApplicationBuilder

    from bench.echo_bot import register_handlers
    from bot.app import build_application
    from bot.handlers.common import SERVICES_KEY
    from bot.services import Services
    from config.settings import Settings
    from tests.bot.offline_request import OfflineRequest
    from tests.bot.updates import DEFAULT_TOKEN, text_update

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(_env_file=None, data_dir=Path(data_dir),
                            telegram_bot_token=DEFAULT_TOKEN, telegram_rate_limit=0)
        echo_request = OfflineRequest(strict=False)
        echo: Application[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder().token(DEFAULT_TOKEN).request(echo_request)
            .get_updates_request(echo_request).build())
        register_handlers(echo)
        ours = build_application(settings, request=OfflineRequest(strict=False))
        user = TgUser(id=100, first_name="Bench")
        texts = distinct_questions(20 + count)
        for name, app in (("echo", echo), ("crosstrain", ours)):
            async with app:
                if app.post_init is not None:
                    await app.post_init(app)
                reading: list[float] = []
                services = app.bot_data.get(SERVICES_KEY)
                if isinstance(services, Services):
                    read_ahead = services.read_ahead

                    async def timed(text: str, read_ahead: Any = read_ahead,
                                    reading: list[float] = reading) -> None:
                        started = time.perf_counter()
                        await read_ahead(text)
                        reading.append(time.perf_counter() - started)

                    services.read_ahead = timed  # type: ignore[method-assign]
                samples, read = [], []
                for n, text in enumerate(texts):
                    update = Update.de_json(text_update(user, text), app.bot)
                    reading.clear()
                    started = time.perf_counter()
                    await app.process_update(update)
                    if n >= 20:  # the first twenty are the warm-up
                        samples.append(time.perf_counter() - started)
                        read.append(sum(reading))
                if app.post_shutdown is not None:
                    await app.post_shutdown(app)
            results[name] = {"median_ms": statistics.median(samples) * 1000,
                             "p95_ms": percentile(samples, 0.95) * 1000,
                             "read_ahead_median_ms": statistics.median(read) * 1000,
                             "rest_median_ms": statistics.median(
                                 [total - ahead for total, ahead in zip(samples, read,
                                                                        strict=True)]) * 1000}
    return results


def in_process_child(count: int) -> dict[str, dict[str, float]]:
    """``_in_process`` in a child process (its imports and memory stay there)."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.bot_latency", "--in-process", "--questions", str(count)],
        check=True, capture_output=True, text=True, env={**os.environ,
                                                         "CROSSTRAIN_LOG_LEVEL": "WARNING"})
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------- report


def _median_of(rounds: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the rounds."""
    return {key: statistics.median(result[key] for result in rounds) for key in rounds[0]}


async def main(args: argparse.Namespace) -> None:
    # Echo and ours take turns, ``--rounds`` times: on a machine others share, a burst of
    # load then falls on both, and each figure is the median of its rounds.
    echo_rounds, our_rounds = [], []
    for _ in range(args.rounds):
        echo_rounds.append(await _measure(python_module_command("bench.echo_bot"), "echo",
                                          args))
        our_rounds.append(await _measure(python_module_command("bot", "run"), "crosstrain",
                                         args, {"CROSSTRAIN_TELEGRAM_RATE_LIMIT": "0"}))
    echo, ours = _median_of(echo_rounds), _median_of(our_rounds)
    if args.rounds > 1:
        print("per round, crosstrain / echo: round trip median "
              + ", ".join(f"{o['median_ms'] / e['median_ms']:.2f}x"
                          for e, o in zip(echo_rounds, our_rounds, strict=True))
              + "; updates/s "
              + ", ".join(f"{o['updates_per_second'] / e['updates_per_second']:.2f}"
                          for e, o in zip(echo_rounds, our_rounds, strict=True)))
    rows = [("echo", echo), ("crosstrain", ours)]
    if not args.skip_limited:
        rows.append(("crosstrain 30/s", await _measure(
            python_module_command("bot", "run"), "crosstrain-limited", args)))
    local = await asyncio.to_thread(in_process_child, args.questions)
    print(f"{'bot':<16}{'median ms':>10}{'p95 ms':>10}{'updates/s':>11}{'CPU ms/upd':>12}"
          f"{'RSS MB':>9}{'peak MB':>9}")
    for name, result in rows:
        print(f"{name:<16}{result['median_ms']:>10.1f}{result['p95_ms']:>10.1f}"
              f"{result['updates_per_second']:>11.0f}{result['cpu_ms_per_update']:>12.1f}"
              f"{result['rss_mb']:>9.0f}{result['peak_mb']:>9.0f}")
    print(f"round trip, crosstrain / echo: median {ours['median_ms'] / echo['median_ms']:.2f}x"
          f", p95 {ours['p95_ms'] / echo['p95_ms']:.2f}x (aim: at most 2.5x)")
    print(f"updates/s, crosstrain / echo: "
          f"{ours['updates_per_second'] / echo['updates_per_second']:.2f} (aim: at least 0.5;"
          f" {args.users} athletes x {args.per_user} questions at once)")
    print("crosstrain 30/s: the one send budget allows 30 messages a second overall and one "
          "a second to a chat (Telegram's limits), so one athlete's back-to-back questions "
          "are paced by it")
    print(f"resident memory of a worker: {ours['rss_mb']:.0f} MB, peak {ours['peak_mb']:.0f} MB "
          f"(aim: at most 250 MB)")
    print(f"in process (process_update, offline Bot API): crosstrain median "
          f"{local['crosstrain']['median_ms']:.2f} ms, p95 {local['crosstrain']['p95_ms']:.2f} "
          f"ms (aim: median at most 6 ms); echo median {local['echo']['median_ms']:.2f} ms, "
          f"p95 {local['echo']['p95_ms']:.2f} ms")
    print(f"  crosstrain in process, of which reading ahead (triage, retrieval) median "
          f"{local['crosstrain']['read_ahead_median_ms']:.2f} ms, the rest (unit of work: "
          f"handlers, database, reply) median {local['crosstrain']['rest_median_ms']:.2f} ms")
    print(f"cpu count: {os.cpu_count()}, python {sys.version.split()[0]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--per-user", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3,
                        help="echo and ours take turns this many times; medians of the rounds")
    parser.add_argument("--skip-limited", action="store_true",
                        help="leave out the third run (ours with the default send budget)")
    parser.add_argument("--in-process", action="store_true",
                        help="only the in-process part, printed as JSON (used by the run)")
    arguments = parser.parse_args()
    if arguments.in_process:
        print(json.dumps(asyncio.run(_in_process(arguments.questions))))
    else:
        asyncio.run(main(arguments))
