"""Every sentence of the English catalogue renders."""

from __future__ import annotations

import re
import string

from coach.language.texts import catalogue, t


def test_every_sentence_key_renders() -> None:
    entries = catalogue("en")
    assert entries
    for key, text in entries.items():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        rendered = t(key, **{name: "X" for name in names})
        assert rendered and not re.search(r"(?<!\{)\{\w+\}(?!\})", rendered), key
