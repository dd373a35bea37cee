"""An injuries answer that mixes an injury that is over with one that hurts now keeps only
the current one; a part said to hurt stays an injury however lightly it is played down; a
score written with "ish" after "/10" is the score. Phrasings written for these tests, not
taken from any evaluation set."""

from __future__ import annotations

import pytest

from coach.language import is_none_answer, read_injuries, read_pain


@pytest.mark.parametrize(("text", "current"), [
    ("torn hamstring in 2024, totally healed. left shin aching this week", ("left shin",)),
    ("achilles tendinitis two years back, no problems since; my right knee hurts on stairs",
     ("right knee",)),
    ("had a sprained ankle but it's fine now, though my lower back is tight", ("lower back",)),
])
def test_only_the_injury_that_hurts_now_is_kept(text: str, current: tuple[str, ...]) -> None:
    assert not is_none_answer(text)
    assert read_pain(text).sites == current
    assert read_injuries(text)[0] == list(current)


def test_an_old_injury_not_said_to_be_over_stays() -> None:
    assert set(read_pain("left hip sore, and an old stress fracture in my foot").sites) == {
        "left hip", "left foot stress fracture"}


def test_every_injury_over_is_no_injury() -> None:
    assert is_none_answer("broken toe last year, sorted now")


@pytest.mark.parametrize("text", [
    "achy left knee after long runs, nothing serious",
    "tight calves most days, nothing major",
])
def test_a_sore_part_played_down_is_still_an_injury(text: str) -> None:
    assert not is_none_answer(text)


def test_general_aches_played_down_are_no_injury() -> None:
    assert is_none_answer("nothing serious, the usual aches")


@pytest.mark.parametrize(("text", "score"), [
    ("groin 5/10ish", 5), ("heel about 2 out of 10-ish", 2)])
def test_an_ish_after_out_of_ten_keeps_the_score(text: str, score: int) -> None:
    assert read_pain(text).score == score


@pytest.mark.parametrize("text", [
    "nothing currently, had a stress fracture in 2022",
    "none right now, tore a calf two years ago",
])
def test_none_now_beside_a_past_injury_is_none(text: str) -> None:
    assert is_none_answer(text)


def test_none_now_beside_a_part_that_hurts_is_not_none() -> None:
    assert not is_none_answer("none now apart from a sore knee")


def test_a_score_with_when_it_is_felt_is_no_injury_name() -> None:
    assert read_injuries("left calf, maybe a 4 after long runs") == (["left calf"], 4)


def test_a_bare_number_after_a_niggle_is_its_score() -> None:
    assert read_pain("adductor twinge 3").score == 3
