"""Likes and dislikes said in one breath: a cue of the other feeling before another
activity starts a new clause in either order ("hate the rower love swimming"), an emoji
verdict of the lexicon closes its clause, and an activity blamed for a body part
("stairmaster makes my knees angry") is disliked, while one said to be kind to a part
("easy on my knees", "great for my back") is not."""

from __future__ import annotations

import pytest

from coach.language import read_activities


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("hate the rower love swimming", "swimming", "rowing"),
    ("dislike rowing really like swimming", "swimming", "rowing"),
    ("loathe spin class 🤮 adore hiking", "hiking", "indoor_cycling"),
])
def test_a_turn_of_feeling_starts_a_new_clause(text: str, liked: str, disliked: str) -> None:
    prefs = read_activities(text)
    assert liked in prefs.likes and liked not in prefs.dislikes
    assert disliked in prefs.dislikes and disliked not in prefs.likes


@pytest.mark.parametrize(("text", "disliked"), [
    ("stairmaster makes my knees angry", "stair_climber"),
    ("elliptical gives me shin pain, pool running is fine", "elliptical"),
    ("the rower leaves my lower back wrecked", "rowing"),
])
def test_an_activity_blamed_for_a_body_part_is_disliked(text: str, disliked: str) -> None:
    prefs = read_activities(text)
    assert disliked in prefs.dislikes and disliked not in prefs.likes


@pytest.mark.parametrize(("text", "liked"), [
    ("aqua jogging is easy on my knees", "deep_water_running"),
    ("swimming is great for my back", "swimming"),
])
def test_an_activity_kind_to_a_part_stays_liked(text: str, liked: str) -> None:
    assert liked in read_activities(text).likes
