"""Every athlete-facing sentence, looked up by key in one catalogue per language.

``t("swaps.rest_day", name="Ana")`` reads ``coach/language/en/replies/swaps.yaml``, key
``rest_day``, and fills its named placeholders (``{name}``). A key missing in the athlete's
language falls back to English; a key missing everywhere is a bug and raises ``KeyError``
(a test renders every key of every file).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from coach.yaml_files import parse_yaml

LANGUAGE_ROOT = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(language: str) -> dict[str, str]:
    """All sentences of ``language`` as ``{"file.key": text}`` (empty if unknown)."""
    folder = LANGUAGE_ROOT / language / "replies"
    entries: dict[str, str] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.glob("*.yaml")):
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path.name}: expected a mapping of keys to sentences")
        for key, text in data.items():
            if not isinstance(text, str):
                raise ValueError(f"{path.name}: {key} must be a string")
            entries[f"{path.stem}.{key}"] = text
    return entries


def t(key: str, /, *, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The sentence ``key`` in ``language`` (English when missing), placeholders filled."""
    text = catalogue(language).get(key) or catalogue(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text
