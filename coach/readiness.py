"""Whether to do a planned run given how the athlete feels: tired, sore, ill or busy.

"can i still do thursday's run if im tired?" is a question about their own plan: the
answer is the session itself, made to fit the condition. The rules follow the
substitution engine's: illness or being worn out means rest (a cold above the neck allows
easy running), pain that matters means no running, soreness and mild tiredness turn a
hard or long session into easy running, and little time shortens it. The reply texts are
the language layer's (``questions.ready_*``); this module only decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.reasons import ReasonInfo

Condition = Literal["ill", "cold", "wiped", "pain", "sore", "tired", "busy", "none"]
AdviceKey = Literal["rest_day", "rest", "cross_train", "easy_instead", "shorter_easy",
                    "easy_with_exit", "fit_time", "shorter_busy", "as_planned"]

HARD_KINDS = frozenset({"tempo", "intervals", "hills"})
PAIN_NO_RUN = 4  # a pain score from which running waits (the pain rules: 4/10 and up)
EASIER_SHARE = 2 / 3  # a hard or long session run easy, about two thirds of its time
MIN_MINUTES = 20


@dataclass(frozen=True, slots=True)
class Advice:
    """What to do with the planned session: ``key`` names the advice, ``minutes`` the
    time suggested (when it changes), ``condition`` what was said, ``score`` any pain."""

    key: AdviceKey
    condition: Condition
    minutes: int | None = None
    score: int | None = None


def _round5(minutes: float) -> int:
    return max(MIN_MINUTES, int(5 * round(minutes / 5)))


def condition_of(reason: ReasonInfo) -> Condition:
    """The condition a question names, the most limiting first."""
    if reason.illness == "above_neck":
        return "cold"
    if reason.illness:
        return "ill"
    if reason.fatigue == "high":
        return "wiped"
    # A score of 4 or more stops running whatever the word ("sore like 5/10").
    if reason.pain and (reason.pain_score or 0) >= PAIN_NO_RUN:
        return "pain"
    if reason.pain:
        return "sore"
    if reason.fatigue:
        return "tired"
    if reason.no_time:
        return "busy"
    return "none"


def advise(*, kind: str, minutes: int, reason: ReasonInfo) -> Advice:
    """The advice for a planned session of ``kind`` and ``minutes`` given ``reason``."""
    condition = condition_of(reason)
    if kind == "rest":
        return Advice("rest_day", condition)
    if condition in ("ill", "wiped"):
        return Advice("rest", condition)
    if condition == "pain":
        return Advice("cross_train", condition, score=reason.pain_score)
    hard_or_long = kind in HARD_KINDS or kind == "long"
    if condition in ("cold", "sore", "tired"):
        if kind == "long":
            return Advice("shorter_easy", condition, _round5(minutes * EASIER_SHARE),
                          reason.pain_score)
        if hard_or_long:
            return Advice("easy_instead", condition, _round5(minutes * EASIER_SHARE),
                          reason.pain_score)
        return Advice("easy_with_exit", condition, minutes, reason.pain_score)
    if condition == "busy":
        cap = reason.time_cap
        if cap is not None and not reason.time_cap_assumed:
            if cap >= minutes:
                return Advice("as_planned", condition, minutes)
            return Advice("fit_time", condition, max(cap, 5 * (cap // 5)))
        return Advice("shorter_busy", condition, _round5(minutes / 2))
    return Advice("as_planned", condition, minutes)
