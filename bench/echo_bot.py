"""A bare python-telegram-bot echo bot: the baseline of the bot latency benchmark.

It echoes every text back; ``/buttons`` answers with an inline keyboard and a press is
answered and reported (``pressed <data>``); ``/document`` uploads a small JSON file.
The extras keep the end-to-end tests of the emulator honest and cost nothing per echo.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=http://127.0.0.1:PORT/bot \\
        python -m bench.echo_bot [--webhook --webhook-port 8443 --webhook-secret S]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back."""
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


async def buttons(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer two inline buttons."""
    if update.effective_message:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes"),
                                          InlineKeyboardButton("No", callback_data="no")]])
        await update.effective_message.reply_text("Choose", reply_markup=keyboard)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button press and report what was pressed."""
    query = update.callback_query
    if query is None:
        return
    await query.answer(f"got {query.data}")
    if query.message is not None:
        await context.bot.send_message(
            query.message.chat.id,
            f"pressed {query.data} on {query.message.message_id} "
            f"instance {query.chat_instance}")


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Upload a small JSON file."""
    if update.effective_chat:
        payload = json.dumps({"chat_id": update.effective_chat.id, "echo": True}).encode()
        await context.bot.send_document(update.effective_chat.id, payload,
                                        filename="echo.json", caption="your data")


def build_application(token: str, base_url: str) -> Application:
    application = ApplicationBuilder().token(token).base_url(base_url).build()
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:
    """The echo bot's handlers (also used in process by bench/bot_latency.py)."""
    application.add_handler(CommandHandler("buttons", buttons))
    application.add_handler(CommandHandler("document", document))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_handler(MessageHandler(filters.TEXT, echo))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bare echo bot (benchmark baseline).")
    parser.add_argument("--webhook", action="store_true", help="webhook instead of polling")
    parser.add_argument("--webhook-listen", default="127.0.0.1")
    parser.add_argument("--webhook-port", type=int, default=8443)
    parser.add_argument("--webhook-url", default=None,
                        help="URL the Bot API posts to (default http://LISTEN:PORT/echo)")
    parser.add_argument("--webhook-secret", default="echo-secret")
    args = parser.parse_args(argv)

    token = os.environ.get("TELEGRAM_BOT_TOKEN")
    if not token:
        print("Set TELEGRAM_BOT_TOKEN (and TELEGRAM_API_BASE_URL for an emulator).",
              file=sys.stderr)
        return 2
    base_url = os.environ.get("TELEGRAM_API_BASE_URL") or DEFAULT_BASE_URL
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    application = build_application(token, base_url)
    if args.webhook:
        url = args.webhook_url or f"http://{args.webhook_listen}:{args.webhook_port}/echo"
        application.run_webhook(listen=args.webhook_listen, port=args.webhook_port,
                                url_path="echo", webhook_url=url,
                                secret_token=args.webhook_secret)
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
