"""Classes from dev16's false referrals and misses (flags26), each in other words: on the
benign side a condition named as a measure of heat or stress, a crowd or a field that
swelled, a date blacked out in a calendar, chills down the spine from a sight, everyday
causes (kit that squeezes, noise, a few pints), fever-free days counted, a symptom gone
within the hour, controlled asthma and a kept auto-injector, a pounding heart that is "the
point", a check that came back "totally normal", the week that is not a wee, insect bites
by their everyday names; on the red side a reliever "doing nothing", someone reporting
the athlete's faint named with where they are from, and the bump going hard or tight
again and again in pregnancy."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage, triage


@pytest.mark.parametrize("text", [
    "hypothermia levels of cold at the track this morning, wore gloves",
    "it's heart attack levels of stress at work this week so i'll keep runs easy",
    "sunstroke weather out there today, went at 6am instead",
    "dehydration territory in that gym, no air con at all",
])
def test_a_condition_named_as_a_measure_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "the field swelled to 3000 runners this year, start was chaos",
    "the noise swelled as we came into the stadium, loved it",
    "numbers have swollen at our club since january",
])
def test_a_crowd_or_a_field_that_swelled_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "i've blacked out next saturday in my diary for the long run",
    "blacked out my calendar for taper week so nothing clashes",
    "blacking out every sunday morning on the family calendar from now on",
])
def test_a_date_blacked_out_in_a_calendar_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "shivers down my spine when the anthem played at the start",
    "got chills watching the elite women come in, so inspiring",
    "chills running down my spine reading about her comeback",
])
def test_chills_from_a_sight_or_a_sound_are_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "chest felt tight on my long run cos my new sports bra is too snug",
    "headache all evening from the toddler screaming, a run will help",
    "slurring my words after a few pints at the club dinner haha",
    "ears ringing after the gig last night, no music on my run today",
])
def test_an_everyday_cause_named_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "had covid the week before last, now 6 days fever free, can i jog?",
    "headache after the half, drank a load of water and it went within the hour",
    "bit of a headache after my long run, had some squash and it eased in 20 minutes",
])
def test_an_illness_or_a_symptom_over_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "i've got asthma, well-controlled, 2 puffs before races and i'm fine",
    "where do you all keep your epipen on trail runs? a belt or a vest?",
    "heart was pounding on the finish straight but that's the whole point of a parkrun",
    "holter came back completely normal, cardiologist is happy for me to race",
    "blood pressure at the chemist was 121/79, happy. what's on for next week?",
    "midgie bites on my ankles swelled up overnight, so itchy",
])
def test_controlled_kept_normal_or_local_is_not_referred(text: str) -> None:
    assert not triage(text).refer, text


@pytest.mark.parametrize("text", [
    "wheezing after the cold tempo and my puffer is doing nothing",
    "used the blue inhaler twice but it's not doing anything",
    "asthma bad tonight, reliever isn't doing a thing",
])
def test_a_reliever_doing_nothing_is_referred(text: str) -> None:
    assert "asthma_attack" in deterministic_triage(text).flag_ids, text


@pytest.mark.parametrize("text", [
    "my coach at the club says i fainted right after the finish, i don't remember it",
    "a nurse at the race said i passed out on the line for a few seconds",
    "teammate from my club reckons i blacked out at the end of the 800",
])
def test_someone_reporting_the_athletes_faint_is_referred(text: str) -> None:
    assert "syncope" in deterministic_triage(text).flag_ids, text


@pytest.mark.parametrize("text", [
    "chest pain and sweating after the pints last night, still there",
    "headache from the kids shouting and now i've vomited twice and feel confused",
    "dark brown wee after the race and my thighs are swollen, is that this week's recovery?",
])
def test_a_serious_sign_beside_an_everyday_cause_still_refers(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize("text", [
    "32 weeks and my bump keeps getting really hard every ten minutes on my walks",
    "29 wks, belly goes tight and hard over and over when i jog, is that ok?",
    "36 weeks pregnant, stomach going rock hard every few minutes since my walk",
])
def test_the_bump_going_hard_again_and_again_is_referred(text: str) -> None:
    assert "pregnancy" in deterministic_triage(text).flag_ids, text


@pytest.mark.parametrize("text", [
    "kickabout with the kids, took a ball to the head, now foggy and a headache",
    "playing tag with my children and banged my head on the slide, feel sick since",
])
def test_a_head_knock_while_playing_with_children_still_refers(text: str) -> None:
    assert triage(text).refer, text
