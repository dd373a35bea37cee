"""Classes of false referral found on the sixth dev set, each quieted in general form: a
question asked to learn, a prediction or figure of speech, carrying an EpiPen, a doctor's
or a test's all-clear, an illness over with a normal temperature; and what must still
refer despite them (recall first)."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage

# Phrasings written for these tests (never taken from the evaluation sets).
QUIET = [
    "are stress fractures common in female runners?",
    "what even is exertional heat stroke? came up in a club chat",
    "how much iron should runners take to avoid anaemia and fainting?",
    "does running give you an enlarged heart? heard about it on a podcast",
    "when is chest pain in athletes a worry? asking for a club newsletter",
    "i'll be hobbling round the office tomorrow after these hill repeats",
    "i'd rather collapse than miss the club 10k",
    "these intervals will give me a heart attack one day",
    "i keep an inhaler in my waist belt on long runs, any lighter belt ideas?",
    "the cardiologist ran an ecg, all normal, no restrictions",
    "lateral flow test negative, just sniffles, ok to jog?",
    "had the flu last week, temperature back to normal for three days, ease in?",
    "crashing on the sofa for the afternoon after the half",
]

STILL_REFER = [
    # A question with a symptom of the athlete's own, or a time it has lasted.
    "are stress fractures common in runners? my shin hurts at night now",
    "no period for five months, that's normal in runners?",
    "is chest pain common in runners? i get it on every hill",
    "whats with the chest pain when running uphill?",
    # A real presyncope is no prediction.
    "i felt like i was going to pass out on the climb",
    # A used EpiPen is a reaction.
    "used my epipen after a wasp sting, lips still swelling",
    # An illness that is not over.
    "had the flu last week, temperature normal for two days but the fever is back today",
]


@pytest.mark.parametrize("text", QUIET)
def test_general_questions_predictions_and_all_clears_do_not_refer(text: str) -> None:
    assert not deterministic_triage(text).refer, (text, deterministic_triage(text).flags)


@pytest.mark.parametrize("text", STILL_REFER)
def test_the_athletes_own_symptom_still_refers(text: str) -> None:
    assert deterministic_triage(text).refer, text


# Misses of the sixth dev set, in general form: confusion with vomiting or after a long
# event (either order), and coughing up pink or frothy sputum.
NEW_RULES_REFER = [
    "after the half i was muddled and confused and then threw up twice",
    "threw up at the finish and my wife says i was talking nonsense",
    "still dazed an hour after the ultra",
    "coughing up frothy pinkish spit on the climb",
]
NEW_RULES_QUIET = [
    "confused about the pacing plan for the marathon",
    "i forgot my gels during the marathon, bonked at 30k",
    "the course markings were confusing at the end of the race",
]


@pytest.mark.parametrize("text", NEW_RULES_REFER)
def test_confusion_with_vomiting_or_after_an_event_and_pink_froth_refer(text: str) -> None:
    assert deterministic_triage(text).refer, text


@pytest.mark.parametrize("text", NEW_RULES_QUIET)
def test_confusion_words_about_plans_and_courses_do_not_refer(text: str) -> None:
    assert not deterministic_triage(text).refer, (text, deterministic_triage(text).flags)
