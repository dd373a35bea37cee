"""Classes of misses and false referrals found on dev10 (released for tuning), each fixed
in general form: coming to on the ground or to strangers' questions, limbs that will not
coordinate and speech that feels thick, bone or hip pain that now reaches rest ("even"
sitting or lying), a bony landmark lost in swelling; and on the benign side, water as the
medium of an exercise in pregnancy (not the waters), and a specialist's all-clear told as
"everything normal" or "go for it"."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage

# Phrasings written for these tests (never taken from the evaluation sets); each is read
# by the rules alone, so that the semantic net's fitted phrasings do not hide a gap.
RED = [
    # Coming to on the ground, or to strangers' questions.
    ("sprint finish at parkrun, next thing you know i'm flat out by the funnel", "syncope"),
    ("next thing i remember a marshal was kneeling by me, no idea how long", "syncope"),
    ("ended up lying on the track with the medic asking me what day it was", "syncope"),
    # Limbs that will not coordinate, speech that comes out thick or slow.
    ("at the end of the hike i could not control my left foot at all", "neuro"),
    ("my tongue felt clumsy and words were hard for a few minutes on the bike", "neuro"),
    ("talking was slow and heavy after the trail race, wife noticed", "neuro"),
    # Bone or hip pain that has reached rest: "even" sitting or lying.
    ("the top of my foot throbs even when i'm in bed now", "bone_stress"),
    ("front of the thigh near the hip sore even sitting still at work", "hip_groin_stress"),
    ("groin is tender even resting since the marathon block", "hip_groin_stress"),
    # A bony landmark lost in the swelling after an injury.
    ("fell on my hand at the crag and i can't see my knuckles any more",
     "swelling_after_injury"),
    ("twisted my knee skiing and you cannot see the kneecap any more", "swelling_after_injury"),
]


@pytest.mark.parametrize(("text", "flag"), RED)
def test_the_classes_refer_by_the_rules(text: str, flag: str) -> None:
    result = deterministic_triage(text)
    assert flag in result.flag_ids, (text, result.flags)


LOOK_ALIKES = [
    # Water as the medium of an exercise while pregnant.
    "22 weeks along, is water aerobics a good swap for my tempo day?",
    "pregnant with twins and loving my deep water jogging at the lido",
    "28 weeks and bought a new water bottle for the buggy runs",
    # A specialist's all-clear in other words.
    "had palpitations checked by the consultant, everything came back fine so back to it",
    "the sports doc looked at my irregular heartbeat, said go for it, what's next week?",
    # Idioms and everyday things close to the new classes.
    "next thing you know it's midnight and i haven't stretched",
    "my legs ache even sitting, the marathon was two days ago",
    "i can't see my ankles in these compression socks",
    "my speech at the club dinner was slow, nerves i guess",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_do_not_refer(text: str) -> None:
    result = deterministic_triage(text)
    assert not result.refer, (text, result.flags)
