"""An injury answer stores the injury's name, not what is said about it: a hedge, how often
it hurts or how it is going ("managing it", "usually", "mild", "doc says ...") is no injury
of its own and no part of one; a side told apart from the injury ("right side", "(L)", "R")
is the injury's side; a condition told in a sentence ("I have asthma") is the condition.
Found playing a runner: "achilles tendinopathy, managing it, usually 1-2/10" was stored as
"achilles tendinopathy, usually"."""

from __future__ import annotations

import pytest

from coach.language import read_injuries


@pytest.mark.parametrize(("text", "names", "score"), [
    ("achilles tendinitis, keeping on top of it, normally 2-3/10", ["achilles tendinitis"], 3),
    ("shin splints, occasionally, 1-2 out of 10", ["shin splints"], 2),
    ("hamstring strain, mild, doc says stay off the hills", ["hamstring strain"], None),
    ("calf tightness. often. like a 2", ["calf tightness"], 2),
    ("patellar tendinopathy, mostly", ["patellar tendinopathy"], None),
    ("adductor niggle, prob, 3/10", ["adductor niggle"], 3),
    ("sore hip flexor, improving, 2/10", ["sore hip flexor"], 2),
])
def test_remarks_about_an_injury_are_no_part_of_its_name(
        text: str, names: list[str], score: int | None) -> None:
    assert read_injuries(text) == (names, score)


@pytest.mark.parametrize(("text", "names"), [
    ("groin strain, left side, 4/10 when sprinting", ["left groin strain"]),
    ("hip bursitis R", ["right hip bursitis"]),
    ("ankle pain (left) about 2/10", ["left ankle pain"]),
    ("calf strain (right)", ["right calf strain"]),
    ("plantar fasciitis, right foot", ["right foot plantar fasciitis"]),
])
def test_a_side_told_apart_is_the_injurys_side(text: str, names: list[str]) -> None:
    assert read_injuries(text)[0] == names


@pytest.mark.parametrize(("text", "names"), [
    ("i have asthma, not really an injury but thought id say", ["asthma"]),
    ("I've got type 1 diabetes", ["type 1 diabetes"]),
])
def test_a_condition_told_in_a_sentence_is_the_condition(text: str, names: list[str]) -> None:
    assert read_injuries(text)[0] == names


def test_a_syndrome_named_by_its_letters_keeps_the_word() -> None:
    assert read_injuries("ITBS (R), flares after 10k")[0] == ["right it band syndrome"]


@pytest.mark.parametrize(("text", "names"), [
    # Guards: what earlier rounds keep as said stays as said (these pass before and after).
    ("right hamstring a bit tight", ["right hamstring a bit tight"]),
    ("left knee, bunions", ["left knee", "bunions"]),
    ("stress fracture left foot", ["stress fracture left foot"]),
    ("anemia, asthma", ["anemia", "asthma"]),
])
def test_names_said_plainly_stay_as_said(text: str, names: list[str]) -> None:
    assert read_injuries(text)[0] == names
