"""General causes of misses and false referrals found on the third dev set, each fixed in
general form: lay vocabulary, negation scope, someone else's event, questions about a
condition, limbs gone to sleep, swelling on both sides, innocent phrases and the net."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from coach.red_flags import load_red_flags
from coach.triage import SemanticHit, Triage, deterministic_triage, semantic_units, triage

# Phrasings written for these tests (never taken from the evaluation sets).
LAY_WORDS_THAT_REFER = [
    "couldn't put any weight on my foot after the tackle",
    "my knee folds under me on the stairs since the trail run",
    "breathing feels like sucking air through a straw on easy jogs",
    "suddenly breathless on a flat bit and it didn't settle for ages",
    "coughed a little blood after my run and there's a stabbing pain when i breathe in",
    "sudden agony in my left testicle after the sprints",
    "no bleeds for five months now, training is going great",
    "ran in the sweltering sun, skin hot and dry and i threw up",
    "my words came out jumbled for a few minutes after the intervals",
    "took my inhaler but it only helped a bit, still wheezing in the car",
    "calves way beyond doms after the downhill race and i've hardly peed",
    "crashed my bike on sunday and since then i can't concentrate and screens hurt",
    "my watch said 215 on a recovery jog and my chest felt odd",
    "on a scale of 1 to 10 it's a nine and nothing helps",
]


@pytest.mark.parametrize("text", LAY_WORDS_THAT_REFER)
def test_lay_words_for_a_red_flag_refer_by_rule(text: str) -> None:
    assert deterministic_triage(text).refer, text


def test_a_negation_in_one_sentence_does_not_reach_into_the_next() -> None:
    # "don't remember" + heat in the next sentence: the "don't" must not negate "boiling".
    text = "a stranger found me sat on the kerb, i don't remember the last mile. it was boiling"
    assert deterministic_triage(text).refer


LOOK_ALIKES_THAT_DO_NOT_REFER = [
    # Questions about a condition.
    "how can i prevent a stress fracture when i add mileage?",
    "what is hyponatremia?",
    "is it true you can get heatstroke in spring?",
    "what should we do if someone faints on a club run?",
    # Someone else's event, said to be over.
    "watched a guy collapse at the finish, he's fine now",
    # A limb gone to sleep from sitting or gripping.
    "my foot went numb sitting cross-legged on the train, gone after a minute",
    "fingers tingle when i grip the handlebars too long",
    # Figures of speech, DOMS, the pump, a good ache, swelling on both sides.
    "nearly passed out from excitement when i saw my time",
    "walking funny down the stairs, proper doms",
    "arms swollen with the pump after the gym lol",
    "legs ache in a good way after the fell race",
    "feet puffy at the end of a long shift, both equally",
    "calf swelling? no, just sock marks",
    # A discourse marker is not a negation, and an ache from carrying is not a bone.
    "shoulder ache from carrying the shopping all week",
]


@pytest.mark.parametrize("text", LOOK_ALIKES_THAT_DO_NOT_REFER)
def test_look_alikes_do_not_refer(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)


def test_not_gonna_lie_is_not_a_negation() -> None:
    assert deterministic_triage("not gonna lie, no bleeds since christmas and big weeks").refer
    assert deterministic_triage("chest felt crushed on the hill").refer


def test_not_running_is_not_a_denied_symptom() -> None:
    assert semantic_units("got winded after not running for weeks") == [
        "got winded after not running for weeks"]
    assert semantic_units("no chest pain, just tired") == ["just tired"]


class _Recorder:
    """A semantic net that finds nothing and remembers what it was asked."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def match(self, sentences: Sequence[str], *, windows: bool = True) -> list[SemanticHit]:
        self.seen.extend(sentences)
        return []


def test_a_sentence_with_an_innocent_phrase_is_not_read_in_pieces_by_the_net() -> None:
    # Without the innocent phrase, "got my ... yesterday arm is sore" read like a heart
    # warning sign; the rules see it without the phrase, the net skips the sentence.
    recorder = _Recorder()
    Triage(load_red_flags(), semantic=recorder)(
        "got my flu jab yesterday, arm is sore. legs feel heavy today")
    assert recorder.seen == ["legs feel heavy today"]
