"""The coach's own words, defined: "what is zone 2?", "whats a tempo run", "what does RPE
mean". The bot uses these words in every option and plan, so it answers them itself
(coach/language/<lang>/replies/glossary.yaml) rather than sending them to the articles."""

from __future__ import annotations

import re
from functools import cache

from coach.language import t
from coach.language.lexicon import entry, normalise


@cache
def _asking(language: str) -> re.Pattern[str]:
    """A whole message asking what one of the glossary's terms is (questions.yaml)."""
    def any_of(key: str) -> str:
        return "|".join(entry("questions", key, language))

    named: dict[str, str] = entry("questions", "definition_terms", language)
    terms = "|".join(f"(?P<{key}>{words})" for key, words in named.items())
    return re.compile(
        rf"^(?:(?:{any_of('definition_openers')})[,:]?\s+)*"
        rf"(?:{any_of('definition_asks')})\s+"
        rf"(?:{any_of('definition_articles')})?(?:{terms})"
        rf"(?:\s+(?:{any_of('definition_after')}))?\s*\??\s*$"
        rf"|^{entry('questions', 'definition_what_does', language)} "
        rf"(?:{any_of('definition_articles')})?(?:{terms.replace('?P<', '?P<m_')})"
        rf" (?:{any_of('definition_stands_for')})\s*\??\s*$")


def define(text: str, language: str = "en") -> str | None:
    """The definition a short "what is X?" asks for, or None when ``text`` asks none."""
    match = _asking(language).match(normalise(text).strip())
    if match is None:
        return None
    key = next(name.removeprefix("m_") for name, value in match.groupdict().items()
               if value)
    return t(f"glossary.{key}", language=language)
