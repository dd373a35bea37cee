"""Resident memory of a worker in steady state, after a mixed workload, over several runs.

    .venv/bin/python -m bench.memory [--runs 3] [--questions 40] [--rare] [--webhook] [--echo]

Each run starts the real ``crosstrain run`` process (polling, or with ``--webhook`` a
webhook worker the emulator posts updates to; SQLite, its own data directory) against a
fresh Bot API emulator and acts as athletes do: onboarding (typed and
skipped), questions (every text different), messages with and without red flags, /swap
with a choice, a check-in with a missed run, /plan, /history, /profile and /settings. With
``--rare`` it also sends a .fit run file and asks for /week (a chart): the paths a worker
serves seldom; fitdecode is imported on first use, and the chart is drawn by a child
process (bot/charts.py) that exits after a minute idle, whose memory is printed apart
("child processes": still alive when memory is read).

After the workload the bot is left idle for ``--settle`` seconds (a worker gives freed heap
back when no update is open), then its memory is read from ``/proc/<pid>``: resident
(VmRSS), peak (VmHWM), and from ``smaps_rollup`` the anonymous part (heap: Python objects,
onnxruntime's weights and buffers) apart from the file-backed part (shared libraries'
code and data, which other processes on the machine may share). ``--echo`` runs the bare
echo bot (``bench/echo_bot.py``) the same way first, as the baseline: what the Python
runtime, python-telegram-bot and httpx cost before any of ours.

Prints each run, then the median and p95 over the runs. Aim: at most 250 MB resident.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.bot_latency import distinct_questions
from bench.webhook import free_port
from tests.e2e.client import BotMessage, EmulatorClient, TgUser, percentile
from tests.e2e.process import (
    EmulatorProcess,
    ManagedProcess,
    bot_environment,
    python_module_command,
    wait_until_polling_sync,
)

RED_FLAG_MESSAGES = [
    "I get chest pain and feel dizzy when I run uphill",
    "my calf is swollen, hot and red after the flight, can I still run?",
    "sharp pain in my shin that hurts even when I walk, worse every day",
    "fainted at the end of my tempo run yesterday, feel fine now",
]
BENIGN_MESSAGES = [
    "legs are sore two days after the hill session, normal?",
    "I have a cold, just a runny nose, should I skip today's run?",
    "my heart rate was high on the easy run, in zone 3",
]
MB = 1024.0
WAIT = 30.0  # seconds for a reply


def memory_of(pid: int) -> dict[str, float]:
    """The process's resident, peak, anonymous and file-backed memory in MB (Linux)."""
    figures: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            figures[name] = int(value.split()[0]) / MB
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("Anonymous", "Rss", "Pss"):
            figures[name] = int(value.split()[0]) / MB
    figures["File"] = figures.get("Rss", 0.0) - figures.get("Anonymous", 0.0)
    figures["children"] = sum(_resident(child) for child in _children(pid))
    return figures


