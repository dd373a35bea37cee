"""Route an athlete's free text to what they most likely want.

Deterministic and cheap: red flags first (safety never waits for an LLM), then a missed
or impossible run, then pain, then everything else is a question for the articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from coach.triage import triage


class Intent(StrEnum):
    RED_FLAG = "red_flag"
    MISSED_RUN = "missed_run"
    PAIN = "pain"
    GREETING = "greeting"
    THANKS = "thanks"
    QUESTION = "question"


@dataclass(frozen=True, slots=True)
class Routed:
    intent: Intent
    text: str


_MISSED_PATTERNS = [
    r"\bmiss(ed|ing)?\b.*\b(run|runs|session|workout|tempo|intervals?|long|easy|hills?)\b",
    r"\b(skip|skipped|skipping)\b.*\b(run|session|workout|tempo|intervals?|long|hills?)\b",
    r"\b(can'?t|cannot|can not|couldn'?t|won'?t be able to|unable to)\b.{0,30}\brun\b",
    r"\bno time\b.{0,40}\b(run|tempo|intervals?|long|session|workout)\b",
    r"\b(run|running)\b.{0,20}\b(not possible|isn'?t possible|is off|cancelled|canceled)\b",
    r"\b(trails?|track|park)\b.{0,20}\b(closed|shut|burnt|burned|flooded)\b",
    r"\b(too (hot|cold|icy|smoky|windy)|smoke|wildfire|thunderstorm|snow(ed|ing)? in)\b.{0,40}"
    r"\b(run|outside|today)\b",
]
_PAIN_PATTERNS = [
    r"\b(hurts?|hurting|pain(ful)?|sore|ache|aches|aching|tender|niggle|injur(y|ed)|strain(ed)?"
    r"|sprain(ed)?|tweak(ed)?|shin splints?|tendinitis|tendonitis|plantar)\b",
]
_GREETING = re.compile(
    r"^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|yo)\b[\s!.]*$", re.IGNORECASE
)
_THANKS = re.compile(
    r"^\s*(thanks|thank you|thx|ty|cheers|great|perfect|ok(ay)?|cool)\b[\s!.]*$", re.IGNORECASE
)
_QUESTION_START = re.compile(
    r"^\s*(what|why|how|is|are|can|could|should|would|does|do|which|when|where|who)\b",
    re.IGNORECASE,
)

# "Swap my tempo for something" asks for a substitute; "what can I do instead of running
# with a sore knee?" is a general question for the articles.
_SWAP_REQUEST = re.compile(
    r"\b(instead of|replace|substitute|swap)\b.{0,40}\b(run|tempo|intervals?|long|session)\b",
    re.IGNORECASE,
)
_missed = [re.compile(p, re.IGNORECASE) for p in _MISSED_PATTERNS]
_pain = [re.compile(p, re.IGNORECASE) for p in _PAIN_PATTERNS]


def route(text: str) -> Routed:
    """Classify free text; the order encodes priority (safety first)."""
    cleaned = " ".join(text.split())
    if triage(cleaned).referral:
        return Routed(Intent.RED_FLAG, cleaned)
    if _GREETING.match(cleaned):
        return Routed(Intent.GREETING, cleaned)
    if _THANKS.match(cleaned):
        return Routed(Intent.THANKS, cleaned)
    if any(p.search(cleaned) for p in _missed) or (
        _SWAP_REQUEST.search(cleaned) and not _is_question(cleaned)
    ):
        return Routed(Intent.MISSED_RUN, cleaned)
    # "Is swimming good when my knee hurts?" is a question that mentions pain, while
    # "my knee hurts after yesterday's run" is a report: questions go to the articles.
    if any(p.search(cleaned) for p in _pain) and not _is_question(cleaned):
        return Routed(Intent.PAIN, cleaned)
    return Routed(Intent.QUESTION, cleaned)


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?") or bool(_QUESTION_START.match(text))


_FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|and what about|also|or|what if|then)\b", re.IGNORECASE
)


def is_follow_up(text: str) -> bool:
    """True for short questions that only make sense after the previous one."""
    words = text.split()
    return bool(_FOLLOW_UP.match(text)) and len(words) <= 8


def with_previous_question(text: str, previous_question: str | None) -> str:
    """Give a follow-up ("what about swimming?") the subject of the previous question."""
    if previous_question and is_follow_up(text):
        return f"{previous_question} {text}"
    return text


_SESSION_WORDS = re.compile(
    r"\b(easy|long|tempo|threshold|intervals?|repeats|hills?|recovery|track|fartlek|"
    r"\d+\s*(min|mins|minutes|h|hr|hrs|hours?|km|k|mi|miles?)\b|an hour|half an hour)",
    re.IGNORECASE,
)


def mentions_session(text: str) -> bool:
    """True when the text names a run ("my 40 min tempo"), not just a reason ("no time")."""
    return bool(_SESSION_WORDS.search(text))


_HEALTH_WORDS = re.compile(
    r"\b(pain|painful|hurts?|hurting|sore|injur\w*|ache|aches|aching|ill|illness|sick|fever|"
    r"cold|flu|covid|dizz\w*|faint\w*|swollen|swelling|numb\w*)\b",
    re.IGNORECASE,
)


def is_health_related(text: str) -> bool:
    """True when the text reports something about the body (stored only with consent)."""
    return bool(_HEALTH_WORDS.search(text)) or bool(triage(text).flags)
