"""False referrals of the left-out folds of leave-one-set-out (flags23), fixed as classes
and tested in other words: a clinician who calls it normal or expected, names a harmless
cause, or clears the athlete to run; a symptom eased by a drink and something more; a
head rush from a sauna or a needle. And the other side of a clearance: what follows a
turn after it ("physio cleared my ankle but my calf is swollen") is news of its own."""

from __future__ import annotations

import pytest

from coach.triage import deterministic_triage


@pytest.mark.parametrize("text", [
    # A clinician calls it normal, expected or common.
    "getting palpitations after coffee, gp said totally normal",
    "hair falling out since the marathon block, dermatologist said common after a big stressor",
    "night sweats during this block, my doctor said completely normal with the training load",
    "resting heart rate in the 40s and a slow beat, cardiologist says that's expected for an "
    "endurance athlete",
    # ... names a harmless cause, or clears the athlete to train.
    "doc said the chest pain was just a pulled muscle from the gym",
    "cardiologist okayed me to race after the fainting episode was checked",
    "after the concussion i got cleared to train by the sports clinic last week",
    # A symptom eased by a drink and something more.
    "light headache after the hot 10k, had fluids & a nap and it's gone",
    "headache after the long run in the heat, drank water and had a sandwich and it went",
    # A head rush from a sauna or a needle.
    "bit dizzy after my injection this morning, fine now",
    "felt lightheaded after the 10 minute sauna and got out, drank some water",
    "bit woozy from the needle at my vaccination, nurse said sit for a bit",
])
def test_clearances_and_everyday_causes_are_not_referred(text: str) -> None:
    result = deterministic_triage(text)
    assert not result.refer, (text, result.flag_ids)


@pytest.mark.parametrize(("text", "flag"), [
    ("physio cleared me to run after the ankle sprain but my calf is swollen and hot since "
     "the flight", "dvt"),
    ("doc checked my ankle and said it's nothing, but my left calf is swollen and hot since "
     "the flight", "dvt"),
    ("physio said the hamstring is fine now, but since the flight my calf is swollen and warm",
     "dvt"),
    ("the gp said the knee is fine though i fainted on my run this morning", "syncope"),
])
def test_news_after_a_clearance_is_still_read(text: str, flag: str) -> None:
    result = deterministic_triage(text)
    assert result.refer, text
    assert flag in result.flag_ids, (text, result.flag_ids)


def test_a_clearance_after_the_symptom_still_clears_it() -> None:
    assert not deterministic_triage(
        "calf was puffy after the flight but the gp checked it and said it's fine").refer


def test_a_clinician_named_without_a_verdict_clears_nothing() -> None:
    assert deterministic_triage(
        "gp appointment is just booked for next week, chest feels tight and heavy on every run"
    ).refer
