"""``crosstrain chat``: the short replies runners send (found playing a 5k runner): "ok"
or "nope" is acknowledged, never looked up in the articles; "what should i do?" after
options gets one recommended, and "ok" then takes it; a score sent after a pain report
told with none scores it.
One chat for all three: each terminal chat costs a process start and an onboarding."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import chat


@pytest.mark.usefixtures("prepared_data_dir")
@pytest.mark.slow
def test_short_replies_are_read_as_runners_mean_them(isolated_environment: Path) -> None:
    out = chat([
        "/start", "Dev", "/skip", "1", "none",
        # Every day holds the same run, so "today" is the easy 40 whatever today is.
        "mon easy 40, tue easy 40, wed easy 40, thu easy 40, fri easy 40, sat easy 40, "
        "sun easy 40",
        "/skip", "/skip", "1", "no",
        "ok", "cool 👍", "nope",
        "missed my run today, work ran late", "ok", "which one should i do?", "ok",
        "my ankle is a bit rolled from football", "2/10 its fine",
    ], user=61, data_dir=isolated_environment)
    assert "don't cover" not in out
    # Acknowledged with nothing open: three times; with options open, "ok" chooses nothing
    # until one is recommended: right after "I'd go with 1.", "ok" takes it.
    assert out.count("I'm here when you need me") == 3
    assert "Tap the option you'll do" in out
    assert out.count("I'd go with 1.") == 1 and "Logged: " in out
    # The recommendation keeps every option's button, as the offer showed them.
    assert out.count("[3] 3. ") == 2
    assert "Updated: ankle, 2/10." in out
