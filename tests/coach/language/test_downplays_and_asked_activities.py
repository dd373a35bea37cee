"""An injury answer that plays the thing down first and then tells it ("nothing really,
knee gets a bit niggly"), and a question about an activity typed where likes are asked."""

from __future__ import annotations

import pytest

from coach.language import is_none_answer, read_activities, read_injuries


@pytest.mark.parametrize(("text", "part"), [
    ("not much tbh my hip flares up after hills", "hip"),
    ("nothing major - the left calf tightens on longer outings", "left calf"),
    ("none really, my achilles aches in the mornings sometimes", "achilles"),
])
def test_a_hedge_before_a_told_niggle_is_no_none(text: str, part: str) -> None:
    assert not is_none_answer(text)
    names, _ = read_injuries(text)
    assert names == [part]


def test_a_sentence_about_a_part_notes_the_part_not_the_sentence() -> None:
    names, score = read_injuries("shin acts up every now and again when I do speedwork")
    assert names == ["shin"] and score is None


def test_a_short_injury_name_is_kept_as_said() -> None:
    assert read_injuries("stress fracture left foot")[0] == ["stress fracture left foot"]


def test_the_hedge_alone_is_still_none() -> None:
    assert is_none_answer("nothing really")


@pytest.mark.parametrize("text", ["rowing?", "what about the elliptical??",
                                  "is aqua jogging a thing?"])
def test_an_activity_asked_about_is_not_liked(text: str) -> None:
    assert read_activities(text).likes == ()


def test_a_like_said_before_a_question_is_kept() -> None:
    assert read_activities("I enjoy swimming, is rowing any good?").likes == ("swimming",)


def test_a_doubtful_answer_with_a_question_mark_is_still_an_answer() -> None:
    assert read_activities("rowing maybe?").likes == ("rowing",)


def test_a_part_with_how_it_hurts_is_kept_as_said() -> None:
    assert read_injuries("right hamstring a bit tight")[0] == ["right hamstring a bit tight"]


def test_when_it_is_felt_makes_a_description() -> None:
    assert read_injuries("outer knee twinges on descents")[0] == ["knee"]
