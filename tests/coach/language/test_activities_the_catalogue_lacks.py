"""An activity with no catalogue id whose name holds a word of one that has one ("nordic
walking" holds "walking", "rock climbing" "climber") is read as no activity, never as the
one whose word it holds; the rest of the answer is read as before."""

from __future__ import annotations

from coach.language import read_activities


def test_nordic_walking_is_no_hill_walk() -> None:
    assert read_activities("i love nordic walking").likes == ()
    assert read_activities("Nordic walks and the odd swim").likes == ("swimming",)
    assert read_activities("hiking, nordic walking with poles").likes == ("hiking",)


def test_other_uncatalogued_sports_name_nothing() -> None:
    assert read_activities("pole walking with my wife, hate the rower").dislikes == ("rowing",)
    assert read_activities("pole walking with my wife, hate the rower").likes == ()
    assert read_activities("rock climbing and cross-country skiing").likes == ()


def test_plain_walking_is_still_read() -> None:
    assert read_activities("i like walking").likes
