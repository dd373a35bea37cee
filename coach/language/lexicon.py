"""The word lists of one language, loaded from ``coach/language/<lang>/*.yaml``.

Readers never spell English words themselves: they ask for a list here and compile it.
A phrase is a regular-expression fragment matched in lower case between non-word
characters, so emoji and apostrophes work as well as words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from coach.yaml_files import parse_yaml

LANGUAGE_ROOT = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "en"


@cache
def words(name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The mapping in ``<language>/<name>.yaml`` (English when the language lacks it)."""
    path = LANGUAGE_ROOT / language / f"{name}.yaml"
    if not path.is_file():
        path = LANGUAGE_ROOT / DEFAULT_LANGUAGE / f"{name}.yaml"
    data = parse_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def entry(name: str, key: str, language: str = DEFAULT_LANGUAGE) -> Any:
    return words(name, language)[key]


def alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """One regex group matching any phrase, longest first, between non-word characters."""
    ordered = sorted(phrases, key=len, reverse=True)
    # A possessive "'s" may follow ("knee's sore", "pool's closed").
    return r"(?<![\w'])(?:" + "|".join(ordered) + r")(?!\w|'(?!s\b))"


@cache
def pattern(name: str, key: str, language: str = DEFAULT_LANGUAGE) -> re.Pattern[str]:
    """The compiled alternation of the phrase list ``key`` in ``name``."""
    return re.compile(alternation(list(entry(name, key, language))))


def any_of(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that finds wherever any of ``patterns`` would: a single search settles
    "none of them here", the common case, instead of one search per pattern."""
    return re.compile("|".join(compiled.pattern for compiled in patterns))


def blank(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` spaced out: what a reader has taken is not read
    again, and every other position stays where it was."""
    return text[:start] + " " * (end - start) + text[end:]


def normalise(text: str) -> str:
    """Lower case, typographic quotes straightened, whitespace collapsed."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(text.split())


_EMOJI_CATEGORIES = frozenset({"So", "Sk", "Cf", "Co", "Cn"})


def is_symbol(char: str) -> bool:
    """An emoji or another symbol, not a letter, digit or punctuation."""
    return unicodedata.category(char) in _EMOJI_CATEGORIES or char == "\ufe0f"


def strip_symbols(text: str) -> str:
    """The text without emoji and other symbols ("sept 27 🏃‍♀️" -> "sept 27")."""
    kept = "".join(" " if is_symbol(char) else char for char in text)
    return " ".join(kept.split())
