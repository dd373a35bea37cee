"""``python -m bot`` is the ``crosstrain`` command."""

from bot.cli import main

main()
