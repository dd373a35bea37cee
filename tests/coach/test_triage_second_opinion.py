"""The second opinion on the rules' hits (flags21): a rule hit whose sentence is benign by
its structure (a question about something in general, an ordinary response told as the
athlete's usual) is dropped only when the semantic net refers nothing and reads every
sentence clearly closer to a benign anchor than to any flag. Any doubt keeps the hit:
a hesitant net, a net that refers, the athlete's own question, "is it normal...", a
serious sign, something said to go on now."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from coach.red_flags import load_red_flags
from coach.triage import SemanticHit, Triage, deterministic_triage

# Phrasings written for these tests (never taken from the evaluation sets).
GENERAL_QUESTIONS = [
    "how does heat stroke differ from heat exhaustion?",
    "which sports have the most concussions?",
    "are smartwatch afib warnings reliable?",
    "what's the usual timeline for hyponatremia to be treated?",
    "how is a dvt diagnosed?",
]
AS_USUAL = [
    "heart thumping hard at the top of the hill, settles in a minute like always",
    "whole body aches after the hill session, in a good way",
    "pounding heart after the final sprint, back down quickly as usual",
]
STILL_RED = [
    # the athlete's own question
    "how do i tell if the ache in my shin is a stress fracture? it hurts to hop",
    # "is it normal" asks about the athlete
    "is it normal to have chest pain on hills?",
    # a general question, then something going on now
    "what does a dvt feel like? my calf is still hot and puffy after the flight",
    # as usual, then a serious sign
    "heart racing after the sprint like always but then i blacked out",
]


class _Net:
    """A semantic net with a fixed view: what it refers, and its benign margin."""

    def __init__(self, margin: float, refers: bool = False) -> None:
        self.margin = margin
        self.refers = refers

    def match(self, sentences: Sequence[str], *, windows: bool = True) -> list[SemanticHit]:
        return [SemanticHit("chest_pain", sentences[0], 0.9)] if self.refers else []

    def benign_margin(self, sentences: Sequence[str]) -> float:
        return self.margin


def _triage(net: _Net) -> Triage:
    return Triage(load_red_flags(), semantic=net)


@pytest.mark.parametrize("text", GENERAL_QUESTIONS + AS_USUAL)
def test_the_rules_alone_refer_these(text: str) -> None:
    assert deterministic_triage(text).refer, text


@pytest.mark.parametrize("text", GENERAL_QUESTIONS + AS_USUAL)
def test_a_benign_structure_the_net_reads_as_benign_does_not_refer(text: str) -> None:
    result = _triage(_Net(margin=-0.1))(text)
    assert not result.refer, (text, result.flags)


@pytest.mark.parametrize("text", GENERAL_QUESTIONS + AS_USUAL)
def test_a_hesitant_net_keeps_the_rule_hit(text: str) -> None:
    # Within the catalogue's margin of a flag: not clearly benign.
    assert _triage(_Net(margin=-0.01))(text).refer, text


@pytest.mark.parametrize("text", GENERAL_QUESTIONS + AS_USUAL)
def test_a_net_that_refers_keeps_the_rule_hit(text: str) -> None:
    assert _triage(_Net(margin=-0.1, refers=True))(text).refer, text


@pytest.mark.parametrize("text", STILL_RED)
def test_the_athletes_own_question_or_a_serious_sign_keeps_the_rule_hit(text: str) -> None:
    assert deterministic_triage(text).refer, text
    assert _triage(_Net(margin=-0.5))(text).refer, text


def test_a_net_without_a_view_leaves_the_rules_alone() -> None:
    class _Blind:
        def match(self, sentences: Sequence[str], *, windows: bool = True) -> list[SemanticHit]:
            return []

    assert Triage(load_red_flags(), semantic=_Blind())(GENERAL_QUESTIONS[0]).refer


# A pain word denied where it is named, after walking or standing (flags21): the rules'
# "walking ... pain" pattern read "walking around, no pain" as pain on walking.
DENIED_ON_WALKING = [
    "calf tight first thing but it eases after walking around, no pain on the run",
    "standing at work all day, no pain though, just tired legs",
    "walking the dog after the long run, no pain anywhere, just stiff",
    "standing on one leg for the balance drill, no pain in the hip",
]


@pytest.mark.parametrize("text", DENIED_ON_WALKING)
def test_pain_denied_after_walking_is_not_pain_on_walking(text: str) -> None:
    assert not deterministic_triage(text).refer, text


@pytest.mark.parametrize("text", ["walking to the car is agony on my shin",
                                  "every step is pain in my shin",
                                  "standing around after, then a sharp pain in my shin bone"])
def test_pain_on_walking_still_refers(text: str) -> None:
    assert deterministic_triage(text).refer, text
