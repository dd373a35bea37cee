"""False referrals found on the fifth (precision-focused) dev set, fixed by general classes
in knowledge/red_flags.yaml: questions asked to learn, figures of speech, everyday causes,
symptoms that stayed local or passed, and a recall hole found on the way (chest discomfort
spreading to the arm after a named everyday cause). Every phrasing here was written for
these tests, never taken from an evaluation set; each class has red flags that must still
refer beside the look-alikes it quiets."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage, triage


def _quiet(text: str) -> None:
    # Both nets: the innocent phrase quiets the rules and drops the sentence for the net.
    result = triage(text)
    assert not result.refer, (text, [(f.net, f.id, f.matched) for f in result.flags])


def _refers(text: str) -> None:
    assert deterministic_triage(text).refer, text


@pytest.mark.parametrize("text", [
    # Runners ask about themselves without "i" or "my": such a question is not quieted
    # (a question purely to learn may refer too; recall comes first).
    "whats with the chest pain when running uphill?",
    "what causes crushing chest pain on hills?",
    "what does a swollen hot calf after a long flight mean?",
])
def test_a_question_without_i_or_my_is_not_quieted(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize("text", [
    "what's this crushing pain in my chest when i run uphill?",
    "when should i worry? my calf is swollen and hot since the flight",
    "how long should a headache last after i hit my head on the bar?",
])
def test_a_question_about_the_athlete_still_refers(text: str) -> None:
    _refers(text)


@pytest.mark.parametrize("text", [
    "my training plan totally collapsed after the house move",
    "the gazebo collapsed at the aid station, what a day",
    "broke my headtorch on the night run, need a new one",
    "went on the waltzer with my niece and was dizzy for ages",
    "always a bit light-headed after giving blood, so rest day",
])
def test_figures_of_speech_rides_and_blood_donation_are_quiet(text: str) -> None:
    _quiet(text)


@pytest.mark.parametrize("text", [
    "hobbling because a pebble got in my trainer",
    "the deep heat cream makes my legs all tingly",
    "the fan in the gym gives me chills",
    "bit of a headache after the half marathon, had some water and it settled",
    "hand went numb because i slept on it funny",
    "took my temp, 36.9, just a runny nose",
    "jumped into the lake and couldn't catch my breath for a second",
    "achy and tight in the chest muscles after dips at the gym, tender to touch",
    "wasp sting on my ankle, red and sore, that's all",
    "knee swelled after a fall years ago but fine ever since",
    "had a fever in the summer, fully recovered",
])
def test_everyday_causes_and_symptoms_that_stayed_local_or_passed_are_quiet(
        text: str) -> None:
    _quiet(text)


@pytest.mark.parametrize("text", [
    "stung on the arm, now my lips are swelling, nothing else",
    "temp 39.2 and aching everywhere after the race",
    "jumped in the lake and couldn't get my breath back for ten minutes, wheezing",
    "knee swelled up after a twist years ago and it's swollen again today",
    "i collapsed at the finish and can't remember the last mile",
    "tight chest after the gym and it spreads to my left arm",
    "heavy feeling in my chest that went down into my arm while gardening",
])
def test_red_flags_beside_those_classes_still_refer(text: str) -> None:
    _refers(text)


@pytest.mark.parametrize("text", [
    "felt like an elephant was sitting on my chest on the hill, went off after i walked",
    "like somebody pressing down on my chest during the tempo",
    "my knee hurts so bad i can't sleep at night",
    "the pain in my hip is so intense i cannot stand up straight",
])
def test_chest_pressure_metaphors_and_pain_that_stops_daily_life_refer(text: str) -> None:
    _refers(text)


def test_a_spreadsheet_is_not_a_spreading_pain() -> None:
    _quiet("head aches after staring at spreadsheets all day, went away after a walk")
