"""Classes from dev17's misses and the doubts of flags27, tested in other words.

A denial reaches over a comma only into more of its list ("no fever, chills or rash"); a
comma that opens a clause of its own ends it ("no chest pain, my left arm aches"). A stroke
sign that passed within minutes still refers (a transient ischaemic attack). A reliever
that holds only for minutes, or speech cut to a few words, is an asthma attack. A joint
out of place or a limb the wrong shape is a fracture sign. On the benign side: a session
called a heart attack, a feverish mood, dizzy from a height, weight lost by cutting out a
treat, and a question asking what a condition is and how to avoid it.
"""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage, triage

DENIAL_THEN_SIGN = [
    ("no chest pain, left arm aches when i run uphill", "cardiac_referred"),
    ("no dizziness, fainted twice on the track today", "syncope"),
    ("not dizzy, passed out at the finish line", "syncope"),
    ("no wheeze, chest is tight and cant speak in full sentences", "asthma_attack"),
    ("no pain, calf is hot swollen and red since the long flight", "dvt"),
    ("not sore, heart racing at rest for an hour", "palpitations"),
    ("no cramps, heavy bleeding at 20 weeks", "pregnancy"),
    ("no injury, lips and tongue swelling after the run", "anaphylaxis"),
]


@pytest.mark.parametrize(("text", "flag"), DENIAL_THEN_SIGN)
def test_a_denial_does_not_reach_over_a_comma_into_a_new_clause(text: str, flag: str) -> None:
    assert flag in deterministic_triage(text).flag_ids, text


STROKE_SIGNS_THAT_PASSED = [
    "couldn't lift my water bottle for a few minutes after the session, fine now",
    "couldn't hold my cup properly for a few minutes after the run, ok now",
    "the corner of my mouth slipped to one side for a while after my run",
    "half my face felt dead on the run",
    "all of a sudden i couldn't walk straight after the tempo",
]


@pytest.mark.parametrize("text", STROKE_SIGNS_THAT_PASSED)
def test_stroke_signs_refer_even_when_they_passed(text: str) -> None:
    assert "neuro" in deterministic_triage(text).flag_ids, text


ASTHMA_ATTACKS = [
    "wheezy on the hill and the puffer helps for about five minutes then it's back",
    "my ventolin wears off in minutes and i'm tight again",
    "could only say a couple of words between breaths after the intervals",
    "chest tight after the hill, can only get out two words at a time",
]


@pytest.mark.parametrize("text", ASTHMA_ATTACKS)
def test_a_reliever_that_does_not_hold_or_few_words_is_an_asthma_attack(text: str) -> None:
    assert "asthma_attack" in deterministic_triage(text).flag_ids, text


FRACTURE_SIGNS = [
    "my shoulder popped out when i landed on the trail",
    "knee cap slipped out sideways when i turned",
    "fell and my thumb is bent at a weird angle",
    "landed on my wrist and it isn't a normal shape",
    "rolled it on a root, heard a crack and it ballooned straight away",
]


@pytest.mark.parametrize("text", FRACTURE_SIGNS)
def test_a_joint_out_of_place_or_the_wrong_shape_is_a_fracture_sign(text: str) -> None:
    assert "fracture_signs" in deterministic_triage(text).flag_ids, text


LOOK_ALIKES = [
    "the hill session was a heart attack on wheels lol",
    "feverish anticipation before the half tomorrow",
    "looking down from the cliff path made me a bit dizzy, legs fine",
    "lost 2kg since christmas by cutting back on the wine, feel great",
    "what is rhabdo and how can i avoid it in a hot ultra?",
    "whats the difference between heat exhaustion and heat stroke",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_figures_of_speech_and_learning_questions_are_not_referred(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)


# Guards that held before and must hold after: a denied list stays denied by the rules,
# a reliever that works is no attack, and a sign beside an everyday cause still refers.
DENIED_LISTS = [
    "no chest pain, dizziness or fainting, just tired legs",
    "no fever, chills, rash or cough",
    "i use my inhaler before runs and it helps",
    "couldn't hold pace on the last rep",
    "my legs went weak at the end of the marathon, fine now",
]


@pytest.mark.parametrize("text", DENIED_LISTS)
def test_denied_lists_and_working_relievers_are_not_referred_by_the_rules(text: str) -> None:
    assert not deterministic_triage(text).refer, text


SIGN_AND_CAUSE = [
    "dizzy and fainted, because of the heat",
    "collapsed because it was so hot",
    "blacked out after 3 pints on my run",
    "my heart was racing because of the music, then i fainted",
    "lost 4 kg by cutting out sugar but my periods have stopped",
]


@pytest.mark.parametrize("text", SIGN_AND_CAUSE)
def test_a_sign_beside_an_everyday_cause_still_refers(text: str) -> None:
    assert deterministic_triage(text).refer, text
