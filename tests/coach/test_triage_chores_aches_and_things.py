"""Classes from the left-out folds of leave-one-set-out (flags22, dev14's fold first):
numbness told beside tightness as a second symptom, not tight laces; aches "all over"
after an illness, not ordinary aches; breathlessness from a light household task; and on
the benign side an everyday cause in the plural ("3 espressos"), figures of speech about
things (a run that collapsed, a cracked phone, plans dislocated) and a coach's own
runners."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage, triage


@pytest.mark.parametrize("text", [
    "my feet go numb and my calves get tight every run after about 2 miles",
    "toes numb and shins really tight 15 min into runs, eases when i walk",
    "lower legs feel numb and tight during runs lately",
])
def test_numbness_beside_tightness_is_referred(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize("text", [
    "toes went numb on the long run, laces were too tight",
    "foot tingling halfway, shoes too tight so i loosened them",
    "feet went numb in my tight new trail shoes, swapped them and fine",
])
def test_numbness_from_tight_laces_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "flu's mostly gone, just aches everywhere now, can i do intervals?",
    "fever broke yesterday, today it's only aches all over, ok to run?",
    "had a temp on sunday, now just aches all over and wiped out",
])
def test_aches_all_over_after_an_illness_are_referred(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize("text", [
    "get out of breath just getting dressed these days",
    "totally winded after emptying the dishwasher, weird for me",
    "making the bed leaves me puffed lately, im 63",
    "puffing walking to the car this week",
])
def test_breathless_from_a_light_household_task_is_referred(text: str) -> None:
    # By the rules: the net learnt such a message of dev14, but missed it left out.
    assert deterministic_triage(text).refer, text
    assert triage(text).refer, text


@pytest.mark.parametrize("text", [
    "heart thumping after 4 espressos at work haha",
    "pulse racing after too many coffees at the conference",
    "my race plan totally collapsed after 10k, went out too hard",
    "cracked my watch screen on a fence on the trail",
    "the screen of my garmin is cracked, any good cheap ones?",
    "work has dislocated my week completely, 2 runs max",
    "one of my runners twisted an ankle at track, what should the club do?",
    "one of our swimmers fainted at the pool session, advice as a coach?",
])
def test_everyday_causes_things_and_a_coachs_runners_are_not_referred(text: str) -> None:
    assert not triage(text).refer, text
