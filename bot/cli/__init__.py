"""The ``crosstrain`` command line: one Typer app, sub-commands registered per area."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="crosstrain",
    help="Crosstrain Coach: a cross-training coach for runners, in Telegram and the terminal.",
    no_args_is_help=True,
    add_completion=False,
)


def _register() -> None:
    # Each area owns its module; importing it adds its commands to ``app``.
    from bot.cli import (
        knowledge_commands,  # noqa: F401
        run_commands,  # noqa: F401
        swap_commands,  # noqa: F401
    )


def main() -> None:
    """Entry point of the ``crosstrain`` console script."""
    _register()
    app()
