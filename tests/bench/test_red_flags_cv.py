"""The leave-one-set-out bench's parts: the logistic fit, the scoring, the calibration."""

from __future__ import annotations

import numpy as np

from bench.red_flags_cv import Message, Scorer, calibrate, evaluate, fit_logistic


def _message(red: bool, rules: bool = False) -> Message:
    return Message("text", red, rules, ["a unit"], "a unit")


def test_logistic_fit_separates_separable_points() -> None:
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(1.0, 0.3, (40, 3)), rng.normal(-1.0, 0.3, (10, 3))])
    y = np.concatenate([np.ones(40), np.zeros(10)])
    w, b = fit_logistic(x.astype(np.float32), y)
    predicted = (x @ w + b) > 0
    assert (predicted == (y > 0)).mean() >= 0.98


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
