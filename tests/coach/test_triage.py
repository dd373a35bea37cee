"""Red-flag triage: what must refer, what must not, and what stays allowed."""

from __future__ import annotations

import pytest

from coach.triage import Allowed, triage

MUST_REFER = [
    # chest
    ("my chest felt tight and heavy halfway up the hill", "chest_pain"),
    ("there was a squeezing pressure across my chest on the tempo", "chest_pain"),
    ("chest pain when I started jogging", "chest_pain"),
    # fainting / dizziness
    ("I passed out for a few seconds after the finish", "fainting_dizziness"),
    ("got really lightheaded and had to sit on the kerb", "fainting_dizziness"),
    ("nearly fainted in the shower after my run", "fainting_dizziness"),
    ("the room was spinning when I stood up after intervals", "fainting_dizziness"),
    # palpitations
    ("my heart kept fluttering while I was sitting on the sofa", "palpitations"),
    ("had palpitations during the easy run", "palpitations"),
    ("heart was racing at rest and would not settle", "palpitations"),
    # breathing
    ("couldn't catch my breath even walking to the car", "breathlessness"),
    ("I get short of breath climbing the stairs at home now", "breathlessness"),
    ("struggling to breathe on an easy jog, much worse than usual", "breathlessness"),
    # bone
    ("there's one small spot on my shin bone that hurts when I press it", "bone_pain"),
    ("it hurts to walk to the kitchen", "bone_pain"),
    ("my foot throbs at night and wakes me up", "bone_pain"),
    ("I think it's a stress fracture in my foot", "bone_pain"),
    ("the pain in my heel is there even at rest", "bone_pain"),
    # limp / weight bearing
    ("I'm limping since Sunday's long run", "limp"),
    ("can't put any weight on my left foot", "limp"),
    # nerves
    ("my toes went numb for the last 5k", "numbness_weakness"),
    ("pins and needles down my leg all day", "numbness_weakness"),
    ("my right leg suddenly gave way on the descent", "numbness_weakness"),
    # heat
    ("I got confused and wobbly in the heat at the end of the race", "heat_confusion"),
    ("felt disoriented after the hot half marathon", "heat_confusion"),
    # swelling
    ("rolled my ankle and it swelled up like a balloon", "swelling"),
    # fever / chest infection
    ("I've got a fever and aches everywhere", "fever_infection"),
    ("doctor says it's a chest infection", "fever_infection"),
    ("running a temperature since last night", "fever_infection"),
    ("the thermometer says 38.9 this morning", "fever_infection"),
    # more ways of saying it
    ("my heart skips beats when I lie down", "palpitations"),
    ("a weird pressure in chest on the climb", "chest_pain"),
    ("I feel weak on one side of my body", "numbness_weakness"),
    ("breathing was really hard on a very easy run", "breathlessness"),
    ("there's a tender spot on the top of my foot", "bone_pain"),
    # severe pain
    ("the knee pain is 9/10", "severe_pain"),
    ("heard a pop in my calf and it's agony", "severe_pain"),
]

MUST_NOT_REFER = [
    "legs are sore after Saturday's long run",
    "tired after a long week at work",
    "it's pouring with rain",
    "thunderstorm all evening",
    "too hot, 34 degrees outside",
    "temperature outside is 35 degrees",
    "wildfire smoke, the air quality is awful",
    "trails are closed",
    "I'm travelling for work this week",
    "only have 30 minutes today",
    "kids were sick so no time",
    "mild knee pain, maybe 3/10",
    "calves feel tight",
    "a bit stiff after the race",
    "no chest pain, just heavy legs",
    "I've never fainted, just slept badly",
    "not dizzy, just bored of running",
    "no fever or chest pain, only a runny nose",
    "out of breath after the hill sprints, which is normal",
    "my heart rate monitor stopped working",
    "my chest strap chafed",
    "I broke my PR last weekend and my legs are done",
    "recovering from a broken tailbone and downhill running hurts",
    "I want something fun for a change",
    "I have a cold",
    "I'm confused about which session to do",
    "feeling flat and unmotivated",
    "sore legs walking down the stairs after the marathon",
    "snow and ice on the roads",
    "no swelling and no numbness, just a tight hamstring",
    "temperature is 38 degrees outside",
    "DOMS from yesterday's squats",
    "a sore spot on my quad from the foam roller",
    "heart rate was a bit high on my run",
    "breathing hard on the hills is normal for me",
    "got a flu jab yesterday, arm is sore",
]


@pytest.mark.parametrize(("text", "flag"), MUST_REFER)
def test_red_flags_refer(text: str, flag: str) -> None:
    result = triage(text)
    assert result.refer, text
    assert flag in result.flag_ids
    assert result.referral and "doctor" in result.referral


@pytest.mark.parametrize("text", MUST_NOT_REFER)
def test_ordinary_reasons_do_not_refer(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)
    assert result.allowed is Allowed.ANYTHING


def test_enough_phrasings_of_each_kind() -> None:
    assert len(MUST_REFER) >= 20 and len(MUST_NOT_REFER) >= 20


@pytest.mark.parametrize("text", [
    "chest pain", "I fainted", "palpitations", "can't catch my breath at rest",
    "my foot is numb", "confused in the heat", "I have a fever",
])
def test_heart_breathing_nerves_heat_and_fever_allow_nothing(text: str) -> None:
    assert triage(text).allowed is Allowed.NOTHING


@pytest.mark.parametrize("text", [
    "pinpoint pain on my shin bone", "I'm limping", "my ankle is swollen after I rolled it",
    "it hurts to walk",
])
def test_possible_bone_or_joint_injury_allows_non_impact(text: str) -> None:
    result = triage(text)
    assert result.allowed is Allowed.NON_IMPACT
    assert result.referral and "non-impact" in result.referral


def test_urgent_flags_mention_emergency_number() -> None:
    assert "emergency" in (triage("crushing chest pain").referral or "")
    assert "emergency" not in (triage("I'm limping").referral or "")


def test_the_most_restrictive_flag_wins() -> None:
    result = triage("limping and my heart is racing")
    assert set(result.flag_ids) == {"limp", "palpitations"}
    assert result.allowed is Allowed.NOTHING


@pytest.mark.parametrize(("text", "refers"), [
    ("no chest pain", False),
    ("No, I have chest pain", True),
    ("no fever but my chest feels tight", True),
    ("without any dizziness", False),
    ("not dizzy or faint", False),
    ("I don't have a fever, I feel dizzy though", True),
    ("never had palpitations", False),
])
def test_negation_is_scoped_to_its_clause(text: str, refers: bool) -> None:
    assert triage(text).refer is refers


def test_empty_text_is_all_clear() -> None:
    assert triage("").allowed is Allowed.ANYTHING
    assert triage("   ").referral is None


def test_same_words_same_answer() -> None:
    assert triage("my shin hurts when I walk") == triage("my shin hurts when I walk")


def test_a_flag_at_the_end_of_a_long_message_is_found() -> None:
    text = "long week, lots of work, " * 400 + "and then my chest felt tight on the stairs"
    assert triage(text).flag_ids == ("chest_pain",)
