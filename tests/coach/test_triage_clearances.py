"""A clinician's or a check's all-clear in the words runners use (flags20, from false
referrals in six of the leave-one-set-out folds): clinicians by their lay names ("the
ortho", "the cardio", "the concussion clinic"), an all-clear got, and a check said
negative, normal or good ("dexa came back normal", "ultrasound ... negative"). The
sentence is over for both nets; what comes back, or a comparison with the athlete's
normal ("peak flow is half my normal"), still refers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from coach.red_flags import load_red_flags
from coach.triage import SemanticHit, Triage, deterministic_triage

# Phrasings written for these tests (never taken from the evaluation sets).
CLEARED = [
    "signed off by the podiatrist after the metatarsal stress reaction, building back slowly",
    "finally got the all-clear after my concussion in october, easing back into intervals",
    "had an ultrasound on my calf for a clot after the long flight, negative",
    "dexa came back normal so the bone stress worry is off",
    "holter results normal, the palpitations were just ectopics",
    "neurologist saw me about the numb toes and i'm cleared, pinched nerve from tight shoes",
]


class _Recorder:
    """A semantic net that matches nothing and keeps the sentences it is given."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def match(self, sentences: Sequence[str], *, windows: bool = True) -> list[SemanticHit]:
        self.read.extend(sentences)
        return []


@pytest.mark.parametrize("text", CLEARED)
def test_an_all_clear_in_runners_words_does_not_refer(text: str) -> None:
    result = deterministic_triage(text)
    assert not result.refer, (text, result.flags)


@pytest.mark.parametrize("text", CLEARED)
def test_the_semantic_net_does_not_read_an_all_clear(text: str) -> None:
    recorder: Any = _Recorder()
    Triage(load_red_flags(), semantic=recorder)(text)
    assert recorder.read == [], (text, recorder.read)


STILL_RED = [
    ("peak flow is a third of my normal and my chest is whistling", "asthma_attack"),
    ("x-ray came back clear but i still can't put any weight on my foot",
     "limp_weight_bearing"),
    ("got the all clear from the cardio in may but the chest pain came back on today's run",
     "chest_pain"),
    ("the ortho cleared my ankle last month and now it's swollen and purple again",
     "swelling_after_injury"),
]


@pytest.mark.parametrize(("text", "flag"), STILL_RED)
def test_what_comes_back_after_an_all_clear_still_refers(text: str, flag: str) -> None:
    result = deterministic_triage(text)
    assert result.refer, (text, result.flags)


# Swelling after an injury in lay words (flags20, misses of the left-out dev12 fold): the
# fall as a noun or a trip, and "puffy".
SWOLLEN = [
    "tripped on a root and my wrist went puffy within minutes",
    "knee is puffy and hot since the fall on the ice",
    "stumbled off the kerb this morning and my ankle is fat already",
]


@pytest.mark.parametrize("text", SWOLLEN)
def test_swelling_after_a_fall_in_lay_words_refers(text: str) -> None:
    result = deterministic_triage(text)
    assert "swelling_after_injury" in result.flag_ids, (text, result.flags)


@pytest.mark.parametrize("text", [
    "my face always looks puffy in race photos, any tips for posing?",
    "the fall marathon has a fat medal",
    "puffy eyes after a night of bad sleep before the race",
])
def test_puffy_without_an_injury_does_not_refer(text: str) -> None:
    assert not deterministic_triage(text).refer, text
