"""False referrals the lead met playing runners through the chat (flags24, flags25), fixed
as classes and tested in other words: a little urine on impact is no flag; a leak of urine
after the baby is the pelvic floor, not a warning sign of pregnancy (a narrow exclusion:
bleeding, a clot, dizziness, fever, a calf or the chest after the birth still refer); mild
pain told beside logistics ("7am works, my knee is a bit achy") is no severe pain; and a
sentence naming no symptom at all ("did a 30 min jog as well lol") is no breathlessness. Of
the semantic net's gates measured for the last two (flags25, knowledge/red_flags.yaml),
only the severity gate kept every left-out red flag: the clause check and the cue gate are
off and their cases are strict expected failures, as is the classifier veto (flags24)."""

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


# ... and in our own words: a leak told with bleeding, dizziness or a fever still refers.
POSTPARTUM_WARNINGS_OURS = [
    "16 weeks postpartum and bleeding heavily after my run",
    "since the baby i'm bleeding heavily after runs and passing clots",
    "since the baby i leak a little and get dizzy on runs",
    "the baby is 3 months and i'm leaking and have a fever",
]


@pytest.mark.parametrize("text", POSTPARTUM_WARNINGS + POSTPARTUM_WARNINGS_OURS)
def test_bleeding_after_the_birth_still_refers(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize("text", [
    "since the baby i leak a little and get dizzy on runs",
    "the baby is 3 months and i'm leaking and have a fever",
    "16 weeks postpartum and bleeding heavily after my run",
])
def test_a_leak_or_bleeding_after_the_birth_with_a_warning_sign_keeps_the_pregnancy_flag(
        text: str) -> None:
    assert "pregnancy" in deterministic_triage(text).flag_ids, text


# A leak after the birth in our own words (each referred as pregnancy before flags25).
POSTPARTUM_LEAKS_OURS = [
    "the baby is 8 months and i leak a bit of wee on jumps",
    "since the baby my bladder leaks on long runs",
    "16 weeks postpartum and i leak a little urine when i sprint",
    "the baby's 4 months old and i'm leaking a bit when i run",
]


@pytest.mark.parametrize("text", ["little bit of bladder leakage when i run since the baby",
                                  *POSTPARTUM_LEAKS, *POSTPARTUM_LEAKS_OURS])
def test_a_leak_after_the_birth_is_not_a_pregnancy_warning_sign(text: str) -> None:
    for result in (deterministic_triage(text), triage(text)):
        assert "pregnancy" not in result.flag_ids, (text, result.flag_ids)
    assert not triage(text).refer


@pytest.mark.parametrize("text", PREGNANT_LEAKS)
def test_fluid_leaking_in_pregnancy_still_refers(text: str) -> None:
    for result in (deterministic_triage(text), triage(text)):
        assert "pregnancy" in result.flag_ids, (text, result.flag_ids)


# The lead's nearest-example referral told as mild (flags24), word for word: the
# severity gate (severe_pain's net_overruled_by in knowledge/red_flags.yaml) quiets it.
def test_the_leads_mild_ache_beside_logistics_is_not_referred() -> None:
    assert not triage("7am works, my knee is a bit achy").refer


# Pain told as mild ("a bit", "a little", "slightly") with no sign of severity, beside
# logistics, in our own words; the first two were referred before flags25.
MILD_PAIN_AND_LOGISTICS = [
    "6am works, knee is a bit sore",
    "5am is fine, knee a little achy",
    "8am works, my calf is a bit sore",
    "friday is fine, my knee is slightly sore",
    "saturday suits me, my achilles is a little achy",
]
# ... and what must still refer beside the logistics: severe pain with its signs.
SEVERE_PAIN_AND_LOGISTICS = [
    "knee pain 9/10 since the fall and i can't put weight on it, 7am is out",
    "sudden stabbing pain in my calf mid run, couldn't walk, so friday won't work",
    "felt a snap in my achilles and it's agony, 6pm is off",
    "knee a bit swollen and the pain is worse at night, 7am is out",
]


@pytest.mark.parametrize("text", MILD_PAIN_AND_LOGISTICS)
def test_mild_pain_beside_logistics_is_not_referred(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)


@pytest.mark.parametrize("text", SEVERE_PAIN_AND_LOGISTICS)
def test_severe_pain_beside_logistics_still_refers(text: str) -> None:
    assert triage(text).refer, text


# Still referred, strict so that a fix is noticed: soreness told with no word of degree
# beside logistics, and news of a session that names no symptom at all, each close to one
# red example. The clause check and the cue gate that quiet them (knowledge/red_flags.yaml
# clause_split, cue_gate) lost left-out red flags in leave-one-set-out, so they are off.
@pytest.mark.xfail(strict=True, reason="clause check and cue gate off: both lost red flags")
@pytest.mark.parametrize("text", [
    "knee is sore but 7am is fine",
    "knee's sore but 6am is fine",
    "knee is achy but tomorrow works",
    "knee is sore today but 7am tomorrow is fine",
    "did a 30 min jog as well lol",
    "also went for a 20 minute jog this evening haha",
])
def test_news_beside_a_near_red_example_is_not_fixed_yet(text: str) -> None:
    assert not triage(text).refer


# Quiet since the net learnt dev16 (flags26): its benign sentences include plain news.
def test_plain_jog_news_learnt_from_dev16_is_not_referred() -> None:
    assert not triage("went out for a 25 min jog before breakfast haha").refer


# Quiet since the net learnt dev17 (flags27): the lead's message, no longer referred.
def test_on_the_spot_jogging_news_is_not_referred_since_dev17() -> None:
    assert not triage("actually i did 10 min on the spot jogging too lol").refer


# The same shape with the symptom told: referred.
BREATHLESS_SESSION_NEWS = [
    "did 10 min of easy jogging and couldn't catch my breath at all, that's new",
    "walked up one flight of stairs and was gasping for air",
    "out of breath just sitting on the sofa tonight",
]


@pytest.mark.parametrize("text", BREATHLESS_SESSION_NEWS)
def test_breathlessness_told_in_session_news_refers(text: str) -> None:
    assert "breathlessness" in triage(text).flag_ids, text
