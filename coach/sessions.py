"""The missed session: from {"kind", "minutes"} or from words like "my 40 min tempo" (read
by the language layer's one session reader, ``coach.language.durations``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast

from coach.language import durations
from coach.language.durations import (
    default_minutes,
    estimate_minutes,
    read_kind,
    read_session_words,
)
from coach.language.names import session_label

SessionKind = Literal["easy", "long", "tempo", "intervals", "hills", "recovery", "rest"]
SESSION_KINDS: tuple[SessionKind, ...] = (
    "easy", "long", "tempo", "intervals", "hills", "recovery", "rest")

# What a typical session of each kind lasts when the athlete does not say.
DEFAULT_MINUTES: dict[SessionKind, int] = {kind: default_minutes(kind) for kind in SESSION_KINDS}
MAX_MINUTES = durations.MAX_MINUTES


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
        """"45 min tempo run", "rest day" (names.yaml)."""
        return session_label(self.kind, self.minutes)


def normalise_kind(value: str) -> SessionKind:
    """A session kind from a word, with common aliases; SessionParseError if unknown."""
    word = value.strip().lower().replace("_", " ").replace("-", " ")
    kind = word if word in SESSION_KINDS else read_kind(word)
    if kind is None:
        raise SessionParseError(
            f"I don't know the session kind {value!r}; use one of: {', '.join(SESSION_KINDS)}.")
    return cast(SessionKind, kind)


def _check_minutes(minutes: int) -> int:
    if minutes < 0 or minutes > MAX_MINUTES:
        raise SessionParseError(
            f"{minutes} minutes doesn't look like one run; give a length from 0 to "
            f"{MAX_MINUTES} minutes.")
    return minutes


def parse_session_text(text: str) -> MissedSession:
    """Understand a session described in words (the language layer's one session reader);
    unknown kinds count as an easy run, a missing length is the kind's usual one."""
    if not text.strip():
        raise SessionParseError("Tell me which run you missed, e.g. \"40 min tempo\".")
    words = read_session_words(text)
    kind = cast(SessionKind, words.kind or "easy")
    minutes = estimate_minutes(words, kind)
    if words.kind is None and minutes >= 90:
        kind = "long"  # "2 hours" with no kind named is a long run
    return MissedSession(kind=kind, minutes=_check_minutes(minutes), reps=words.reps,
                         work_minutes=words.work_minutes, rest_minutes=words.rest_minutes,
                         minutes_given=words.minutes is not None or words.distance_km is not None)


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
