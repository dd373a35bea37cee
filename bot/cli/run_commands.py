"""``crosstrain run`` (the Telegram bot) and ``crosstrain chat`` (the same in the terminal)."""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bot.cli import app, load_settings
from config.settings import Settings

if TYPE_CHECKING:
    from telegram.ext import Application

NO_TOKEN_HELP = """No Telegram bot token is set.

To run the bot in Telegram:
  1. Open Telegram, talk to @BotFather, send /newbot and follow the steps.
  2. Put the token it gives you in the environment or a .env file:
       TELEGRAM_BOT_TOKEN=123456:ABC...
  3. Run: crosstrain run

Meanwhile you can try the same conversation in the terminal: crosstrain chat
(or: make chat). Without a terminal, this is all `crosstrain run` does.
"""


CHAT_LOG = "chat.log"


def configure_logging(settings: Settings, *, to_file: Path | None = None) -> None:
    """Log to stderr, or (the terminal chat, whose screen is the conversation) only to
    ``to_file``."""
    level = logging.getLevelName(settings.log_level.upper())
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    if to_file is None:
        logging.basicConfig(level=level, format=fmt, force=True)
    else:
        to_file.parent.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(level=level, format=fmt, force=True,
                            handlers=[logging.FileHandler(to_file, encoding="utf-8")])
        # Library warnings (python-telegram-bot's, deprecations) go to the file as well.
        logging.captureWarnings(True)
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    for noisy in ("chromadb", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.root.level))


@contextmanager
def polling_lock(settings: Settings, token: str) -> Iterator[None]:
    """One polling process per token and data directory: a second would steal updates."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(token.encode()).hexdigest()[:12]
    path = Path(settings.data_dir) / f"polling-{digest}.lock"
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        typer.echo(
            "Another `crosstrain run` is already polling with this token and data "
            f"directory ({settings.data_dir}). Stop it first, or use webhook mode "
            "for several workers.",
            err=True,
        )
        raise typer.Exit(3) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


@app.command()
def run() -> None:
    """Start the Telegram bot (polling by default; webhook mode by settings)."""
    from bot.malloc import limit_malloc_arenas

    # First, while this is the only thread: a worker's C heap in two arenas (bot/malloc.py).
    limit_malloc_arenas()
    settings = load_settings()
    configure_logging(settings)
    token = settings.telegram_bot_token
    if not token:
        # Not an error: a first run. Explain, then chat in the terminal when there is one.
        typer.echo(NO_TOKEN_HELP, err=True)
        if sys.stdin.isatty():
            typer.echo("Starting the terminal chat now.\n", err=True)
            chat(user=1, name="Runner")
        return

    from bot.app import build_application

    application = build_application(settings)
    if settings.mode == "webhook":
        asyncio.run(_serve(application, settings))
        return
    with polling_lock(settings, token):
        asyncio.run(_serve(application, settings))


async def _serve(application: Application, settings: Settings) -> None:
    """Run the bot (webhook server or polling) until SIGINT or SIGTERM."""
    from bot.app import running
    from bot.polling import PollingStopped, poll

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with running(application):
        if settings.mode == "webhook":
            # The webhook server (h11 on asyncio streams) only where it serves.
            from bot.webhook import serve_webhook

            await serve_webhook(application, settings, stop)
            return
        try:
            await poll(application, stop)
        except PollingStopped as error:
            typer.echo(
                f"Polling stopped: {error}. Is another instance running with this "
                "token? Stop it, or use webhook mode for several workers.",
                err=True,
            )
            raise typer.Exit(3) from None


@app.command()
def chat(
    user: int = typer.Option(1, "--user", help="The Telegram-style user id to chat as."),
    name: str = typer.Option("Runner", "--name", help="Your first name in the chat."),
) -> None:
    """Talk to the coach in the terminal: same conversation, logic and database."""
    settings = load_settings()
    log_file = Path(settings.data_dir) / CHAT_LOG
    configure_logging(settings, to_file=log_file)
    if user <= 0:
        typer.echo("--user must be a positive number.", err=True)
        raise typer.Exit(2)
    from bot.terminal import run_chat

    asyncio.run(
        run_chat(
            settings,
            user_id=user,
            name=name,
            stdin=sys.stdin,
            stdout=sys.stdout,
            interactive=sys.stdin.isatty(),
        )
    )
