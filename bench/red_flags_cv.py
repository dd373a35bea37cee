"""Leave-one-set-out evaluation of the red-flag semantic net: ``python -m bench.red_flags_cv``.

The rules (knowledge/red_flags.yaml) and today's net were tuned on the dev sets
(evals/red_flags/dev.jsonl, dev2.jsonl, dev3.jsonl, dev4.jsonl), so their dev figures say
little about wordings never seen. Here, for each dev set in turn (``--sets``, default every
one present), a net is calibrated or trained only on the others (plus the catalogue's
example phrasings and benign anchors) and measured on the left-out one: recall (red-flag
messages referred) and benign referred, for the rules alone, and for the rules with each
net design:

- ``shipped net as configured (windows)``: knowledge/red_flag_net.RedFlagNet.match with
  every tier as the catalogue sets it (the windows included), learning from the training
  sets' labelled messages; nothing is recalibrated;
- ``triage, second opinion on the rules``: the whole of coach/triage.Triage with that
  net (the rules, the second opinion that may drop a rule hit, the net); ``triage, no
  second opinion``: the same with the second opinion off (the rules' hits all stand);
- ``as configured, no classifier``: the same without the classifier (the nearest-anchor
  net alone, as shipped until flags15);
- ``as configured + classifier <target>``: that net OR the classifier (knowledge/
  red_flag_net.RedFlagClassifier, a logistic regression over the sentence vectors) learnt
  from the training sets, its threshold chosen by inner leave-one-set-out over them: the
  lowest logit whose benign referred beyond the nearest-anchor net's own is at most the
  target (0.25% is what the catalogue ships; ``classifier alone``: without the net). The
  shipped design above uses the catalogue's threshold instead, chosen over every set;
- ``as configured + gated classifier <target>``: the same, the classifier reading only
  the sentences whose closest example is at most the catalogue's ``classifier_gate``
  below their closest anchor (where the nearest phrasings hesitate);
- ``shipped net + training phrasings``: the shipped design's single-sentence tiers
  (knowledge/red_flag_net.py):
  nearest example vs nearest anchor, the catalogue's examples and anchors plus the
  training sets' labelled messages (as it learns from knowledge/red_flag_phrasings.yaml),
  the anchor margin and the strong tier as in the catalogue (and margins 0.04 and 0.08),
  the threshold re-calibrated on the training sets;
- ``nearest + strong tier (catalogue only)``: the same net with the catalogue's phrasings
  alone (the design before the phrasings); variants without the strong tier, with no
  anchor margin, and with the training sets' sentences folded in;
- ``margin as score``: kNN with margin, the threshold on (best example - best anchor);
- ``logistic``: a class-balanced logistic regression (flag vs none) on the sentence
  embeddings, trained on the catalogue's examples (flag) and anchors (none), the benign
  training messages' sentences (none) and each red training message's sentence that
  scores highest under a first fit (flag); a message refers when its best sentence scores
  at least the threshold;
- ``logistic-message``: the same on whole-message embeddings;
- ``logistic per flag``: one class-balanced logistic regression per flag against the
  benign sentences alone (one vs benign), on the same data with the same
  multiple-instance step (each red training message's sentence its own flag's model
  scores highest); a message scores its best sentence's best flag probability.

Thresholds are chosen without the left-out set: by inner cross-validation over the
training sets (train on all but one, score that one), the lowest threshold (recall first)
whose benign referred by the net beyond the rules' own stays at most ``--target`` there.
The held-out set is never read.

The rules, the catalogue's examples and anchors, the anchor margin and the strong tier
were all tuned with the dev sets in view, so the left-out figures of the rules and of
every net here are optimistic; "the same net alone" (the rules switched off) is the
fairer comparison between nets.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

EVALS = Path(__file__).resolve().parent.parent / "evals" / "red_flags"
# Every development set; the held-out set is never read here (nor a validation set, see
# VALIDATION_SETS in knowledge/red_flag_net.py).
DEV_SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10",
            "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17")


@dataclass(slots=True)
class Message:
    text: str
    red: bool
    rules_refer: bool
    units: list[str]
    whole: str
    flag: str | None = None
    source: str = ""  # the set it comes from (the classifier's inner cross-validation)


# Designs that decide a message themselves (a score of 2 refers, -1 does not).
# The classifier's veto values compared (flags24; knowledge/red_flags.yaml classifier_veto).
VETOES = (-0.5, -1.0, -1.5, -2.0)
VETO_DESIGNS = frozenset({"triage, no classifier veto"} | {
    f"triage, classifier veto {v}" for v in VETOES})
DECIDED = frozenset({"shipped net as configured (windows)", "as configured, no classifier",
                     "as configured + classifier 0.25%", "as configured + classifier 0.5%",
                     "classifier alone 0.25%", "as configured + gated classifier 0.25%",
                     "as configured + gated classifier 0.5%"}) | {
                         "triage, second opinion on the rules", "triage, no second opinion",
                         "triage, learnt examples checked against catalogue anchors"} | VETO_DESIGNS
# The flags25 gates on the semantic net's hits (knowledge/red_flags.yaml clause_split,
# cue_gate, severe_pain's severity gate), each alone and all as configured.
GATE_DESIGNS = ("triage f25: no gates", "triage f25: severity gate",
                "triage f25: clause check", "triage f25: clause check with 'and'",
                "triage f25: cue gate", "triage f25: all gates (as configured)",
                "triage f25: clause check for severe_pain only")
DECIDED = DECIDED | frozenset(GATE_DESIGNS)
# Designs that are the whole of triage, the rules included (evaluated without the rules'
# stored verdict, which the second opinion may overrule).
TRIAGE = frozenset({"triage, second opinion on the rules", "triage, no second opinion",
                    "triage, learnt examples checked against catalogue anchors"}) | VETO_DESIGNS \
    | frozenset(GATE_DESIGNS)


def gated(catalogue: Any, *, severity: bool, clauses: str | None, cues: bool) -> Any:
    """``catalogue`` with the flags25 gates chosen: the severity gate (severe_pain's
    net_overruled_by after its first pattern), the clause check (``clauses``: "as
    configured", "and" to split at a bare "and" too, None: off), the cue gate."""
    import re

    flags = tuple(dataclasses.replace(flag, net_overruled_by=flag.net_overruled_by[:1])
                  if flag.id == "severe_pain" and not severity else flag
                  for flag in catalogue.flags)
    split = catalogue.clause_split
    if clauses is None:
        split = None
    elif clauses == "and" and split is not None:
        split = re.compile(split.pattern + r"|\sand\s")
    return dataclasses.replace(catalogue, flags=flags, clause_split=split, cue_gate=cues)


class _Recorder:
    """A semantic net that matches nothing and remembers the sentences it was given."""

    def __init__(self) -> None:
        self.units: list[str] = []

    def match(self, sentences: Sequence[str], *, windows: bool = True) -> list[Any]:
        self.units = list(sentences)
        return []


def load_messages(name: str, evals: Path = EVALS) -> list[Message]:
    """The set's messages with the rules' verdict and the sentences the net would read."""
    from coach.red_flags import load_red_flags
    from coach.triage import Triage

    catalogue = load_red_flags()
    rules = Triage(catalogue)
    # The net reads the same sentences whatever the rules found; without patterns the
    # rules never skip the net (they do when they already found something urgent).
    bare = dataclasses.replace(catalogue, flags=tuple(
        dataclasses.replace(flag, patterns=(), together=()) for flag in catalogue.flags))
    recorder = _Recorder()
    reader = Triage(bare, semantic=recorder)
    messages = []
    for line in (evals / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        recorder.units = []
        reader(row["text"])
        units = recorder.units
        messages.append(Message(row["text"], row["flag"] != "none",
                                rules(row["text"]).referral is not None, units,
                                " ".join(units) if units else "",
                                None if row["flag"] == "none" else row["flag"], name))
    return messages


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1e-3,
                 steps: int = 400) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression by full-batch gradient descent (Adam)."""
    n, d = x.shape
    positive = max(1, int(y.sum()))
    negative = max(1, n - positive)
    weight = np.where(y > 0, n / (2 * positive), n / (2 * negative)).astype(np.float64)
    w, b = _adam_logistic(x.astype(np.float64), y, weight, np.zeros(d), np.zeros(()),
                          scale=n, l2=l2, steps=steps)
    return w.astype(np.float32), float(b)


def _adam_logistic(xd: np.ndarray, target: np.ndarray, weight: np.ndarray, w: np.ndarray,
                   b: np.ndarray, *, scale: float, l2: float, steps: int
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Weighted L2 logistic regression from ``w``, ``b`` by full-batch Adam: one model
    (``target`` of shape (n,)) or several side by side (shape (n, k))."""
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(xd @ w + b)))
        g = weight * (p - target) / scale
        grad_w = xd.T @ g + l2 * w
        grad_b = g.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w ** 2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b ** 2
        w = w - rate * (m_w / (1 - beta1 ** step)) / (np.sqrt(v_w / (1 - beta2 ** step)) + 1e-8)
        b = b - rate * (m_b / (1 - beta1 ** step)) / (np.sqrt(v_b / (1 - beta2 ** step)) + 1e-8)
    return w, b