def _children(pid: int) -> list[int]:
    """The process's child processes (the chart process, while it lives)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _resident(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name == "VmRSS":
                return int(value.split()[0]) / MB
    except OSError:
        pass
    return 0.0


async def say(client: EmulatorClient, user: TgUser, text: str) -> BotMessage:
    """Send ``text`` (a command when it starts with '/') and wait for the next reply."""
    await client.mark_all_read(user.id)
    if text.startswith("/"):
        command, _, args = text[1:].partition(" ")
        await client.send_command(user, command, args)
    else:
        await client.send_text(user, text)
    [reply] = await client.wait_for_messages(user.id, 1, timeout=WAIT)
    return reply


async def press(client: EmulatorClient, user: TgUser, message: BotMessage,
                button: str) -> BotMessage:
    await client.mark_all_read(user.id)
    await client.press_button(user, message, text=button)
    return await client.wait_for_message(user.id, lambda m: True, timeout=WAIT)


async def onboard_typing(client: EmulatorClient, user: TgUser) -> None:
    await say(client, user, "/start")
    await say(client, user, user.first_name)
    await say(client, user, "marathon in the spring")
    consent = await say(client, user, "2027-04-18")
    await press(client, user, consent, "Yes, store them")
    await say(client, user, "left knee, a bit sore after long runs")
    await say(client, user, "Mon easy 40, Wed tempo 45, Sat long 100")
    await say(client, user, "pool, bike, gym")
    zone = await say(client, user, "swimming")
    clock = await press(client, user, zone, "UTC")
    await press(client, user, clock, "07:00")


async def onboard_skipping(client: EmulatorClient, user: TgUser) -> None:
    prompt = await say(client, user, "/start")
    for _ in range(12):
        if "All set" in (prompt.text or "") or not prompt.has_inline_keyboard:
            return
        prompt = await press(client, user, prompt, "Skip")


async def workload(client: EmulatorClient, *, questions: int, rare: bool) -> None:
    """What athletes do in a day, in miniature (see the module doc)."""
    anna, ben = TgUser(id=7101, first_name="Anna"), TgUser(id=7102, first_name="Ben")
    await onboard_typing(client, anna)
    await onboard_skipping(client, ben)
    texts = distinct_questions(questions)
    for n, text in enumerate(texts):
        await say(client, anna if n % 2 else ben, text)
    for text in RED_FLAG_MESSAGES + BENIGN_MESSAGES:
        await say(client, anna, text)
    options = await say(client, anna, "/swap 40 min tempo, no time")
    if options.has_inline_keyboard:
        await press(client, anna, options, options.buttons[0].text)
    prompt = await say(client, ben, "/checkin now")
    if prompt.has_inline_keyboard:
        reasons = await press(client, ben, prompt, "Missed")
        if reasons.has_inline_keyboard:
            await press(client, ben, reasons, "No time")
    await say(client, ben, "/plan Tue easy 30, Thu intervals 50, Sun long 90")
    for command in ("/history", "/profile", "/settings"):
        await say(client, anna, command)
    if rare:
        from tests.coach.runfile_builders import fit_activity

        start = datetime.now(UTC).replace(hour=6, minute=5) - timedelta(days=1)
        await client.mark_all_read(anna.id)
        await client.send_document(anna, "Morning_Run.fit", fit_activity(start=start, minutes=38),
                                   mime_type="application/octet-stream")
        await client.wait_for_messages(anna.id, 1, timeout=30)
        await client.mark_all_read(anna.id)
        await client.send_command(anna, "week")
        await client.wait_for_call("sendPhoto", timeout=30)


async def echo_workload(client: EmulatorClient, *, questions: int, rare: bool) -> None:
    user = TgUser(id=7201, first_name="Echo")
    for text in distinct_questions(questions):
        await say(client, user, text)


async def one_run(command: list[str], name: str, args: argparse.Namespace,
                  act: Callable[..., Awaitable[None]]) -> dict[str, float]:
    emulator = EmulatorProcess.start()
    with tempfile.TemporaryDirectory() as data_dir:
        extra = {"CROSSTRAIN_DATA_DIR": data_dir, "CROSSTRAIN_LOG_LEVEL": "WARNING",
                 "CROSSTRAIN_TELEGRAM_RATE_LIMIT": "0"}
        if args.webhook and name != "echo":
            port = free_port()
            extra.update({"CROSSTRAIN_MODE": "webhook", "CROSSTRAIN_WEBHOOK_SECRET": "bench",
                          "CROSSTRAIN_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
                          "CROSSTRAIN_WEBHOOK_LISTEN": "127.0.0.1",
                          "CROSSTRAIN_WEBHOOK_PORT": str(port)})
        env = bot_environment(emulator.base_url, token=emulator.token, extra=extra)
        process = ManagedProcess.start(command, env=env, cwd=Path(data_dir),
                                       log_dir=Path(data_dir), name=name)
        try:
            try:
                await asyncio.to_thread(wait_until_polling_sync, emulator.url, timeout=180,
                                        process=process)
                started = memory_of(process.pid)
                async with EmulatorClient(emulator.url) as client:
                    await act(client, questions=args.questions, rare=args.rare)
            except (RuntimeError, TimeoutError, AssertionError):
                print(process.describe(), file=sys.stderr)
                raise
            await asyncio.sleep(args.settle)
            figures = memory_of(process.pid)
            figures["started"] = started["VmRSS"]
            return figures
        finally:
            await process.stop()
            emulator.stop()


def summary(name: str, runs: list[dict[str, float]]) -> str:
    def stat(key: str) -> str:
        values = [run[key] for run in runs]
        return f"{statistics.median(values):>7.0f}{percentile(values, 0.95):>7.0f}"

    return (f"{name:<22}{stat('started')}{stat('VmRSS')}{stat('VmHWM')}{stat('Anonymous')}"
            f"{stat('File')}")


async def main(args: argparse.Namespace) -> None:
    bots: list[tuple[str, list[str], Callable[..., Awaitable[None]]]] = []
    if args.echo:
        bots.append(("echo", python_module_command("bench.echo_bot"), echo_workload))
    label = "crosstrain" + (" webhook" if args.webhook else "") + (" +rare" if args.rare else "")
    bots.append((label, python_module_command("bot", "run"), workload))
    results: dict[str, list[dict[str, float]]] = {}
    for name, command, act in bots:
        for n in range(args.runs):
            run = await one_run(command, name.replace(" ", ""), args, act)
            results.setdefault(name, []).append(run)
            print(f"{name} run {n + 1}: after start {run['started']:.0f} MB, steady "
                  f"{run['VmRSS']:.0f} MB (anonymous {run['Anonymous']:.0f}, file-backed "
                  f"{run['File']:.0f}), peak {run['VmHWM']:.0f} MB; its child processes "
                  f"{run['children']:.0f} MB", flush=True)
    print(f"\nMB, median and p95 over {args.runs} runs")
    print(f"{'':<22}{'after start':>14}{'steady RSS':>14}{'peak':>14}{'anonymous':>14}"
          f"{'file-backed':>14}")
    print(f"{'bot':<22}" + f"{'median':>7}{'p95':>7}" * 5)
    for name, runs in results.items():
        print(summary(name, runs))
    steady = statistics.median(run["VmRSS"] for run in results[label])
    print(f"steady resident memory of a worker: median {steady:.0f} MB (aim: at most 250 MB)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds idle after the workload before reading memory")
    parser.add_argument("--rare", action="store_true",
                        help="also a .fit run file and a /week chart")
    parser.add_argument("--webhook", action="store_true",
                        help="a webhook worker (the emulator posts the updates) instead of polling")
    parser.add_argument("--echo", action="store_true",
                        help="first the bare echo bot the same way (the baseline)")
    asyncio.run(main(parser.parse_args()))
