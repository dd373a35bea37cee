"""Someone else's illness is no reason of the athlete's own (found playing a runner:
"missed yday's easy run, cat was sick 🐈" got "Feeling unwell is a good reason to rest"
and rest as the first option). Their own illness, told beside another's, still counts."""

from __future__ import annotations

import pytest

from coach.reasons import parse_reason


@pytest.mark.parametrize("text", [
    "missed my run, the dog was sick all night",
    "sick kid so no run today",
    "hubby is ill and i'm on school runs",
    "my little one threw up at nursery, had to collect her",
    "mum's poorly, spent the day at the hospital with her",
])
def test_someone_elses_illness_is_not_the_athletes(text: str) -> None:
    assert parse_reason(text).illness is None, text


@pytest.mark.parametrize("text", [
    "i was sick all night",
    "kids were ill and now i've got it too",
    "sick kid and i think i caught it as well",
    "im poorly, the whole family is",
    "flu-ish, no fever tho",
])
def test_the_athletes_own_illness_still_counts(text: str) -> None:
    assert parse_reason(text).illness is not None, text
