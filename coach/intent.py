"""What free text says beyond the language reader's intent: whether a short question
follows up the previous one, and whether a text is about the body (a health detail,
stored only with consent). What a message is about is ``coach.language.read_message``.
"""

from __future__ import annotations

import re

from coach.language import body
from coach.triage import triage

# The body parts are the language layer's (coach/language/en/body.yaml).
_BODY = body.part_fragment()
_PAIN_PATTERNS = [
    r"\b(?:hurts?|hurting|pain(?:ful|s)?|sore(?:ness)?|ache|aches|aching|achy|tender|niggles?|"
    r"niggly|niggling|injur(?:y|ed|ies)|strain(?:ed)?|sprain(?:ed)?|tweak(?:ed)?|twinges?|"
    r"shin splints?|tendinitis|tendonitis|tendinopathy|fasciitis|plantar|pulled|cramp(?:s|ing)?|"
    r"blisters?|bruised|inflamed|throbbing|flared? up|flaring|killing me)\b",
    rf"\b{_BODY}\b.{{0,30}}\b(?:tight|tightness|stiff|stiffness|acting up|playing up|"
    r"bothering me|giving me (?:trouble|grief)|not right|clicking|locking|swollen)\b",
    rf"\b(?:rolled|twisted|jarred|turned|tight|stiff)\s+(?:my\s+|a\s+|the\s+)?(?:left\s+|"
    rf"right\s+)?{_BODY}\b",
]
# Pain reported in words (a health detail): is_health_related errs towards True.
_pain = [re.compile(p, re.IGNORECASE) for p in _PAIN_PATTERNS]


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


_HEALTH_WORDS = re.compile(
    r"\b(?:pain|painful|hurts?|hurting|sore|injur\w*|ache|aches|aching|ill|illness|sick|"
    r"fever\w*|flu|covid\w*|dizz\w*|faint\w*|swollen|swelling|numb\w*|nause\w*|vomit\w*|"
    r"diarrh\w*|stomach bug|migraine|headache|cough\w*|sore throat|asthma\w*|infection|"
    r"virus|surgery|pregnan\w*|on my period|period pain|cramps?|concussion|medication|"
    r"antibiotics)\b|"
    # A cold is an illness; cold weather is not.
    r"\b(?:a|head|chest|common|bad|nasty|heavy|stinking|streaming)\s+cold\b"
    r"(?!\s+(?:day|morning|evening|night|weather|wind|rain|snap|front|spell|outside|out|"
    r"start|one))|\bcold (?:and|&) flu\b|\bcold symptoms\b",
    re.IGNORECASE,
)


_BODY_PART = re.compile(rf"\b{_BODY}\b", re.IGNORECASE)


def is_health_related(text: str) -> bool:
    """True when the text reports something about the body (stored only with consent).

    Errs towards True: a false alarm only keeps a harmless reason out of storage.
    """
    return (
        bool(_HEALTH_WORDS.search(text))
        # "my achilles", "left calf, 4": a body part named in a reason is about the body.
        or bool(_BODY_PART.search(text))
        or any(p.search(text) for p in _pain)
        or bool(triage(text).flags)
    )
