"""An injury told by its verb keeps its kind as a noun ("pulled my hamstring" is a
hamstring strain, "rolled my ankle" an ankle sprain), a wrist is a wrist, and a joint
replaced or rebuilt, or a healing said with a reservation ("fine now mostly", "healed
but i'm wary of it"), is still an injury to plan around, not a "none"."""

from __future__ import annotations

import pytest

from coach.language import is_none_answer, read_pain


@pytest.mark.parametrize(("text", "site"), [
    ("pulled a hammy (right) at parkrun a few weeks back", "right hamstring strain"),
    ("rolled my left ankle on a root in sept", "left ankle sprain"),
    ("tore my calf last winter, still a bit tight", "calf tear"),
    ("fractured my right wrist falling off the bike", "right wrist fracture"),
    ("left knee ACL reconstruction a while back", "left knee acl reconstruction"),
    ("both knees replaced, 2018 and 2021", "knee replacement"),
])
def test_the_kind_of_injury_is_kept_with_the_part(text: str, site: str) -> None:
    assert site in read_pain(text).sites


@pytest.mark.parametrize("text", [
    "left hip replaced in 2021, fully recovered",
    "ACL reconstruction on my right knee, all healed now",
    "stress fracture in my shin last year, healed but i'm wary of it",
    "calf tear in the spring, fine now mostly",
    "plantar fasciitis, nearly healed",
])
def test_a_lasting_repair_or_a_reserved_healing_is_no_none(text: str) -> None:
    assert not is_none_answer(text)


@pytest.mark.parametrize("text", [
    "had a stress fracture in my foot two years ago, fully healed now",
    "sprained my ankle in 2022, fine since",
])
def test_an_injury_simply_over_is_still_none(text: str) -> None:
    assert is_none_answer(text)
