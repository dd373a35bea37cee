"""Small, dependency-free text helpers shared by the retriever and the answer composer."""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(\[]?[A-Z0-9])")

# Words that say nothing about a topic.
STOPWORDS = _word_set(
    """a an the and or but if of to in on for with at by from as is are was were be been being
    it its this that these those i me my mine we our you your yours he she her his
    they them their what which who whom how why when where can could should would will shall may
    might must do does did doing done have has had having not no nor so than too very just about
    into over under after before up down out off again further then once there here all any both
    each few more most other some such only own same s t don now am while also get got let lets
    like im ive id dont cant wont isnt arent anything something someone thing things"""
)

# Words nearly every runner's question contains: they show no topic on their own, so they
# are no evidence that an article covers a question.
GENERIC_RUNNER_WORDS = _word_set(
    """run runs ran running runner runners race races racing train trains trained training
    marathon marathons week weeks weekly day days today workout workouts time times mile miles
    km k 5k 10k half pace best good better need needs want wants much many make makes help
    way take do really go going know tell please"""
)

_SUFFIXES = ("ingly", "edly", "ies", "ing", "ers", "er", "ed", "ly", "es", "s")


def stem(word: str) -> str:
    """A crude suffix stripper: 'injuries'/'injury', 'climbing'/'climb' meet in one form."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (apostrophes kept inside words, as in "can't")."""
    return _WORD.findall(text.lower().replace("’", "").replace("'", ""))


def terms(text: str) -> list[str]:
    """Stemmed content words, for BM25 and overlap scores."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def topic_terms(text: str) -> set[str]:
    """Content words that name a topic (no stopwords, no words every runner uses)."""
    return {stem(w) for w in words(text)
            if w not in STOPWORDS and w not in GENERIC_RUNNER_WORDS and len(w) > 1}


_ABBREVIATION = re.compile(r"(?:\b(?:Mt|Dr|St|Mr|Mrs|Ms|Jr|vs|etc|fav|approx|min|e\.g|i\.e)\.)$",
                           re.IGNORECASE)
_JOINS_NEXT = (",", ":", ";", "—", "-", "–")
_ENDS_MID_SENTENCE = re.compile(r"\b(?:or|and|but|to|the|a|an|of)$", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split a chunk into sentences.

    Lines are joined when a line ends mid-sentence (a comma, a colon before a list) or the
    next one starts in lower case; abbreviations such as "Mt." do not end a sentence.
    """
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            line = line[2:].strip()
        if not line:
            continue
        if lines and (lines[-1].endswith(_JOINS_NEXT) or line[:1].islower()
                      or (_ENDS_MID_SENTENCE.search(lines[-1]) and " " in lines[-1])):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    result: list[str] = []
    for line in lines:
        pieces = [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
        for piece in pieces:
            if result and _ABBREVIATION.search(result[-1]) and result[-1] in line:
                result[-1] = f"{result[-1]} {piece}"
            else:
                result.append(piece)
    return result
