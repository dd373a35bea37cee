"""The missed session: parsed from {"kind", "minutes"} or from words like "my 40 min tempo"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

SessionKind = Literal["easy", "long", "tempo", "intervals", "hills", "recovery", "rest"]
SESSION_KINDS: tuple[SessionKind, ...] = (
    "easy", "long", "tempo", "intervals", "hills", "recovery", "rest")

# What a typical session of each kind lasts when the athlete does not say.
DEFAULT_MINUTES: dict[SessionKind, int] = {
    "easy": 40, "long": 90, "tempo": 45, "intervals": 50, "hills": 45, "recovery": 30,
    "rest": 0,
}
MAX_MINUTES = 600

# Checked in this order: "hill repeats" is hills not intervals, "long easy run" is long,
# "recovery jog" is recovery.
_KIND_WORDS: tuple[tuple[SessionKind, re.Pattern[str]], ...] = (
    ("rest", re.compile(r"\b(rest day|day off|off day)\b")),
    ("hills", re.compile(r"\b(hills?|hill repeats|hill sprints|uphill repeats|hilly run)\b")),
    ("intervals", re.compile(
        r"\b(intervals?|repeats|reps|vo2|vo2 ?max|track (?:session|workout|night|reps)|"
        r"on the track|speed ?work|speed session|fartlek|sprints?|\d+\s*(?:x|×)\s*\d+|"
        r"400s|800s|1k reps|strides)\b")),
    ("tempo", re.compile(
        r"\b(tempo|threshold|lt run|cruise intervals|steady state|marathon pace|mp run|"
        r"progression run|progression)\b")),
    # "long run", "long 100 min", not "a long day at work"
    ("long", re.compile(r"\b(long run|long slow|lsr|long easy|long trail run|long one|"
                        r"long(?=\s*(?:\d|run|$)))")),
    ("recovery", re.compile(r"\b(recovery|shake ?out|very easy)\b")),
    ("easy", re.compile(r"\b(easy|base|aerobic|zone ?2|z2|jog|steady|run|general)\b")),
)

_ALIASES: dict[str, SessionKind] = {
    "interval": "intervals", "hill": "hills", "long run": "long", "easy run": "easy",
    "recovery run": "recovery", "threshold": "tempo", "speed": "intervals", "off": "rest",
}

_HOURS_MINUTES = re.compile(
    r"\b(\d{1,2})\s*(?:h|hr|hrs|hours?)\s*(\d{1,2})\s*(?:m|min|mins|minutes?)?\b")
_CLOCK = re.compile(r"\b(\d{1,2}):([0-5]\d)\b")
_HOURS = re.compile(r"\b(\d{1,2}(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)\b")
# A bare "m" is metres ("6 x 800m"), so minutes need "min", "'" or a word.
_MINUTES = re.compile(r"(?<![\d.x×])(\d{1,3})\s*(?:'|min\b|mins\b|minutes?\b|-min\b)")
_AN_HOUR = re.compile(r"\b(an|one) hour( and a half)?\b|\bhalf an hour\b|\bhour and a half\b")
_DISTANCE = re.compile(r"\b(\d{1,3}(?:[.,]\d+)?)\s*(k|km|kms|kilometers?|kilometres?|mi|miles?)\b")
# "5 x 4 min / 2 min", "6x3' with 90 s jog", "5 x 4 min with 2 min rest"
_INTERVALS = re.compile(
    r"(\d{1,2})\s*(?:x|×)\s*(\d{1,2})\s*(?:'|min|mins|minutes?)"
    r"(?:\s*(?:/|with|w/|and|,)?\s*(\d{1,3})\s*(s|sec|secs|seconds|'|min|mins|minutes?)"
    r"(?:\s*(?:rest|easy|jog|recovery|off))?)?")
# Rough paces to turn a distance into minutes when no time is given.
_MINUTES_PER_KM: dict[SessionKind, float] = {
    "easy": 6.0, "long": 6.2, "tempo": 5.0, "intervals": 5.0, "hills": 6.0,
    "recovery": 6.5, "rest": 6.0,
}


class SessionParseError(ValueError):
    """The missed session could not be understood; the message says why, kindly."""


@dataclass(frozen=True, slots=True)
class MissedSession:
    """The run that did not happen."""

    kind: SessionKind
    minutes: int
    reps: int | None = None
    work_minutes: float | None = None
    rest_minutes: float | None = None
    minutes_given: bool = True

    @property
    def label(self) -> str:
        names = {"easy": "easy run", "long": "long run", "tempo": "tempo run",
                 "intervals": "interval session", "hills": "hill session",
                 "recovery": "recovery run", "rest": "rest day"}
        if self.kind == "rest":
            return names["rest"]
        return f"{self.minutes} min {names[self.kind]}"


def normalise_kind(value: str) -> SessionKind:
    """A session kind from a word, with common aliases; SessionParseError if unknown."""
    word = value.strip().lower().replace("_", " ").replace("-", " ")
    if word in SESSION_KINDS:
        return word
    if word in _ALIASES:
        return _ALIASES[word]
    for kind, pattern in _KIND_WORDS:
        if pattern.search(word):
            return kind
    raise SessionParseError(
        f"I don't know the session kind {value!r}; use one of: {', '.join(SESSION_KINDS)}.")


def _minutes_from_text(text: str, kind: SessionKind) -> int | None:
    match = _HOURS_MINUTES.search(text)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2))
    match = _CLOCK.search(text)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2))
    match = _HOURS.search(text)
    if match:
        return round(float(match.group(1).replace(",", ".")) * 60)
    match = _AN_HOUR.search(text)
    if match:
        phrase = match.group(0)
        if phrase.startswith("half an hour"):
            return 30
        return 90 if "half" in phrase else 60
    stripped = _INTERVALS.sub(" ", text)  # "5 x 4 min" is not the session length
    match = _MINUTES.search(stripped)
    if match:
        return int(match.group(1))
    match = _DISTANCE.search(text)
    if match:
        amount = float(match.group(1).replace(",", "."))
        km = amount * 1.609 if match.group(2).startswith("mi") else amount
        return round(km * _MINUTES_PER_KM[kind])
    return None


def _check_minutes(minutes: int) -> int:
    if minutes < 0 or minutes > MAX_MINUTES:
        raise SessionParseError(
            f"{minutes} minutes doesn't look like one run; give a length from 0 to "
            f"{MAX_MINUTES} minutes.")
    return minutes


def parse_session_text(text: str) -> MissedSession:
    """Understand a session described in words; unknown kinds count as an easy run."""
    lowered = " ".join(text.lower().split())
    if not lowered:
        raise SessionParseError("Tell me which run you missed, e.g. \"40 min tempo\".")
    kind: SessionKind = "easy"
    kind_said = False
    bare = re.sub(r"^(?:my|the|a|an|today'?s)\s+", "", lowered).strip(" .!")
    if bare in SESSION_KINDS or bare in _ALIASES:
        kind = normalise_kind(bare)
        return MissedSession(kind=kind, minutes=DEFAULT_MINUTES[kind], minutes_given=False)
    for candidate, pattern in _KIND_WORDS:
        match = pattern.search(lowered)
        if match:
            kind = candidate
            kind_said = match.group(0) not in ("run", "jog")
            break
    reps = work = rest = None
    intervals = _INTERVALS.search(lowered)
    if intervals:
        reps, work = int(intervals.group(1)), float(intervals.group(2))
        if intervals.group(3):
            amount = float(intervals.group(3))
            rest = amount / 60 if intervals.group(4).startswith("s") else amount
        if kind in ("easy", "long", "recovery"):
            kind = "intervals"
    minutes = _minutes_from_text(lowered, kind)
    given = minutes is not None
    if minutes is None:
        if reps and work:
            # Warm-up and cool-down around the reps.
            minutes = round(reps * (work + (rest or work / 2)) + 20)
        else:
            minutes = DEFAULT_MINUTES[kind]
    if kind == "easy" and not kind_said and minutes >= 90:
        kind = "long"  # "2 hours" with no kind named is a long run
    if kind == "rest":
        minutes = 0
    return MissedSession(kind=kind, minutes=_check_minutes(minutes), reps=reps,
                         work_minutes=work, rest_minutes=rest, minutes_given=given)


def parse_session(missed: MissedSession | str | Mapping[str, object]) -> MissedSession:
    """A MissedSession from any of the accepted shapes."""
    if isinstance(missed, MissedSession):
        return missed
    if isinstance(missed, str):
        return parse_session_text(missed)
    if isinstance(missed, Mapping):
        raw_kind = missed.get("kind")
        if not isinstance(raw_kind, str) or not raw_kind.strip():
            raise SessionParseError("The missed session needs a \"kind\" such as "
                                    "\"easy\", \"long\" or \"tempo\".")
        kind = normalise_kind(raw_kind)
        raw_minutes = missed.get("minutes")
        if raw_minutes is None:
            return MissedSession(kind=kind, minutes=DEFAULT_MINUTES[kind], minutes_given=False)
        if isinstance(raw_minutes, str) and raw_minutes.strip().isdigit():
            raw_minutes = int(raw_minutes.strip())  # "40" from a form or a chat
        if isinstance(raw_minutes, bool) or not isinstance(raw_minutes, int | float):
            raise SessionParseError("\"minutes\" must be a whole number of minutes.")
        if isinstance(raw_minutes, float) and not raw_minutes.is_integer():
            raw_minutes = round(raw_minutes)
        minutes = 0 if kind == "rest" else _check_minutes(int(raw_minutes))
        return MissedSession(kind=kind, minutes=minutes)
    raise SessionParseError("The missed session must be text or {\"kind\", \"minutes\"}.")
