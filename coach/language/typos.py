"""Typo-tolerant reading: mistyped key words ("wednsday", "intervls", "achillies") are
read as the word meant, with rapidfuzz, before the readers' patterns see the text."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from coach.language.lexicon import entry

_WORD = re.compile(r"[a-z']+")


@cache
def _targets() -> tuple[str, ...]:
    return tuple(entry("typos", "targets"))


@lru_cache(maxsize=4096)
def _correct_word(word: str) -> str:
    if word.endswith("'s"):
        return _correct_word(word[:-2]) + "'s"
    if len(word) < int(entry("typos", "min_length")) or "'" in word or any(
            word.startswith(target) for target in _targets()):
        return word  # "mornings", "knees": a known word with an ending
    best = process.extractOne(word, _targets(), scorer=fuzz.ratio,
                              score_cutoff=float(entry("typos", "cutoff")))
    if best is None or abs(len(best[0]) - len(word)) > 2:
        return word
    return str(best[0])


def correct(lowered: str) -> str:
    """``lowered`` with mistyped key words corrected; everything else as typed."""
    return _WORD.sub(lambda m: _correct_word(m.group(0)), lowered)
