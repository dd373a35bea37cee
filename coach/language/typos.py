"""Typo-tolerant reading: mistyped key words ("wednsday", "intervls", "achillies") are
read as the word meant (edit distances from rapidfuzz) before the readers' patterns see
the text. Only slips count, and the first letter must match: real words that differ by
a letter ("slipped", "along", "recycling") stay as typed."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz.distance import OSA, Indel

from coach.language.lexicon import entry

_WORD = re.compile(r"[a-z']+")


@cache
def _targets() -> tuple[str, ...]:
    return tuple(entry("typos", "targets"))


@cache
def _slang() -> dict[str, str]:
    table: dict[str, str] = entry("typos", "slang")
    return {word: meant for word, meant in table.items() if word != meant}


@lru_cache(maxsize=4096)
def _correct_word(word: str) -> str:
    if word in _slang():
        return _slang()[word]
    if word.endswith("'s"):
        return _correct_word(word[:-2]) + "'s"
    if len(word) < int(entry("typos", "min_length")) or "'" in word or any(
            word.startswith(target) for target in _targets()):
        return word  # "mornings", "knees": a known word with an ending
    for target in _targets():
        if target[0] == word[0] and _one_slip(word, target):
            return target
    return word


def _one_slip(word: str, target: str) -> bool:
    """One letter dropped or added ("wednsday", "achillies") or two swapped
    ("thrusday"). A changed letter is not a slip: "slipped" is not "skipped"."""
    if Indel.distance(word, target) <= 1:
        return True
    return sorted(word) == sorted(target) and OSA.distance(word, target) == 1


def correct(lowered: str) -> str:
    """``lowered`` with mistyped key words corrected; everything else as typed."""
    return _WORD.sub(lambda m: _correct_word(m.group(0)), lowered)
