"""A hedge or filler at the likes step ("idk", "not sure", "whatever", "up to you") leaves
the choice open: it names no activity, while an activity said beside it is still read."""

from __future__ import annotations

import pytest

from coach.language import leaves_the_choice_open


@pytest.mark.parametrize("part", [
    "idk lol", "hmm not really sure", "no idea tbh", "whatever works", "whatevers easiest",
    "its up to you coach", "no strong preference", "not fussed", "i don't really mind",
    "open to anything", "either is fine", "no clue 🤷", "um dunno",
])
def test_a_hedge_alone_names_no_activity(part: str) -> None:
    assert leaves_the_choice_open(part)


@pytest.mark.parametrize("part", [
    "bouldering", "not sure about rowing", "i don't mind the bike", "pilates i guess",
    "whatever the pool has", "anything on the water",
])
def test_a_part_naming_something_is_not_a_hedge(part: str) -> None:
    assert not leaves_the_choice_open(part)
