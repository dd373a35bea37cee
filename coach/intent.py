"""Route an athlete's free text to what they most likely want.

Deterministic and cheap: red flags first (safety never waits for an LLM), then a bare
greeting or thanks, then a missed or impossible run, then pain, then everything else is a
question for the articles.

The text is read clause by clause: "I can't run today, what should I do?" states a missed
run, while "what happens if I miss a long run?" only asks about one. Negated mentions ("no
pain", "didn't miss my run") do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from coach.language import body, durations
from coach.reasons import find_unnegated, normalise
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


# A run or a named session, as athletes refer to the one they planned: the language
# layer's session words.
_SESSION = durations.session_words_fragment()
_MISSED_PATTERNS = [
    rf"\bmiss(?:ed|ing)?\b.*\b{_SESSION}\b",
    rf"\b(?:skip|skipped|skipping|bail(?:ed)? on|blew off|blow off|ditch(?:ed)?|"
    rf"drop(?:ped)?|cancel(?:l?ed)?|postpone(?:d)?|flake(?:d)? on|push(?:ed)? back)\b"
    rf".*\b{_SESSION}\b",
    # "can't run today", "won't be able to do my tempo", "my knee won't let me run"
    rf"\b(?:can'?t|cannot|can not|couldn'?t|could not|unable to|not able to|wasn'?t able to|"
    rf"won'?t be able to|will not be able to|won'?t let me|not going to|not gonna|"
    rf"no way (?:i'?m|i am|i can|i'?ll))\b(?! (?:wait|believe|stop|lie)\b).{{0,30}}"
    rf"\b{_SESSION}\b",
    rf"\b(?:didn'?t|did not|never|won'?t|will not)\s+(?:get|manage|make it|made it|do|"
    rf"go(?! away)|finish|start|fit|have time)\b.{{0,30}}\b{_SESSION}\b",
    r"\b(?:not|won'?t be) (?:going (?:to )?|gonna )?run(?:ning)?\b.{0,20}"
    r"\b(?:today|tonight|tomorrow|this (?:morning|evening|week|weekend))\b",
    rf"^(?:so |then |and )?no (?:{_SESSION})(?: for me)?(?: today| tonight| this "
    r"(?:morning|evening|week))?$",
    r"\b(?:didn'?t|did not|won'?t|will not)\s+(?:be )?run(?:ning)?\b",
    rf"\bno time\b.{{0,40}}\b(?:{_SESSION}|today|tonight|this (?:morning|evening|week))\b",
    r"\b(?:don'?t|do not|didn'?t|won'?t) have (?:the |enough |any )?time\b",
    r"\b(?:short on|pressed for|out of|no) time (?:today|tonight|this (?:morning|evening|week))",
    rf"\b{_SESSION}\b.{{0,25}}\b(?:not possible|isn'?t possible|impossible|is off|is out|"
    r"(?:is |was |got |been )?(?:cancell?ed|called off)|isn'?t happening|not happening|"
    r"won'?t happen|isn'?t going to happen|not going to happen|ain'?t happening|"
    r"got (?:rained|snowed|washed) out|rained off|rained out|(?:is|was) a no-?go)\b",
    rf"\bno {_SESSION}\b.{{0,20}}\b(?:today|tonight|for me|this (?:morning|evening|week)|"
    r"tomorrow)\b",
    r"\b(?:trails?|track|park|paths?|roads?|streets?|sidewalks?|pavements?|route|towpath)\b"
    r".{0,25}\b(?:closed|shut|burnt|burned|flooded|icy|iced over|under water|blocked|"
    r"off limits|not safe|unsafe|on fire)\b",
    r"\b(?:too (?:hot|cold|icy|smoky|windy|dark|humid|wet|snowy)|smoke|smoky|wildfire|"
    r"thunder\w*|lightning|storm\w*|blizzard|pouring|downpour|heat ?wave|hail\w*|icy|ice|"
    r"snow(?:ed|ing|storm)?(?: in)?|air quality|aqi|hurricane|tornado|flood\w*)\b.{0,40}"
    rf"\b(?:{_SESSION}|outside|outdoors|today|tonight)\b",
    r"\btoo (?:tired|exhausted|busy|sore|sick|ill|wrecked|knackered|drained|hungover|stiff|"
    rf"slammed|swamped)\b.{{0,15}}\b(?:to run|to go|for (?:my |a |the |today'?s )?{_SESSION})\b",
]
# "Swap my tempo for a bike ride": asks for a substitute for a particular session.
_SWAP_REQUEST = re.compile(
    r"\b(?:instead of|replace|replacing|substitute|sub out|swap|swapping|alternative (?:to|for)|"
    rf"in place of|trade)\b.{{0,40}}\b{_SESSION}\b",
    re.IGNORECASE,
)
# "what can I do instead of running with a sore knee?" asks in general; "my tempo",
# "today's run" or "tonight" make it about a session the athlete has.
_THIS_SESSION = re.compile(
    rf"\b(?:my|today'?s|tonight'?s|tomorrow'?s|this (?:morning|evening|afternoon)'?s)\s+"
    rf"(?:\w+\s+){{0,3}}?{_SESSION}\b",
    re.IGNORECASE,
)
_TIME_ANCHOR = re.compile(
    r"\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend)|right now)\b",
    re.IGNORECASE,
)
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
# Pain words used as a topic ("injury prevention tips") rather than a report.
_PAIN_TOPIC = re.compile(
    r"\b(?:injury|injuries) (?:prevention|risk|free)\b|\b(?:prevent\w*|avoid\w*|reduc\w*|"
    r"lower\w*|risk of)\s+(?:\w+\s+)?(?:injur\w*|pain|soreness)\b",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|heya|hey hey|howdy|yo|hallo|hola|greetings|gm|sup|"
    r"what'?s up|wassup|good (?:morning|afternoon|evening|day)|morning|evening)"
    r"(?:[\s,!.]+(?:there|coach|again|all|everyone|folks|friend|bot|mate|buddy|pal|team|"
    r"it'?s me(?: again)?|me again))*[\W_]*$",
    re.IGNORECASE,
)
# Every word of a thanks message comes from here, and at least one from _THANKS_CORE.
_THANKS_CORE = frozenset(
    {
        "thanks", "thank", "thx", "thnx", "thanx", "ty", "tysm", "cheers", "appreciated",
        "appreciate", "ta", "ok", "okay", "kk", "k", "great", "perfect", "awesome", "cool", "nice",
        "brilliant", "excellent", "super", "lovely", "fantastic", "amazing", "wonderful", "noted",
        "understood", "got", "helpful", "helps", "sweet", "alright", "legend", "sounds",
    }
)
_THANKS_WORDS = _THANKS_CORE | frozenset(
    {
        "you", "u", "so", "much", "very", "a", "lot", "ton", "loads", "heaps", "again", "coach",
        "mate", "man", "buddy", "for", "that", "this", "the", "help", "tips", "tip", "advice",
        "ideas", "idea", "info", "your", "it", "will", "do", "good", "that's", "thats",
        "makes", "sense", "really", "all", "right",
    }
)
_THANKS_EMOJI = frozenset("👍🙏🙌❤👌🤝✅")
_QUESTION_START = re.compile(
    r"^\s*(?:what|what'?s|whats|why|how|how'?s|is|are|am|can|could|should|shall|would|will|"
    r"does|do|did|which|when|where|who|any|tell me|explain|tips|advice|ideas|suggestions|"
    r"recommend)\b(?!'t|\s+not\b)",
    re.IGNORECASE,
)
# Clauses that set up a question rather than report something ("if my knee hurts, ...").
_SUBORDINATE_START = re.compile(
    r"^\s*(?:if|what if|in case|whether|with|when|while|for|given|assuming|say|suppose)\b",
    re.IGNORECASE,
)
_CLAUSE_SPLIT = re.compile(r"[.!?;,:\n]+|\s+(?:but|though|although)\s+|\s[-–—]\s", re.IGNORECASE)
_missed = [re.compile(p, re.IGNORECASE) for p in _MISSED_PATTERNS]
_pain = [re.compile(p, re.IGNORECASE) for p in _PAIN_PATTERNS]


def route(text: str) -> Routed:
    """Classify free text; the order encodes priority (safety first)."""
    cleaned = " ".join(text.split())
    if triage(cleaned).referral:
        return Routed(Intent.RED_FLAG, cleaned)
    if _GREETING.match(cleaned):
        return Routed(Intent.GREETING, cleaned)
    if _is_thanks(cleaned):
        return Routed(Intent.THANKS, cleaned)
    normalised = cleaned.replace("’", "'").replace("‘", "'")
    statements, questions = _clauses(normalised)
    if _is_missed_run(statements, questions):
        return Routed(Intent.MISSED_RUN, cleaned)
    # "My knee hurts after yesterday's run" reports pain; "is swimming good when my knee
    # hurts?" and "my knee hurts after long runs, what can I do instead?" ask the articles
    # (their answers carry the safety advice), so pain routes here only when nothing is asked.
    if not questions and any(
        _said(p, _PAIN_TOPIC.sub(" ", clause)) for clause in statements for p in _pain
    ):
        return Routed(Intent.PAIN, cleaned)
    return Routed(Intent.QUESTION, cleaned)


def _clauses(text: str) -> tuple[list[str], list[str]]:
    """Split into clauses that state something and clauses that ask (or set up a question)."""
    parts = [part.strip() for part in _CLAUSE_SPLIT.split(text) if part.strip()]
    asks_at_end = text.rstrip().endswith("?")
    asking = asks_at_end or any(_QUESTION_START.match(part) for part in parts)
    statements: list[str] = []
    questions: list[str] = []
    for index, part in enumerate(parts):
        is_question = bool(_QUESTION_START.match(part)) or (
            asks_at_end and index == len(parts) - 1
        )
        # Only inside a question does "with a sore knee, ..." set the question up.
        if is_question or (asking and _SUBORDINATE_START.match(part)):
            questions.append(part)
        else:
            statements.append(part)
    return statements, questions


def _said(pattern: re.Pattern[str], clause: str) -> bool:
    """True when ``pattern`` is in ``clause`` and not negated ("no pain", "didn't miss")."""
    return bool(find_unnegated(pattern, normalise(clause)))


def _is_missed_run(statements: list[str], questions: list[str]) -> bool:
    for clause in statements:
        if any(_said(p, clause) for p in _missed) or _said(_SWAP_REQUEST, clause):
            return True
    for clause in questions:
        # "Can I swap my tempo for a bike ride?", "what if I can't run today?" are about a
        # session they have; "what happens if I miss a long run?" is for the articles.
        if _SWAP_REQUEST.search(clause) and (
            _THIS_SESSION.search(clause) or _TIME_ANCHOR.search(clause)
        ):
            return True
        if _TIME_ANCHOR.search(clause) and any(_said(p, clause) for p in _missed):
            return True
    return False


def _is_thanks(text: str) -> bool:
    if "?" in text:
        return False
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return any(char in _THANKS_EMOJI for char in text)
    return (
        len(words) <= 10
        and all(word in _THANKS_WORDS for word in words)
        and any(word in _THANKS_CORE for word in words)
    )


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
