"""The leave-one-set-out bench's parts: the logistic fit, the scoring, the calibration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.red_flags_cv import (
    DEV_SETS,
    EVALS,
    Message,
    Scorer,
    calibrate,
    classifier_threshold,
    either_trainer,
    evaluate,
    fit_logistic,
    fit_one_vs_benign,
)
from coach.red_flags import load_red_flags
from knowledge.red_flag_net import VALIDATION_SETS


def _message(red: bool, rules: bool = False) -> Message:
    return Message("text", red, rules, ["a unit"], "a unit")


def test_logistic_fit_separates_separable_points() -> None:
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(1.0, 0.3, (40, 3)), rng.normal(-1.0, 0.3, (10, 3))])
    y = np.concatenate([np.ones(40), np.zeros(10)])
    w, b = fit_logistic(x.astype(np.float32), y)
    predicted = (x @ w + b) > 0
    assert (predicted == (y > 0)).mean() >= 0.98


def test_one_vs_benign_fits_each_flag_against_the_benign_rows_only() -> None:
    rng = np.random.default_rng(1)
    centres = np.array([[2.0, 0.0], [0.0, 2.0], [-2.0, -2.0]])  # flag 0, flag 1, benign
    x = np.vstack([rng.normal(c, 0.3, (30, 2)) for c in centres]).astype(np.float32)
    labels = np.repeat(np.arange(3), 30)
    w, b = fit_one_vs_benign(x, labels, 2)
    assert w.shape == (2, 2) and b.shape == (2,)
    scores = x @ w + b
    # Each flag's model tells its own rows from the benign ones...
    assert (scores[labels == 0, 0] > 0).mean() >= 0.95
    assert (scores[labels == 1, 1] > 0).mean() >= 0.95
    assert (scores[labels == 2] < 0).mean() >= 0.95
    # ...and never saw the other flag's rows, so it is not trained to refuse them.
    assert scores[labels == 1, 0].mean() > scores[labels == 2, 0].mean()


def test_evaluate_counts_the_rules_or_the_net() -> None:
    messages = [_message(True, rules=True), _message(True), _message(False), _message(False)]
    scores = np.array([-1.0, 0.9, 0.95, 0.1])
    assert evaluate(messages, scores, 0.8) == (1.0, 0.5)
    assert evaluate(messages, scores, 0.99) == (0.5, 0.0)


def test_calibration_picks_the_lowest_threshold_within_the_target() -> None:
    # Benign messages score 0.1..0.5, red ones 0.6: any threshold above 0.5 is within 0%.
    sets = [[_message(False)] * 5 + [_message(True)], [_message(False)] * 5 + [_message(True)]]

    def trainer(_: list[Message]) -> Scorer:
        def score(targets: list[Message]) -> np.ndarray:
            benign = iter([0.1, 0.2, 0.3, 0.4, 0.5])
            return np.array([0.6 if m.red else next(benign) for m in targets])
        return score

    assert calibrate(trainer, sets, 0.0) == 0.6
    assert calibrate(trainer, sets, 0.2) == 0.5


def test_every_dev_set_is_rotated_and_never_the_held_out_one() -> None:
    # A fresh validation set may not be committed yet (the lead adds it later).
    present = {path.stem for path in EVALS.glob("dev*.jsonl")}
    assert set(DEV_SETS) <= present <= set(DEV_SETS) | set(VALIDATION_SETS)
    assert not set(DEV_SETS) & set(VALIDATION_SETS)
    assert "heldout" not in DEV_SETS


class _KeywordEmbeddings:
    """The bench's ``Embeddings`` with one axis per keyword (no model): callable on texts,
    and ``model`` for the nets built from it."""

    words = ("urine", "dark", "legs", "sore")

    def __init__(self) -> None:
        self.model = self

    def embed_array(self, texts: list[str]) -> np.ndarray:
        return self(texts)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        rows = [np.array([float(w in t) for w in self.words] + [0.2], dtype=np.float32)
                for t in texts]
        if not rows:
            return np.zeros((0, len(self.words) + 1), dtype=np.float32)
        matrix = np.vstack(rows)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_the_classifier_threshold_is_chosen_by_leave_one_set_out_within_the_target() -> None:
    red = ["my urine is dark", "dark urine today", "urine went dark"]
    benign = ["legs sore", "sore legs again", "my legs are sore"]
    messages = [Message(text, text in red, False, [text], text, "rhabdo" if text in red
                        else None, source)
                for source in ("a", "b", "c") for text in red + benign]
    embed: Any = _KeywordEmbeddings()
    threshold = classifier_threshold(embed, load_red_flags(), messages, 0.0)
    assert np.isfinite(threshold)
    scores = either_trainer(embed, load_red_flags(), target=0.0, alone=True)(messages)(
        messages)
    refer = scores > 0
    assert refer[[m.red for m in messages]].all()
    assert not refer[[not m.red for m in messages]].any()