def fit_one_vs_benign(x: np.ndarray, labels: np.ndarray, flags: int, *, l2: float = 1e-3,
                      steps: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """``flags`` logistic regressions at once, by full-batch gradient descent (Adam).

    ``labels`` holds a flag's index (0..flags-1) or ``flags`` for benign; column f of the
    weights is trained on the rows of flag f (1) and the benign rows (0) only, the two
    classes weighted equally. Returns the weights (d, flags) and biases (flags,).
    """
    d = x.shape[1]
    seen = (labels[:, None] == np.arange(flags)[None, :]) | (labels[:, None] == flags)
    target = (labels[:, None] == np.arange(flags)[None, :]).astype(np.float64)
    positive = (seen * target).sum(axis=0)
    negative = (seen * (1 - target)).sum(axis=0)
    weight = seen * np.where(target > 0, 1 / (2 * np.maximum(positive, 1)),
                             1 / (2 * np.maximum(negative, 1)))
    w, b = _adam_logistic(x.astype(np.float64), target, weight, np.zeros((d, flags)),
                          np.zeros(flags), scale=1.0, l2=l2, steps=steps)
    return w.astype(np.float32), b.astype(np.float32)


class Embeddings:
    """Unit vectors for texts, computed once per text with the int8 model."""

    def __init__(self) -> None:
        from knowledge.embeddings import LocalMiniLMEmbeddings

        self.model = LocalMiniLMEmbeddings(integer_matmul=True)
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        for start in range(0, len(missing), 64):
            chunk = missing[start:start + 64]
            vectors = np.asarray(self.model.embed_array(chunk), dtype=np.float32)
            vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
            for text, vector in zip(chunk, vectors, strict=True):
                self.cache[text] = vector
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([self.cache[t] for t in texts])


# A scorer: trained on (catalogue, training messages), gives each message a score; the
# message refers (with the rules) when its score is at least the threshold.
Scorer = Callable[[list[Message]], np.ndarray]
Trainer = Callable[[list[Message]], Scorer]


def _catalogue_texts() -> tuple[list[str], list[str], list[int]]:
    from coach.red_flags import load_red_flags

    catalogue = load_red_flags()
    examples: list[str] = []
    owners: list[int] = []
    for index, flag in enumerate(catalogue.flags):
        examples.extend(example.lower() for example in flag.examples)
        owners.extend([index] * len(flag.examples))
    return examples, [a.lower() for a in catalogue.anchors], owners


def _nearest_scorer(embed: Embeddings, ex: np.ndarray, an: np.ndarray, margin: float,
                    strong: tuple[float, float] | None = None) -> Scorer:
    """Score = a message's best example cosine among sentences that beat their best anchor
    by ``margin`` (else -1); a sentence in the strong tier scores 2 (refers whatever the
    threshold)."""
    def score(messages: list[Message]) -> np.ndarray:
        out = np.full(len(messages), -1.0)
        for i, m in enumerate(messages):
            if not m.units:
                continue
            v = embed(m.units)
            best = (v @ ex.T).max(axis=1)
            anchor = (v @ an.T).max(axis=1)
            ok = best >= anchor + margin
            if ok.any():
                out[i] = float(best[ok].max())
            if strong is not None and np.any(
                    (best >= strong[0]) & (best >= anchor + strong[1])):
                out[i] = 2.0
        return out
    return score


def _grown(embed: Embeddings, messages: list[Message], ex0: np.ndarray,
           an0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Examples and anchors with the training messages folded in: benign sentences join
    the anchors, and each red message's sentence closest to an example joins the examples."""
    benign = [t for m in messages if not m.red for t in m.units]
    red = []
    for m in messages:
        if m.red and m.units:
            v = embed(m.units)
            red.append(v[int((v @ ex0.T).max(axis=1).argmax())])
    ex = np.vstack([ex0, *red]) if red else ex0
    an = np.vstack([an0, embed(benign)]) if benign else an0
    return ex, an


def nearest_trainer(embed: Embeddings, margin: float,
                    strong: tuple[float, float] | None = None, *,
                    grown: bool = False) -> Trainer:
    """Today's design with a given anchor margin (``_nearest_scorer``); the threshold is
    what gets calibrated. ``grown`` folds the training sets in (``_grown``)."""
    examples, anchors, _ = _catalogue_texts()
    ex0 = embed(examples)
    an0 = embed(anchors)

    def train(messages: list[Message]) -> Scorer:
        ex, an = _grown(embed, messages, ex0, an0) if grown else (ex0, an0)
        return _nearest_scorer(embed, ex, an, margin, strong)
    return train


def margin_trainer(embed: Embeddings, *, grown: bool, k: int = 1) -> Trainer:
    """kNN with margin: score = mean of the k best example cosines minus the best anchor
    cosine (the threshold is on that difference); ``grown`` folds the training sets in
    (``_grown``)."""
    examples, anchors, _ = _catalogue_texts()
    ex0 = embed(examples)
    an0 = embed(anchors)

    def train(messages: list[Message]) -> Scorer:
        ex, an = _grown(embed, messages, ex0, an0) if grown else (ex0, an0)

        def score(targets: list[Message]) -> np.ndarray:
            out = np.full(len(targets), -np.inf)
            for i, m in enumerate(targets):
                if m.units:
                    v = embed(m.units)
                    best = np.sort(v @ ex.T, axis=1)[:, -k:].mean(axis=1)
                    out[i] = float((best - (v @ an.T).max(axis=1)).max())
            return out
        return score
    return train


def shipped_trainer(embed: Embeddings, catalogue: Any,
                    anchor_margin: float | None = None) -> Trainer:
    """The shipped net (knowledge/red_flag_net.RedFlagNet) learning from the training sets'
    labelled messages as it learns from knowledge/red_flag_phrasings.yaml; score = the best
    flag cosine among sentences that beat their best anchor by the anchor margin (2 in the
    strong tier, which refers whatever the threshold)."""
    from knowledge.red_flag_net import Phrasing, RedFlagNet

    def train(messages: list[Message]) -> Scorer:
        net = RedFlagNet(catalogue, embed.model, anchor_margin=anchor_margin,
                         phrasings=[Phrasing(m.text, m.flag) for m in messages])

        def score(targets: list[Message]) -> np.ndarray:
            out = np.full(len(targets), -1.0)
            for i, m in enumerate(targets):
                if not m.units:
                    continue
                per_flag, anchor = net.scores(m.units)
                best = per_flag.max(axis=1)
                ok = best >= anchor + net.anchor_margin
                if ok.any():
                    out[i] = float(best[ok].max())
                if net.strong_threshold is not None and np.any(
                        (best >= net.strong_threshold) & (best >= anchor + net.strong_margin)):
                    out[i] = 2.0
            return out
        return score
    return train


def configured_trainer(embed: Embeddings, catalogue: Any, *,
                       classifier: bool = True) -> Trainer:
    """The shipped net exactly as configured (every tier of knowledge/red_flags.yaml,
    windows included, and the classifier at the catalogue's threshold when it sets one),
    learning from the training sets' labelled messages: a message scores 2 when
    ``RedFlagNet.match`` refers any of its sentences, else -1, so the calibration can only
    keep the catalogue's own decision. ``classifier=False``: the nearest-anchor net alone."""
    from knowledge.red_flag_net import Phrasing, RedFlagNet

    use = classifier and catalogue.classifier_threshold is not None

    def train(messages: list[Message]) -> Scorer:
        net = RedFlagNet(catalogue, _CachedModel(embed),
                         phrasings=[Phrasing(m.text, m.flag) for m in messages],
                         classifier=_train_classifier(embed, messages) if use else None)

        def score(targets: list[Message]) -> np.ndarray:
            return np.array([2.0 if m.units and net.match(m.units) else -1.0
                             for m in targets])
        return score
    return train


def triage_trainer(embed: Embeddings, catalogue: Any, *, second_opinion: bool = True,
                   learnt_check: Literal["benign", "catalogue"] = "benign",
                   veto: float | Literal["as configured"] | None = "as configured"
                   ) -> Trainer:
    """Whole triage (coach/triage.Triage: the rules, their second opinion, the shipped net
    as configured) with the net and the classifier learnt from the training sets: a
    message scores 2 when triage refers it, else -1. The rules' verdict is in the score
    (the second opinion may drop a rule hit), so it is evaluated without ``rules_refer``
    (``TRIAGE``). ``second_opinion=False``: the same with the second opinion off;
    ``learnt_check="catalogue"``: a learnt example need only be closer to its flag than to
    the catalogue's anchors (before flags21), not to every benign sentence; ``veto``: the
    classifier's veto on the nearest-example tiers (None: off) instead of the catalogue's
    ``classifier_veto``."""
    from coach.triage import Triage
    from knowledge.red_flag_net import Phrasing, RedFlagNet

    rules_catalogue = (catalogue if second_opinion else
                       dataclasses.replace(catalogue, second_opinion_margin=None))
    if veto != "as configured":
        rules_catalogue = dataclasses.replace(rules_catalogue, classifier_veto=veto)
    use = catalogue.classifier_threshold is not None

    def train(messages: list[Message]) -> Scorer:
        net = RedFlagNet(rules_catalogue, _CachedModel(embed),
                         phrasings=[Phrasing(m.text, m.flag) for m in messages],
                         classifier=_train_classifier(embed, messages) if use else None,
                         learnt_check=learnt_check)
        triage = Triage(rules_catalogue, semantic=net)

        def score(targets: list[Message]) -> np.ndarray:
            return np.array([2.0 if triage(m.text).refer else -1.0 for m in targets])
        return score
    return train


def _train_classifier(embed: Embeddings, messages: list[Message]) -> Any:
    """knowledge/red_flag_net's classifier, learnt from the catalogue and ``messages``
    exactly as ``python -m knowledge.red_flag_net`` learns it from every training set."""
    from knowledge.red_flag_net import classifier_rows, fit_classifier

    examples, anchors, _ = _catalogue_texts()
    x, y = classifier_rows(embed(examples), embed(anchors),
                           [embed(m.units) for m in messages if m.red and m.units],
                           embed([u for m in messages if not m.red for u in m.units]))
    return fit_classifier(x, y)


def _net(embed: Embeddings, catalogue: Any, messages: list[Message]) -> Any:
    """The nearest-anchor net (no classifier) learning from ``messages``' phrasings."""
    from knowledge.red_flag_net import Phrasing, RedFlagNet

    return RedFlagNet(catalogue, _CachedModel(embed),
                      phrasings=[Phrasing(m.text, m.flag) for m in messages])


def _logits(embed: Embeddings, classifier: Any, messages: list[Message], *,
            net: Any = None, gate: float | None = None) -> np.ndarray:
    """Each message's best sentence logit under ``classifier`` (-inf with no sentence);
    with ``gate``, only over sentences whose closest example under ``net`` is at most
    ``-gate`` below their closest anchor (knowledge/red_flag_net's classifier_gate)."""
    out = np.full(len(messages), -np.inf)
    for i, m in enumerate(messages):
        if not m.units:
            continue
        logit = classifier.decision(embed(m.units))
        if gate is not None and net is not None:
            per_flag, anchor = net.scores(m.units)
            logit = np.where(per_flag.max(axis=1) >= anchor + gate, logit, -np.inf)
        out[i] = float(logit.max())
    return out


def classifier_threshold(embed: Embeddings, catalogue: Any, messages: list[Message],
                         target: float, gate: float | None = None) -> float:
    """The classifier's threshold by inner leave-one-set-out over ``messages``' sets: the
    lowest logit (recall first) at which the benign messages it refers beyond the nearest-
    anchor net's own are at most ``target`` (the rules are not counted: they are fitted);
    ``gate``: the classifier reads only the sentences it lets through (``_logits``)."""
    sources = sorted({m.source for m in messages})
    logits, net, red = [], [], []
    for held_name in sources:
        others = [m for m in messages if m.source != held_name]
        held = [m for m in messages if m.source == held_name]
        nearest = _net(embed, catalogue, others)
        logits.append(_logits(embed, _train_classifier(embed, others), held, net=nearest,
                              gate=gate))
        net.append(np.array([bool(m.units and nearest.match(m.units)) for m in held]))
        red.append(np.array([m.red for m in held]))
    score, by_net, is_red = (np.concatenate(a) for a in (logits, net, red))
    benign = max(1, int((~is_red).sum()))
    for threshold in np.unique(score[np.isfinite(score)]):
        if ((score >= threshold) & ~by_net & ~is_red).sum() / benign <= target:
            return float(threshold)
    return float("inf")


def either_trainer(embed: Embeddings, catalogue: Any, *, target: float,
                   alone: bool = False, gate: float | None = None) -> Trainer:
    """The nearest-anchor net as configured OR the classifier (knowledge/red_flag_net.
    RedFlagClassifier) learnt from the training sets, its threshold by inner leave-one-set-
    out over them (``classifier_threshold``); ``alone``: the classifier without the net;
    ``gate``: the classifier only reads sentences within it of the anchors (``_logits``).
    A message scores 2 when either refers, else -1 (decided here, not recalibrated)."""
    def train(messages: list[Message]) -> Scorer:
        threshold = classifier_threshold(embed, catalogue, messages, target, gate)
        classifier = _train_classifier(embed, messages)
        net = _net(embed, catalogue, messages)

        def score(targets: list[Message]) -> np.ndarray:
            refer = _logits(embed, classifier, targets, net=net, gate=gate) >= threshold
            if not alone:
                refer |= np.array([bool(m.units and net.match(m.units)) for m in targets])
            return np.where(refer, 2.0, -1.0)
        return score
    return train


class _CachedModel:
    """The int8 model behind ``Embeddings``' cache: each text is embedded once per run."""

    def __init__(self, embed: Embeddings) -> None:
        self.embed = embed

    def embed_array(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)


def logistic_trainer(embed: Embeddings, *, whole: bool, l2: float = 1e-3) -> Trainer:
    examples, anchors, _ = _catalogue_texts()
    base_x = np.vstack([embed(examples), embed(anchors)])
    base_y = np.concatenate([np.ones(len(examples)), np.zeros(len(anchors))])

    def texts_of(m: Message) -> list[str]:
        if whole:
            return [m.whole] if m.whole else []
        return m.units

    def train(messages: list[Message]) -> Scorer:
        neg = [t for m in messages if not m.red for t in texts_of(m)]
        xs = [base_x, embed(neg)] if neg else [base_x]
        ys = [base_y, np.zeros(len(neg))]
        w, b = fit_logistic(np.vstack(xs), np.concatenate(ys), l2=l2)
        # The red messages' best sentence under the first fit (multiple-instance step).
        pos = []
        for m in messages:
            if m.red and texts_of(m):
                v = embed(texts_of(m))
                pos.append(v[int((v @ w).argmax())])
        if pos:
            xs.append(np.vstack(pos))
            ys.append(np.ones(len(pos)))
            w, b = fit_logistic(np.vstack(xs), np.concatenate(ys), l2=l2)

        def score(targets: list[Message]) -> np.ndarray:
            out = np.full(len(targets), -np.inf)
            for i, m in enumerate(targets):
                if texts_of(m):
                    out[i] = float((embed(texts_of(m)) @ w + b).max())
            return out
        return score
    return train


def per_flag_trainer(embed: Embeddings, *, l2: float = 1e-3) -> Trainer:
    """One logistic regression per flag against the benign sentences (``fit_one_vs_benign``)
    on the catalogue's examples and anchors and the training messages, with the
    multiple-instance step; a message scores its best sentence's best flag probability."""
    from coach.red_flags import load_red_flags

    ids = list(load_red_flags().ids)
    benign = len(ids)
    examples, anchors, owners = _catalogue_texts()
    base_x = np.vstack([embed(examples), embed(anchors)])
    base_y = np.concatenate([np.asarray(owners), np.full(len(anchors), benign)])

    def train(messages: list[Message]) -> Scorer:
        neg = [t for m in messages if not m.red for t in m.units]
        xs = [base_x, embed(neg)] if neg else [base_x]
        ys = [base_y, np.full(len(neg), benign)]
        w, b = fit_one_vs_benign(np.vstack(xs), np.concatenate(ys), benign, l2=l2)
        pos, labels = [], []
        for m in messages:
            if m.red and m.units and m.flag in ids:
                v = embed(m.units)
                flag = ids.index(m.flag)
                pos.append(v[int((v @ w[:, flag]).argmax())])
                labels.append(flag)
        if pos:
            xs.append(np.vstack(pos))
            ys.append(np.asarray(labels))
            w, b = fit_one_vs_benign(np.vstack(xs), np.concatenate(ys), benign, l2=l2)

        def score(targets: list[Message]) -> np.ndarray:
            out = np.full(len(targets), -np.inf)
            for i, m in enumerate(targets):
                if m.units:
                    out[i] = float((1 / (1 + np.exp(-(embed(m.units) @ w + b)))).max())
            return out
        return score
    return train


def evaluate(messages: list[Message], scores: np.ndarray, threshold: float) -> tuple[float, float]:
    """(recall, benign referred) of the rules with the net at ``threshold``."""
    refer = np.array([m.rules_refer for m in messages]) | (scores >= threshold)
    red = np.array([m.red for m in messages])
    return float(refer[red].mean()), float(refer[~red].mean())


def added_benign(messages: list[Message], scores: np.ndarray, threshold: float) -> float:
    """Benign messages the net refers and the rules do not: what the threshold controls."""
    added = (scores >= threshold) & ~np.array([m.rules_refer for m in messages])
    benign = ~np.array([m.red for m in messages])
    return float(added[benign].mean())


def _without_rules(messages: list[Message]) -> list[Message]:
    return [Message(m.text, m.red, False, m.units, m.whole, m.flag, m.source)
            for m in messages]


def folds(sets: Sequence[list[Message]]) -> list[tuple[list[Message], list[Message]]]:
    """Leave one set out: (the other sets' messages, the left-out set's), one per set."""
    return [([m for j, s in enumerate(sets) if j != i for m in s], held)
            for i, held in enumerate(sets)]


def calibrate(train: Trainer, sets: list[list[Message]], target: float) -> float:
    """The lowest threshold (recall first) keeping the benign messages the net adds to the
    rules' referrals at most ``target``, by inner cross-validation: the rules' own false
    referrals are not the net's to make up for."""
    pooled_msgs: list[Message] = []
    pooled_scores: list[np.ndarray] = []
    for others, held in folds(sets):
        pooled_scores.append(train(others)(held))
        pooled_msgs.extend(held)
    scores = np.concatenate(pooled_scores)
    finite = np.unique(scores[np.isfinite(scores)])
    for threshold in finite:  # ascending: the first that meets the target
        if added_benign(pooled_msgs, scores, float(threshold)) <= target:
            return float(threshold)
    return float("inf")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=0.02,
                        help="benign referred the net may add to the rules' when "
                             "calibrating (default 0.02)")
    parser.add_argument("--classifier-target", type=float, default=0.0025,
                        help="benign referred the classifier may add to the nearest-anchor "
                             "net's, for the threshold printed for the catalogue")
    parser.add_argument("--evals", type=Path, default=EVALS)
    parser.add_argument("--sets", nargs="+", choices=DEV_SETS, default=None,
                        help="the dev sets to rotate (default: every one present)")
    parser.add_argument("--designs", default="",
                        help="only the designs whose name contains this text")
    args = parser.parse_args(argv)
    names = tuple(args.sets or [n for n in DEV_SETS if (args.evals / f"{n}.jsonl").exists()])
    sets = {name: load_messages(name, args.evals) for name in names}
    embed = Embeddings()
    from coach.red_flags import load_red_flags
    catalogue = load_red_flags()
    designs: dict[str, Trainer] = {
        "shipped net as configured (windows)": configured_trainer(embed, catalogue),
        "triage, second opinion on the rules": triage_trainer(embed, catalogue),
        "triage, no second opinion": triage_trainer(embed, catalogue, second_opinion=False),
        "triage, learnt examples checked against catalogue anchors": triage_trainer(
            embed, catalogue, learnt_check="catalogue"),
        "triage, no classifier veto": triage_trainer(embed, catalogue, veto=None),
        **{f"triage, classifier veto {v}": triage_trainer(embed, catalogue, veto=v)
           for v in VETOES},
        "triage f25: no gates": triage_trainer(
            embed, gated(catalogue, severity=False, clauses=None, cues=False)),
        "triage f25: severity gate": triage_trainer(
            embed, gated(catalogue, severity=True, clauses=None, cues=False)),
        "triage f25: clause check": triage_trainer(
            embed, gated(catalogue, severity=False, clauses="as configured", cues=False)),
        "triage f25: clause check with 'and'": triage_trainer(
            embed, gated(catalogue, severity=False, clauses="and", cues=False)),
        "triage f25: cue gate": triage_trainer(
            embed, gated(catalogue, severity=False, clauses=None, cues=True)),
        "triage f25: all gates (as configured)": triage_trainer(embed, catalogue),
        "triage f25: clause check for severe_pain only": triage_trainer(
            embed, dataclasses.replace(
                gated(catalogue, severity=False, clauses="as configured", cues=False),
                clause_flags=("severe_pain",))),
        "as configured, no classifier": configured_trainer(embed, catalogue,
                                                           classifier=False),
        "as configured + classifier 0.25%": either_trainer(embed, catalogue, target=0.0025),
        "as configured + classifier 0.5%": either_trainer(embed, catalogue, target=0.005),
        "classifier alone 0.25%": either_trainer(embed, catalogue, target=0.0025,
                                                 alone=True),
        # The classifier only where the nearest phrasings hesitate (the catalogue's gate).
        "as configured + gated classifier 0.25%": either_trainer(
            embed, catalogue, target=0.0025, gate=catalogue.classifier_gate),
        "as configured + gated classifier 0.5%": either_trainer(
            embed, catalogue, target=0.005, gate=catalogue.classifier_gate),
        "shipped net + training phrasings": shipped_trainer(embed, catalogue),
        "shipped net, anchor margin 0.04": shipped_trainer(embed, catalogue, 0.04),
        "shipped net, anchor margin 0.08": shipped_trainer(embed, catalogue, 0.08),
        "nearest, no strong tier": nearest_trainer(embed, catalogue.anchor_margin),
        "nearest + strong tier (catalogue only)": nearest_trainer(
            embed, catalogue.anchor_margin,
            None if catalogue.strong_threshold is None
            else (catalogue.strong_threshold, catalogue.strong_margin)),
        "nearest, margin 0": nearest_trainer(embed, 0.0),
        "nearest + training sentences": nearest_trainer(embed, catalogue.anchor_margin,
                                                        grown=True),
        "nearest + training, margin 0": nearest_trainer(embed, 0.0, grown=True),
        "margin as score": margin_trainer(embed, grown=False),
        "margin as score, k=3": margin_trainer(embed, grown=False, k=3),
        "margin as score + training": margin_trainer(embed, grown=True),
        "logistic (sentences)": logistic_trainer(embed, whole=False),
        "logistic (sentences, l2 1e-2)": logistic_trainer(embed, whole=False, l2=1e-2),
        "logistic (whole message)": logistic_trainer(embed, whole=True),
        "logistic per flag (one vs benign)": per_flag_trainer(embed),
    }
    designs = {label: t for label, t in designs.items() if args.designs in label}
    print("leave-one-set-out; thresholds by inner CV at benign referred by the net beyond "
          f"the rules <= {args.target:.0%}")
    print(f"{'design':32} " + " ".join(f"{n + ' rec/ben':>18}" for n in names)
          + f" {'mean rec/ben':>18}")

    def row(label: str, figures: list[tuple[float, float]]) -> None:
        cells = " ".join(f"{r:8.1%} /{b:6.1%}  " for r, b in figures)
        mr = sum(r for r, _ in figures) / len(figures)
        mb = sum(b for _, b in figures) / len(figures)
        print(f"{label:32} {cells} {mr:8.1%} /{mb:6.1%}", flush=True)

    row("rules alone", [evaluate(sets[n], np.full(len(sets[n]), -np.inf), 0.0)
                        for n in names])
    from knowledge.red_flag_net import RedFlagNet
    shipped = RedFlagNet(catalogue, embed.model)
    figures = []
    for n in names:
        hits = np.array([bool(m.units and shipped.match(m.units)) for m in sets[n]])
        figures.append(evaluate(sets[n], np.where(hits, 1.0, -1.0), 0.0))
    row("catalogue-only net as tuned", figures)
    for label, trainer in designs.items():
        figures, alone, thresholds = [], [], []
        ordered = [sets[n] for n in names]
        for index, (pooled, left_out) in enumerate(folds(ordered)):
            training = [s for j, s in enumerate(ordered) if j != index]
            # These designs decide for themselves (2 refers, -1 not): nothing to calibrate.
            threshold = (1.0 if label in DECIDED else
                         calibrate(trainer, training, args.target))
            thresholds.append(f"{threshold:.3f}")
            scores = trainer(pooled)(left_out)
            if label in TRIAGE:  # the rules are in the score: their verdict may change
                left_out = _without_rules(left_out)
            figures.append(evaluate(left_out, scores, threshold))
            alone.append(evaluate(_without_rules(left_out), scores, threshold))
        row(label, figures)
        row("  the same net alone", alone)
        print(f"{'  thresholds':32} " + " ".join(f"{t:>18}" for t in thresholds))
    if any("classifier" in label for label in designs):
        threshold = classifier_threshold(embed, catalogue,
                                         [m for n in names for m in sets[n]],
                                         args.classifier_target, catalogue.classifier_gate)
        print(f"classifier threshold by leave-one-set-out over all the sets at "
              f"{args.classifier_target:.2%}, gate {catalogue.classifier_gate}: "
              f"{threshold:.3f} (knowledge/red_flags.yaml has "
              f"{catalogue.classifier_threshold})")
    if "shipped net + training phrasings" in designs:
        # What the catalogue's threshold should be: the same calibration over every set.
        threshold = calibrate(designs["shipped net + training phrasings"],
                              [sets[n] for n in names], args.target)
        print(f"shipped design, threshold by cross-validation over all the sets: {threshold:.3f}"
              f" (knowledge/red_flags.yaml has {catalogue.threshold:.3f})")


if __name__ == "__main__":
    main()
