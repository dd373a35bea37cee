"""The rules bench: what each rule refers, alone, and how often its words meet look-alikes."""

from __future__ import annotations

import pytest

from bench.red_flags_patterns import RuleCount, count_rules, load_rows


def _row(counts: list[RuleCount], flag: str, words: str) -> RuleCount:
    return next(c for c in counts if c.flag == flag and words in c.text)


def test_counts_red_alone_and_benign_before_and_after_the_guards() -> None:
    rows = [
        {"text": "I fainted at the end of my tempo run", "flag": "syncope"},
        {"text": "I'd rather faint than run on a treadmill", "flag": "none"},
        {"text": "no fainting or anything, just tired legs", "flag": "none"},
    ]
    counts = count_rules(rows)
    faint = _row(counts, "syncope", "faint")
    assert faint.red == 1
    # Both look-alikes carry the word; the guards (a figure of speech, a negation) quiet
    # them: the words meet look-alikes even where the rule does not refer.
    assert faint.benign_raw == 2
    assert faint.benign_now == 0


def test_a_red_message_two_rules_refer_is_no_ones_alone() -> None:
    rows = [{"text": "crushing chest pain on the climb and I passed out", "flag": "chest_pain"}]
    counts = count_rules(rows)
    assert sum(c.red for c in counts) >= 2
    assert sum(c.alone for c in counts) == 0


@pytest.mark.parametrize("name", ["heldout", "dev7"])
def test_the_held_out_and_validation_sets_are_never_read(name: str) -> None:
    with pytest.raises(ValueError):
        load_rows([name])
