"""False referrals the lead met playing runners through the chat (flags24), fixed as
classes and tested in other words: a little urine on impact is no flag. A leak of urine
after a baby is the pelvic floor, not a warning sign of pregnancy, but the exclusion tried
for it (flags24) also stopped referring heavy bleeding after the birth, so it was taken
out (recall first) and its tests are strict expected failures until a narrower one exists.
A veto by the classifier on news it reads as plainly benign
("knee is sore but 7am is fine", referred by one near red example) was measured
(knowledge/red_flags.yaml classifier_veto) and left off: every value lost a red flag."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage, triage

# The lead's messages, word for word: each was referred (a wrong urgent referral, a
# safety pause for a runner with nothing wrong).
PLAY = [
    "oh and i leaked a bit on the downhill yesterday, is that normal or should i stop?",
]

# A little urine on impact, in other words (benign anchors in knowledge/red_flags.yaml).
IMPACT_LEAKS = [
    "leaked a little on the downhill, should i stop?",
    "i leaked a bit on the hill today, is that normal?",
    "little bit of leaking on the downhills, is that ok or should i stop?",
    "peed a tiny bit on the descent today, normal?",
]

# A leak after the birth, in other words: since the baby, weeks postpartum, the baby's age.
POSTPARTUM_LEAKS = [
    "the baby is 5 months and i'm leaking urine when i run downhill",
    "12 weeks postpartum, leak a bit when i cough or jump",
    "been leaking a bit when i run since the baby came",
    "after the baby i've had some leaking on long runs",
]
# Told with no word the pregnancy flag reads ("the baby", a week count): not referred.
POSTPARTUM_LEAKS_UNREFERRED = [
    "since having my daughter i leak a little when i run",
    "postnatal and i pee myself a little on jumps, is running ok?",
]

# Fluid leaking (or another warning sign) while pregnant stays the pregnancy flag.
PREGNANT_LEAKS = [
    "im 34 weeks and leaking fluid",
    "32 weeks pregnant and i think fluid is leaking since my run",
    "expecting my second baby, 30 weeks, and leaking clear fluid",
    "28 weeks and something is leaking down my legs after the jog",
    "pregnant and leaking a little since my run this morning",
    "pregnant with my second, the baby is moving less today",
]


@pytest.mark.parametrize("text", PLAY + IMPACT_LEAKS)
def test_the_leads_play_messages_are_not_referred(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)


# Bleeding, clots or dizziness after the birth must refer (secondary postpartum
# haemorrhage is urgent): what any exclusion of leaks after the birth has to keep.
POSTPARTUM_WARNINGS = [
    "heavy bleeding since the baby, soaking a pad an hour",
    "3 weeks postpartum and bleeding a lot more after my run, big clots",
]


@pytest.mark.parametrize("text", POSTPARTUM_LEAKS_UNREFERRED)
def test_a_leak_after_the_birth_told_without_the_baby_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", POSTPARTUM_WARNINGS)
def test_bleeding_after_the_birth_still_refers(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.xfail(strict=True, reason="the leak-after-birth exclusion also hid postpartum "
                   "bleeding and was taken out; recall first")
@pytest.mark.parametrize("text", ["little bit of bladder leakage when i run since the baby",
                                  *POSTPARTUM_LEAKS])
def test_a_leak_after_the_birth_is_not_a_pregnancy_warning_sign(text: str) -> None:
    for result in (deterministic_triage(text), triage(text)):
        assert "pregnancy" not in result.flag_ids, (text, result.flag_ids)
    assert not triage(text).refer


@pytest.mark.parametrize("text", PREGNANT_LEAKS)
def test_fluid_leaking_in_pregnancy_still_refers(text: str) -> None:
    for result in (deterministic_triage(text), triage(text)):
        assert "pregnancy" in result.flag_ids, (text, result.flag_ids)


# Still referred: one near red example each, the classifier plainly negative. The veto
# that would quiet them (classifier_veto) lost left-out red flags at every value measured
# (knowledge/red_flags.yaml), so it is off; strict, so that a fix is noticed.
@pytest.mark.xfail(strict=True, reason="classifier veto off: every value lost a red flag")
@pytest.mark.parametrize("text", [
    "actually i did 10 min on the spot jogging too lol",
    "knee is sore but 7am is fine",
    "7am works, my knee is a bit achy",
])
def test_the_leads_nearest_example_referrals_are_not_fixed_yet(text: str) -> None:
    assert not triage(text).refer
