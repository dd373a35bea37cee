"""At the likes step, an activity said to be fun with surprise ("pool running is
actually fun??") is a like; a question that opens with its verb ("is the elliptical any
good?") or a bare activity asked about ("pool running?") still says nothing of liking."""

from __future__ import annotations

import pytest

from coach.language import read_activities


@pytest.mark.parametrize(("text", "liked"), [
    ("pool running is actually fun??", "deep_water_running"),
    ("the rower is surprisingly good?!", "rowing"),
    ("spin class is weirdly fun?? who knew", "indoor_cycling"),
])
def test_an_activity_said_to_be_fun_with_surprise_is_liked(text: str, liked: str) -> None:
    assert liked in read_activities(text).likes


@pytest.mark.parametrize("text", ["is the elliptical any good?", "pool running?",
                                  "is cycling ok?"])
def test_a_question_about_an_activity_is_no_like(text: str) -> None:
    assert read_activities(text).likes == ()
