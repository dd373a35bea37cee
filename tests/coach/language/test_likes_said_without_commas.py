"""Likes and dislikes said without commas, as voice typing and quick replies give them: a
list of verdicts ("bike yeah rower nah") and a like turned by a dislike cue in the same
breath ("i enjoy swimming no elliptical"). Phrasings written for these tests, not taken
from any evaluation set."""

from __future__ import annotations

import pytest

from coach.language import read_activities


@pytest.mark.parametrize(("text", "likes", "dislikes"), [
    ("elliptical yep rowing nope", ("elliptical",), ("rowing",)),
    ("rowing nah swimming yeah", ("swimming",), ("rowing",)),
    ("i enjoy swimming no elliptical thanks", ("swimming",), ("elliptical",)),
    ("i'm into hiking hate the stairmaster", ("hiking",), ("stair_climber",)),
])
def test_verdicts_without_commas(text: str, likes: tuple[str, ...],
                                 dislikes: tuple[str, ...]) -> None:
    prefs = read_activities(text)
    assert (prefs.likes, prefs.dislikes) == (likes, dislikes)


def test_a_dislike_said_first_still_reads_whole() -> None:
    prefs = read_activities("i don't like rowing")
    assert (prefs.likes, prefs.dislikes) == ((), ("rowing",))
