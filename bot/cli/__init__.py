"""The ``crosstrain`` command line: one Typer app, sub-commands registered per area."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from config.settings import Settings

app = typer.Typer(
    name="crosstrain",
    help="Crosstrain Coach: a cross-training coach for runners, in Telegram and the terminal.",
    no_args_is_help=True,
    add_completion=False,
)


def load_settings() -> Settings:
    """The settings, or a message naming the bad setting and exit code 2."""
    from pydantic import ValidationError

    from config.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or 'settings'}: {problem['msg']}"
            for problem in error.errors()
        )
        typer.echo(f"Invalid configuration: {problems}", err=True)
        raise typer.Exit(2) from None


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
