"""Free messages routed by the one reader (``coach.language.read_message``): the phrasings
the first router was tested on, for missed runs, pain reports and greetings."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

THURSDAY = date(2026, 11, 26)

MISSED_RUN = [
    # The issue's own examples.
    "I missed my run",
    "can't run today",
    "no time for my long run",
    "trails are closed by the fire, what now",
    # Our own phrasings.
    "Missed this morning's tempo, overslept",
    "I skipped my intervals yesterday",
    "I didn't get my run in today",
    "couldn't run this morning, kids were sick",
    "won't be able to do my tempo tonight",
    "too tired to run today",
    "stuck at work late so my easy run isn't happening",
    "it's pouring rain, no way I'm running outside",
    "the track is closed for maintenance",
    "heatwave here, too hot to run outside",
    "my long run got rained out",
    "need a substitute for my 40 min tempo",
    "Can I swap my tempo for a bike ride today?",
    "I can't run today, what should I do instead?",
    "bailed on my easy run this morning",
    "travelling for work this week and can't run",
    "no time today, only 30 minutes",
    "Snowed in, can't get out for my run",
    "Wildfire smoke is bad here, can't run outside",
    "had to skip the long run, family stuff",
    "unable to run today",
    "not going to make it out for my run tonight",
    "I have to miss my hill session tomorrow",
    "Park is flooded so no run today",
    "what can I do instead of my long run today?",
    "Running isn't possible this week, I'm travelling",
    "replace today's intervals please",
    "icy roads, can't run",
    "my run is cancelled, the gym is all I have",
    "no run for me today, work ran late",
    "Life got in the way today. No run.",
    "gonna have to skip today's run",
    "My run won't happen today",
    "not running today, work is crazy",
    "got called into work, can't do my long run",
    "I never made it out for my tempo",
    "Can’t run today",  # typographic apostrophe
    "CAN'T RUN TODAY!!!",
    "hi, I missed my run",
    "thanks, but I missed my long run",
]

PAIN = [
    "my knee hurts after yesterday's run",
    "sore calves today",
    "My shin is a bit sore",
    "left achilles feels tight and achy",
    "I've got a niggle in my hamstring",
    "hip pain on the outside after my long run",
    "my IT band is acting up again",
    "think I tweaked my ankle on the trail",
    "plantar fasciitis flaring up this week",
    "lower back is aching after the tempo",
    "pulled my calf during strides",
    "My quads are really sore from the downhill race",
    "feeling a twinge in my groin when I run",
    "shin splints again",
    "my foot hurts a bit when I run, 3/10",
    "I hurt my knee",
    "the arch of my foot is sore",
    "ankle's a bit stiff and painful after trail run",
    "knee pain 4/10 going downstairs",
    "my knee is killing me",
    "tendinitis in my achilles again",
    "rolled my ankle on a root",
    "Knee's been sore since Sunday's long run",
    "got a blister on my heel, hurts",
    "thanks, but my knee still hurts",
]

GREETING = [
    "hi",
    "Hi!",
    "hello",
    "Hey",
    "hey there",
    "hi coach",
    "Hello there!",
    "good morning",
    "Good evening!",
    "morning",
    "hiya",
    "yo",
    "howdy",
    "hey hey",
    "hi 👋",
    "Hello coach!",
    "hey, it's me again",
    "hi again",
    "  hi  ",
]


@pytest.mark.parametrize("text", MISSED_RUN)
def test_missed_runs(text: str) -> None:
    assert read_message(text, today=THURSDAY).intent == "missed_run"


@pytest.mark.parametrize("text", PAIN)
def test_pain_reports(text: str) -> None:
    assert read_message(text, today=THURSDAY).intent == "pain"


@pytest.mark.parametrize("text", GREETING)
def test_greetings(text: str) -> None:
    assert read_message(text, today=THURSDAY).intent == "greeting"
