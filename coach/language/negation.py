"""Negation scope: is a phrase said, or said not to be ("no chest pain", "without a bike")?

Cue words and clause breaks are data in ``<lang>/negation.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

from coach.language.lexicon import entry, normalise

__all__ = ["clause_start", "find_unnegated", "is_negated", "normalise"]

_WINDOW_WORDS = 6


@cache
def _clause_break() -> re.Pattern[str]:
    return re.compile(entry("negation", "clause_break"))


@cache
def _cues() -> frozenset[str]:
    return frozenset(entry("negation", "cues"))


@cache
def _after() -> re.Pattern[str]:
    return re.compile(entry("negation", "after"))


@cache
def _list_joiner() -> re.Pattern[str]:
    return re.compile(entry("negation", "list_joiner"))


@cache
def _clause_verb() -> re.Pattern[str]:
    return re.compile(entry("negation", "clause_verb"))


_PIECE_END = re.compile(r"[,.;!?\n]")


def _opens_a_clause(text: str, comma: int) -> bool:
    """True when the piece after the comma at ``comma`` is a clause of its own, not more
    of a list a denial runs over (negation.yaml says how)."""
    end_match = _PIECE_END.search(text, comma + 1)
    piece = text[comma + 1:end_match.start() if end_match else len(text)]
    if _clause_verb().search(piece):
        return True
    runs_on = end_match is not None and end_match.group() == ","
    return not (runs_on or _list_joiner().search(piece))


def _scope_start(text: str, position: int) -> int:
    """Where a denial before ``position`` may start: its clause, after the last comma
    that opens a clause of its own."""
    start = clause_start(text, position)
    for comma in range(text.rfind(",", start, position), start - 1, -1):
        if text[comma] == "," and _opens_a_clause(text, comma):
            return comma + 1
    return start


@lru_cache(maxsize=64)
def _clause_breaks(text: str) -> tuple[int, ...]:
    return tuple(match.end() for match in _clause_break().finditer(text))


def clause_start(text: str, position: int) -> int:
    """Index where the clause holding ``position`` begins."""
    breaks = _clause_breaks(text)
    index = bisect_right(breaks, position) - 1
    return breaks[index] if index >= 0 else 0


def is_negated(text: str, start: int, end: int | None = None, *,
               clause_commas: bool = False) -> bool:
    """True when the phrase at ``start`` sits in a negation's scope in its clause.

    "no chest pain", "never fainted", "without any dizziness", "not dizzy or faint" are
    negated; "no, my chest hurts" is not (the "no," answers something else), and a "but"
    closes the scope ("no fever but chest pain"). With ``clause_commas`` (triage, recall
    first), so does a comma that opens a clause of its own ("no chest pain, my left arm
    aches"; not "no fever, chills or rash").
    "pain-free" after the phrase counts too.
    """
    # Six words fit in 80 characters; looking no further keeps long texts linear.
    scope = _scope_start(text, start) if clause_commas else clause_start(text, start)
    window = text[max(scope, start - 80):start]
    words = window.split()[-_WINDOW_WORDS:]
    for index, word in enumerate(words):
        bare = word.strip("\"'()")
        if bare.endswith(","):
            continue  # "no, ..." is an answer, not a negation of what follows
        if bare in _cues() or bare.endswith("n't"):
            if bare == "free" and index + 1 < len(words) and words[index + 1] != "of":
                continue
            return True
    return end is not None and bool(_after().match(text[end:end + 12]))


def find_unnegated(pattern: re.Pattern[str], text: str, *,
                   clause_commas: bool = False) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``text`` that are not negated (``is_negated``)."""
    return [m for m in pattern.finditer(text)
            if not is_negated(text, m.start(), m.end(), clause_commas=clause_commas)]
