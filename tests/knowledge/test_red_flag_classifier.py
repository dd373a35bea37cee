"""The red-flag classifier: a logistic regression over sentence vectors beside the nearest-
anchor net, its stored weights checked by sha256, and the shipped file kept current."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from coach.red_flags import DEFAULT_RED_FLAGS_PATH, RedFlagCatalogue, parse_red_flags
from knowledge.embeddings import LocalMiniLMEmbeddings
from knowledge.red_flag_net import (
    CLASSIFIER_PATH,
    RedFlagClassifier,
    RedFlagNet,
    classifier_rows,
    fit_classifier,
    load_classifier,
    load_vectors,
    make_red_flag_net,
    save_classifier,
    train_classifier,
)

WORDS = ("urine", "calf", "legs", "dark", "zzz")


class KeywordEmbedder:
    """One axis per keyword (plus one for anything else), unit length."""

    def embed_array(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            row = np.array([float(word in text) for word in WORDS] + [0.3], dtype=np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.vstack(rows)


def _catalogue(**semantic: Any) -> RedFlagCatalogue:
    data: dict[str, Any] = copy.deepcopy(
        yaml.safe_load(DEFAULT_RED_FLAGS_PATH.read_text(encoding="utf-8")))
    data["semantic"] = {"threshold": 0.95, "anchor_margin": 0.0, **semantic}
    data["anchors"] = ["my legs are sore"]
    for entry in data["flags"]:
        entry["examples"] = 3 * (["dark urine"] if entry["id"] == "rhabdo"
                             else ["swollen calf"] if entry["id"] == "dvt" else ["zzz"])
    return parse_red_flags(data)


# Says "refer" for anything with "dark" in it, whatever the nearest example says.
DARK = RedFlagClassifier(np.array([0, 0, 0, 5, 0, 0], dtype=np.float32), -1.0)


def test_the_classifier_refers_what_the_tiers_miss_to_the_nearest_flag() -> None:
    sentence = "my pee went dark after the race"  # far below the 0.95 threshold
    off = RedFlagNet(_catalogue(), KeywordEmbedder(), classifier=DARK)
    assert off.match([sentence]) == []  # no threshold in the catalogue: off
    net = RedFlagNet(_catalogue(classifier_threshold=1.0), KeywordEmbedder(),
                     classifier=DARK)
    hits = net.match([sentence, "nice weather"])
    assert [(hit.flag_id, hit.sentence) for hit in hits] == [("rhabdo", sentence)]
    assert net.match(["nice weather"]) == []


def test_a_gated_classifier_leaves_sentences_plainly_nearer_an_anchor_alone() -> None:
    # Both say "dark" (the classifier refers them); the first is far nearer the benign
    # anchor "my legs are sore" (-0.20) than any example, the second nearer "dark urine".
    near_anchor, near_flag = "my legs are sore and dark", "my pee went dark after the race"
    ungated = RedFlagNet(_catalogue(classifier_threshold=1.0), KeywordEmbedder(),
                         classifier=DARK)
    assert {hit.sentence for hit in ungated.match([near_anchor])} == {near_anchor}
    gated = RedFlagNet(_catalogue(classifier_threshold=1.0, classifier_gate=-0.1),
                       KeywordEmbedder(), classifier=DARK)
    assert gated.match([near_anchor]) == []
    assert [hit.sentence for hit in gated.match([near_anchor, near_flag])] == [near_flag]


def test_training_rows_label_only_a_red_messages_closest_sentence() -> None:
    embed = KeywordEmbedder().embed_array
    x, y = classifier_rows(embed(["dark urine"]), embed(["my legs are sore"]),
                           [embed(["great race", "urine is dark"])], embed(["sore legs"]))
    assert y.tolist() == [1, 1, 0, 0]
    assert np.allclose(x[1], embed(["urine is dark"])[0])


def test_a_fitted_classifier_separates_its_training_rows() -> None:
    embed = KeywordEmbedder().embed_array
    red = ["dark urine", "urine dark", "dark urine again", "urine very dark"]
    benign = ["sore legs", "legs tired", "legs heavy", "my legs ache"]
    x = np.vstack([embed(red), embed(benign)])
    classifier = fit_classifier(x, np.array([1.0] * 4 + [0.0] * 4), c=10.0)
    decision = classifier.decision(x)
    assert (decision[:4] > 0).all() and (decision[4:] < 0).all()


def test_stored_weights_round_trip_and_a_changed_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "classifier.npy"
    save_classifier(DARK, "keywords", path)
    loaded = load_classifier("keywords", path)
    assert np.array_equal(loaded.weights, DARK.weights) and loaded.bias == DARK.bias
    with pytest.raises(ValueError, match="trained on vectors of keywords"):
        load_classifier("another model", path)
    stored = np.load(path)
    stored[3] = 0.0
    np.save(path, stored)
    with pytest.raises(ValueError, match="sha256"):
        load_classifier("keywords", path)


def test_the_shipped_classifier_is_current_and_the_default_net_uses_it_when_on() -> None:
    # Regenerate with: python -m knowledge.red_flag_net
    net = make_red_flag_net(parse_red_flags(yaml.safe_load(
        DEFAULT_RED_FLAGS_PATH.read_text(encoding="utf-8"))))
    assert (net.classifier is None) == (net.classifier_threshold is None)
    assert isinstance(net.embedder, LocalMiniLMEmbeddings)
    model_id = net.embedder.model_id
    retrained = train_classifier(net, load_vectors(model_id))
    shipped = load_classifier(model_id, CLASSIFIER_PATH)
    # The stored vectors are float16: a retrain agrees to a small tolerance.
    assert np.allclose(retrained.weights, shipped.weights, atol=0.05)
    assert abs(retrained.bias - shipped.bias) < 0.05


# Says "refer" for "urine", and a firm "not" for "calf" whatever the nearest example says.
NOT_CALF = RedFlagClassifier(np.array([5, -5, 0, 0, 0, 0], dtype=np.float32), 0.0)


def test_the_classifier_veto_stops_a_nearest_example_hit_it_reads_as_plainly_benign() -> None:
    sentence = "swollen calf"  # a copy of a dvt example: the nearest-example tier refers it
    plain = RedFlagNet(_catalogue(classifier_threshold=9.0), KeywordEmbedder(),
                       classifier=NOT_CALF)
    assert [hit.flag_id for hit in plain.match([sentence])] == ["dvt"]
    vetoed = RedFlagNet(_catalogue(classifier_threshold=9.0, classifier_veto=-1.0),
                        KeywordEmbedder(), classifier=NOT_CALF)
    assert vetoed.match([sentence]) == []  # logit -3.4, below the veto
    # ... and only that sentence: another one the tiers refer still refers.
    assert [hit.sentence for hit in vetoed.match([sentence, "dark urine"])] == ["dark urine"]
    # Without a classifier there is nothing to veto with.
    assert [hit.flag_id for hit in RedFlagNet(
        _catalogue(classifier_veto=-1.0), KeywordEmbedder()).match([sentence])] == ["dvt"]
