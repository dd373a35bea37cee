"""An activity the athlete cannot do ("swimming i cannot", "cant swim", "not possible
for me") is kept out of the first picks, never stored as liked; "can't get enough of"
or "can't wait to" is still liking it."""

from __future__ import annotations

import pytest

from coach.language import read_activities


@pytest.mark.parametrize("text, liked", [
    ("i like walking and the elliptical. swimming i cannot", "elliptical"),
    ("love cycling, cant swim", "road_cycling"),
    ("i cannot swim but i like the rower", "rowing"),
    ("rowing is good. swimming is impossible with my ears", "rowing"),
    ("elliptical please, pool not possible for me (chlorine allergy)", "elliptical"),
])
def test_an_activity_one_cannot_do_is_no_like(text: str, liked: str) -> None:
    preferences = read_activities(text)
    assert "swimming" not in preferences.likes
    assert "swimming" in preferences.dislikes
    assert liked in preferences.likes


@pytest.mark.parametrize("text, liked", [
    ("cant get enough of the bike", "road_cycling"),
    ("cant wait to get back in the pool, swimming is my thing", "swimming"),
    ("can't beat a good swim", "swimming"),
])
def test_cant_get_enough_is_still_a_like(text: str, liked: str) -> None:
    preferences = read_activities(text)
    assert liked in preferences.likes and not preferences.dislikes
