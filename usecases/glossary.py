"""The coach's own words, defined: "what is zone 2?", "whats a tempo run", "what does RPE
mean". The bot uses these words in every option and plan, so it answers them itself
(coach/language/<lang>/replies/glossary.yaml) rather than sending them to the articles."""

from __future__ import annotations

import re
from functools import cache

from coach.language import t
from coach.language.lexicon import normalise

# Each term's key in glossary.yaml and the words that name it (English).
_TERMS: dict[str, str] = {
    "zone_1": r"zone ?1|z1",
    "zone_2": r"zone ?2|z2|zone two",
    "tempo": r"tempo(?: runs?| sessions?| pace)?",
    "threshold": r"threshold(?: pace| runs?| blocks?)?|lactate threshold",
    "intervals": r"intervals?(?: sessions?| training)?|ints|interval runs?",
    "long_run": r"long runs?|lr",
    "easy_run": r"easy runs?|easy pace",
    "recovery_run": r"recovery runs?|rec runs?",
    "hills": r"hill (?:sessions?|repeats|reps)|hills session",
    "rpe": r"rpe",
}


@cache
def _asking() -> re.Pattern[str]:
    terms = "|".join(f"(?P<{key}>{words})" for key, words in _TERMS.items())
    return re.compile(
        r"^(?:(?:sorry|ok|okay|um+|hey|so|and|quick q|quick question)[,:]?\s+)*"
        r"(?:what(?:'s| is|s| are| r)|wat is|whats|define|meaning of|explain)\s+"
        r"(?:a |an |the )?(?:" + terms + r")"
        r"(?:\s+(?:exactly|again|mean|means|then))?\s*\??\s*$"
        r"|^what does (?:a |an |the )?(?:" + terms.replace("?P<", "?P<m_") + r")"
        r" (?:mean|stand for)\s*\??\s*$")


def define(text: str, language: str = "en") -> str | None:
    """The definition a short "what is X?" asks for, or None when ``text`` asks none."""
    match = _asking().match(normalise(text).strip())
    if match is None:
        return None
    key = next(name.removeprefix("m_") for name, value in match.groupdict().items()
               if value)
    return t(f"glossary.{key}", language=language)
