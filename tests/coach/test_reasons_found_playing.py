"""Reasons found playing runners: someone else's illness is no reason of the athlete's own
("missed yday's easy run, cat was sick 🐈" got "Feeling unwell is a good reason to rest"
and rest as the first option), and a scored body part is pain."""

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


# A body part with a score is pain whatever word says how it feels (found playing a
# masters runner: "foot is grumpy this morning, like 4/10" got intervals options at zone 5
# with no word of the foot); legs alone with a score are tiredness.
@pytest.mark.parametrize(("text", "score", "part"), [
    ("foot is grumpy this morning, like 4/10", 4, "foot"),
    ("calf feels off today, 5/10", 5, "calf"),
    ("knee is being cranky, 3/10", 3, "knee"),
    ("hip feels weird, maybe a 3/10", 3, "hip"),
])
def test_a_scored_body_part_is_pain(text: str, score: int, part: str) -> None:
    reason = parse_reason(text)
    assert reason.pain and reason.pain_score == score, (text, reason)
    assert part in reason.pain_locations


@pytest.mark.parametrize("text", ["legs 3/10 tired", "slept like 4/10", "work was 8/10 mad"])
def test_a_score_with_no_part_that_hurts_is_no_pain(text: str) -> None:
    assert not parse_reason(text).pain, text


# A fault that names the bike without naming it puts the bike out of use (found playing a
# marathoner: "skipped yesterday too, flat tyre lol" got road cycling as the first option).
@pytest.mark.parametrize("text", ["skipped yesterday too, flat tyre lol",
                                  "got a puncture on the way, no ride",
                                  "chain snapped so no commute ride"])
def test_a_bike_fault_puts_the_bike_out_of_use(text: str) -> None:
    assert "bike" in parse_reason(text).lacking_equipment, text


def test_a_fault_denied_is_none() -> None:
    assert not parse_reason("no puncture, just lazy").lacking_equipment
