"""A value said and then corrected in one message ("left hamstring 6/10 — sorry, right
hamstring", "long run 120' — no, sorry, 90'", "the 2nd of may... no wait, the 9th").

One rule for every kind of value: split at the last correction cue (``<lang>/
corrections.yaml``) and keep what is read after it, but only when the part before it holds
a value of the same kind; an apology with nothing to replace corrects nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import TypeVar

from coach.language.lexicon import alternation, entry

T = TypeVar("T")


@cache
def _cue() -> re.Pattern[str]:
    return re.compile(alternation(list(entry("corrections", "cues"))))


def split(lowered: str) -> tuple[str, str] | None:
    """(what was said, what corrects it) at the last cue, or None without a cue."""
    cues = list(_cue().finditer(lowered))
    if not cues:
        return None
    last = cues[-1]
    return lowered[:last.start()], lowered[last.end():]


def corrected(lowered: str, read: Callable[[str], T | None]) -> T | None:
    """The value ``read`` finds after the last correction cue when the part before the cue
    holds one too; None when nothing of that kind is corrected."""
    halves = split(lowered)
    if halves is None:
        return None
    before, after = halves
    if read(before) is None:
        return None
    return read(after)


def corrected_date(lowered: str, read: Callable[[str], date | None]) -> date | None:
    """A date corrected: a whole date after the cue, or a day of the month alone ("no
    wait, the 9th"), which keeps the month and year said before it."""
    halves = split(lowered)
    if halves is None:
        return None
    before, after = halves
    first = read(before)
    if first is None:
        return None
    whole = read(after)
    day = re.search(entry("corrections", "day_of_month"), after)
    # "sorry, june 9th" names its month: the whole date stands.
    rest = after[:day.start()] + " " + after[day.end():] if day else after
    months = re.compile(rf"\b(?:{entry('days', 'months')})\b")
    if day and not re.search(r"\d", after[:day.start()]) and not months.search(rest):
        try:
            return first.replace(day=int(day.group(1)))
        except ValueError:
            return whole
    return whole
