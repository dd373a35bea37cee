"""Lay descriptions of red flags missed in the left-out folds of leave-one-set-out
(flags23, dev15's fold first), fixed as classes, each tested in other words: a relative's
sudden death told with how it came ("... while jogging at 41"), the chest's pressure
metaphor on the breastbone, swelling told by its size against the other side, a tearing
told with a word between and a pain that brought tears, a blood-pressure reading said
"over", an everyday climb impossible without puffing, a temperature by its short name,
sick both ways, the cycle "gone missing", "gimping" for limping, and lost bearings in the
heat."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage

CLASSES = {
    "heart_condition": [
        "my sister had a cardiac arrest during a half marathon at 33 and didn't make it, "
        "is my training safe?",
        "mum says her dad had a cardiac arrest out on a jog at 44, i'm 35 and upping my mileage",
        "my uncle dropped dead at 38 on a squash court, doctors blamed his heart. I'm about "
        "to start a couch to 5k",
        # A reading said with "over".
        "nurse took my blood pressure, 172 over 104, ok to race sunday?",
        "bp reading this morning was 168 over 102 and i have a 10k planned",
        "home monitor said my pressure is 181 over 98, do i still do intervals?",
    ],
    "chest_pain": [
        "on the hill reps it felt like someone was kneeling on my breastbone, eased when i walked",
        "like a brick pressing on my sternum at the end of the tempo, went off after a few "
        "minutes of walking",
        "felt like a car parked on my breastbone during the last interval",
    ],
    "swelling_after_injury": [
        "rolled my ankle on a tree root yesterday and it's double the size of the other one",
        "wrist is way fatter than my left since i came off the bike on saturday",
        "fell on the ice, my knee is much puffier than the other one and stiff",
    ],
    "severe_pain": [
        "nasty ripping in my calf halfway up the hill",
        "had a horrible tearing in my achilles on the last rep and pulled up",
        "the pain in my shin had me in tears on the way home from the run",
        "calf pain on the run made me cry, first time ever",
    ],
    "breathlessness": [
        "can't even walk up to the bus stop without panting lately, no idea why",
        "couldn't get up one flight of stairs at work without stopping for breath today",
        "can barely go up the hill to my house without huffing, it used to be nothing",
    ],
    "fever_systemic": [
        "temp is up and my whole body is shivery, can i still do parkrun",
        "running a temp since yesterday and feel rough, is an easy 5k ok",
        "my temperature's been high all night, still want to ride",
        # Sick both ways.
        "throwing up and diarrhoea all night, still planning my long run saturday",
        "caught a bug, vomiting & the runs since this morning, can i swim tomorrow?",
        "been puking with diarrhoea since tuesday, no appetite, when can i train",
    ],
    "red_s": [
        "my period's gone awol since i upped the mileage and cut carbs",
        "cycle has vanished for a few months now, training for my first ultra",
        "time of the month has gone missing since marathon block started",
    ],
    "limp_weight_bearing": [
        "been gimping about since saturday's trail race",
        "still gimping on my left foot 4 days after the race",
        "gimped the last 2k home and it isn't easing",
    ],
    "heat_illness": [
        "in the heat, 34c, i got muddled and couldn't figure out where i was on my usual loop",
        "30 degrees at the race and my mate says i couldn't work out the way to the finish",
        "sunny 29c long run and i couldn't work out which way to turn at a junction i've run "
        "100 times",
    ],
}


@pytest.mark.parametrize(("flag", "text"), [
    (flag, text) for flag, texts in CLASSES.items() for text in texts])
def test_lay_descriptions_are_referred_by_the_rules(flag: str, text: str) -> None:
    result = deterministic_triage(text)
    assert result.refer, text
    assert flag in result.flag_ids, (text, result.flag_ids)


@pytest.mark.parametrize("text", [
    # A relative's death that was not sudden, with their symptoms told after it.
    "my grandad died last year, he had chest pain for months before. my legs are tired today",
    "my uncle passed away in march, he'd had heart trouble for years. easy 5k today",
    # Sizes, temperatures and cycles that are not symptoms.
    "my new watch face is twice the size of the old one",
    "tempo run went well, temp outside was 12c",
    "cycle commute has gone missing from my week since i started working from home",
])
def test_look_alikes_of_the_classes_are_not_referred(text: str) -> None:
    assert not deterministic_triage(text).refer, (text, deterministic_triage(text).flag_ids)
