"""The semantic red-flag net: nearest examples, anchors, the threshold; fake and real model."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import numpy as np
import pytest
import yaml

from coach.red_flags import (
    DEFAULT_RED_FLAGS_PATH,
    RedFlagCatalogue,
    load_red_flags,
    parse_red_flags,
)
from coach.triage import Triage
from knowledge.embeddings import LocalMiniLMEmbeddings
from knowledge.red_flag_net import (
    EVALS,
    PHRASINGS_PATH,
    TRAINING_SETS,
    VALIDATION_SETS,
    Phrasing,
    RedFlagNet,
    load_phrasings,
    load_readings,
    load_vectors,
    make_red_flag_net,
    read_sets,
    render_phrasings,
    save_readings,
    save_vectors,
)

WORDS = ("urine", "calf", "legs", "jaw", "cola", "zzz")


class KeywordEmbedder:
    """One axis per keyword (plus one for anything else), unit length; counts its calls."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed_array(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            row = np.array([float(word in text) for word in WORDS] + [0.3], dtype=np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.vstack(rows)


def _catalogue(**semantic: float) -> RedFlagCatalogue:
    data: dict[str, Any] = copy.deepcopy(
        yaml.safe_load(DEFAULT_RED_FLAGS_PATH.read_text(encoding="utf-8")))
    # Only the settings a test names: no strong tier unless asked for.
    data["semantic"] = {key: value for key, value in data["semantic"].items()
                        if key in ("threshold", "anchor_margin")}
    data["semantic"].update(semantic)
    data["anchors"] = ["my legs are sore"]
    for entry in data["flags"]:
        if entry["id"] == "rhabdo":
            entry["examples"] = ["dark urine", "cola urine", "brown urine"]
        elif entry["id"] == "dvt":
            entry["examples"] = ["swollen calf", "hot calf", "red calf"]
        else:
            entry["examples"] = ["zzz"] * 3
    return parse_red_flags(data)


def test_a_sentence_close_to_an_example_refers_to_its_flag() -> None:
    net = RedFlagNet(_catalogue(threshold=0.8, anchor_margin=0.0), KeywordEmbedder())
    hits = net.match(["my urine looks strange", "nice weather"])
    assert [(hit.flag_id, hit.sentence) for hit in hits] == [("rhabdo", "my urine looks strange")]
    assert hits[0].score > 0.9


def test_the_threshold_decides() -> None:
    embedder = KeywordEmbedder()
    # "urine and calf" sits between two flags: similarity ~0.69 to each.
    assert RedFlagNet(_catalogue(threshold=0.6, anchor_margin=0.0), embedder).match(
        ["urine and calf"])
    assert not RedFlagNet(_catalogue(threshold=0.8, anchor_margin=0.0), embedder).match(
        ["urine and calf"])


def test_only_the_closest_flag_of_a_sentence_refers() -> None:
    net = RedFlagNet(_catalogue(threshold=0.5, anchor_margin=0.0), KeywordEmbedder())
    hits = net.match(["urine urine and a calf"])
    assert len(hits) == 1


def test_a_sentence_closer_to_a_benign_anchor_does_not_refer() -> None:
    net = RedFlagNet(_catalogue(threshold=0.5, anchor_margin=0.05), KeywordEmbedder())
    # "legs and calf": as close to the anchor "my legs are sore" as to "swollen calf".
    assert not net.match(["legs and calf"])
    assert net.match(["my calf"])


def test_examples_are_embedded_once_and_a_message_in_one_batch() -> None:
    embedder = KeywordEmbedder()
    net = RedFlagNet(_catalogue(threshold=0.8, anchor_margin=0.0), embedder)
    net.match(["one sentence", "another"])
    net.match(["a third", "and a fourth", "fifth"])
    assert len(embedder.calls) == 3  # the catalogue once, then one call per message
    assert embedder.calls[1:] == [["one sentence", "another"], ["a third", "and a fourth", "fifth"]]


def test_triage_with_the_fake_net_refers_in_any_sentence() -> None:
    catalogue = _catalogue(threshold=0.8, anchor_margin=0.0)
    triage = Triage(catalogue, semantic=RedFlagNet(catalogue, KeywordEmbedder()))
    result = triage("Great race overall. Then my wee went a weird cola shade")
    assert result.flag_ids == ("rhabdo",) and result.urgent


@pytest.fixture(scope="module")
def real_net() -> RedFlagNet:
    net = make_red_flag_net(load_red_flags())
    net.warm_up()
    return net


def test_the_real_model_refers_new_words_and_leaves_the_sport_alone(real_net: RedFlagNet) -> None:
    assert isinstance(real_net.embedder, LocalMiniLMEmbeddings)
    hits = real_net.match(["my heart is thrashing about unevenly while I sit on the sofa"])
    assert [hit.flag_id for hit in hits] == ["palpitations"]
    for benign in ("what heart rate zones should I use", "broke my PR on the killer hills",
                   "typical DOMS in my quads two days after the race"):
        assert real_net.match([benign]) == [], benign


def test_the_default_net_is_shared() -> None:
    catalogue = load_red_flags()
    assert make_red_flag_net(catalogue) is make_red_flag_net(catalogue)


def test_warm_up_loads_the_default_net_before_the_first_message() -> None:
    import coach.triage as triage_module

    triage_module.warm_up()
    net = triage_module.default_triage().semantic
    assert isinstance(net, RedFlagNet)
    catalogue = load_red_flags()
    # The catalogue's examples and anchors, and the labelled phrasings' sentences.
    assert net._matrix is not None and net._matrix.shape[1] > sum(
        len(flag.examples) for flag in catalogue.flags) + len(catalogue.anchors)
    assert net.phrasings == tuple(load_phrasings())


def test_per_flag_scores_are_the_best_example_of_each_flag() -> None:
    net = RedFlagNet(_catalogue(threshold=0.5, anchor_margin=0.05), KeywordEmbedder())
    sentences = ["legs and calf", "chest"]
    per_flag, anchor_best = net.scores(sentences)
    vectors = KeywordEmbedder().embed_array(sentences)
    for column, flag in enumerate(net.catalogue.flags):
        examples = KeywordEmbedder().embed_array([e.lower() for e in flag.examples])
        assert np.allclose(per_flag[:, column], (vectors @ examples.T).max(axis=1), atol=1e-6)
    anchors = KeywordEmbedder().embed_array([a.lower() for a in net.catalogue.anchors])
    assert np.allclose(anchor_best, (vectors @ anchors.T).max(axis=1), atol=1e-6)


def test_a_strong_match_needs_only_the_strong_margin_over_the_anchors() -> None:
    # "legs and calf": ~0.69 to "swollen calf" and to the anchor "my legs are sore".
    sentence = ["legs and calf"]
    embedder = KeywordEmbedder()
    assert not RedFlagNet(_catalogue(threshold=0.5, anchor_margin=0.05), embedder).match(
        sentence)
    assert RedFlagNet(_catalogue(threshold=0.5, anchor_margin=0.05, strong_threshold=0.6,
                                 strong_margin=-0.01), embedder).match(sentence)
    assert not RedFlagNet(_catalogue(threshold=0.5, anchor_margin=0.05, strong_threshold=0.8,
                                     strong_margin=-0.01), embedder).match(sentence)


def test_a_red_phrasing_adds_its_flag_sentence_as_an_example() -> None:
    catalogue = _catalogue(threshold=0.8, anchor_margin=0.0)
    # "jaw" is in no example: the net alone does not know it.
    assert not RedFlagNet(catalogue, KeywordEmbedder()).match(["jaw"])
    net = RedFlagNet(catalogue, KeywordEmbedder(), phrasings=[
        Phrasing("great week overall. my dark urine and jaw after the race", "rhabdo")])
    hits = net.match(["jaw and urine"])
    assert [hit.flag_id for hit in hits] == ["rhabdo"]
    # Only the sentence that carries the flag was added, not "great week overall".
    assert "great week overall" not in net.texts
    assert "my dark urine and jaw after the race" in net.texts


def test_a_red_phrasing_closer_to_the_anchors_adds_nothing() -> None:
    catalogue = _catalogue(threshold=0.8, anchor_margin=0.0)
    net = RedFlagNet(catalogue, KeywordEmbedder(), phrasings=[
        Phrasing("my legs are sore", "rhabdo")])
    net.warm_up()
    assert net.texts.count("my legs are sore") == 1  # the catalogue's anchor only


def test_a_red_phrasing_closer_to_a_learnt_benign_sentence_adds_nothing() -> None:
    # Its flag sentence is news a benign message also tells ("finished my first
    # marathon"); learnt_check="catalogue" (before flags21, a CV design) keeps it.
    catalogue = _catalogue(threshold=0.8, anchor_margin=0.0)
    phrasings = [Phrasing("urine after the calf session", "rhabdo"),
                 Phrasing("urine after the calf session was clear", None)]
    checked = RedFlagNet(catalogue, KeywordEmbedder(), phrasings=phrasings)
    checked.warm_up()
    assert checked.texts.count("urine after the calf session") == 0
    lenient = RedFlagNet(catalogue, KeywordEmbedder(), phrasings=phrasings,
                         learnt_check="catalogue")
    lenient.warm_up()
    assert lenient.texts.count("urine after the calf session") == 1


def test_a_benign_phrasing_becomes_an_anchor() -> None:
    catalogue = _catalogue(threshold=0.5, anchor_margin=0.05)
    assert RedFlagNet(catalogue, KeywordEmbedder()).match(["calf"])
    quiet = RedFlagNet(catalogue, KeywordEmbedder(),
                       phrasings=[Phrasing("my calf is fine", None)])
    assert not quiet.match(["calf"])


def test_phrasings_must_name_flags_of_the_catalogue() -> None:
    with pytest.raises(ValueError, match="not_a_flag"):
        RedFlagNet(load_red_flags(), KeywordEmbedder(),
                   phrasings=[Phrasing("text", "not_a_flag")])


def test_the_held_out_set_is_never_training_data() -> None:
    assert "heldout" not in TRAINING_SETS
    with pytest.raises(ValueError, match="held-out"):
        read_sets(["dev", "heldout"])


def test_the_net_learns_from_every_dev_set_but_the_validation_ones() -> None:
    # Leave-one-set-out (bench/red_flags_cv.py) measures how it does on unseen wordings,
    # so only a round's fresh validation set is kept out of training.
    # A fresh validation set may not be committed yet (the lead adds it later).
    present = {path.stem for path in EVALS.glob("dev*.jsonl")}
    assert present and set(TRAINING_SETS) <= present <= set(TRAINING_SETS) | set(VALIDATION_SETS)
    assert not set(TRAINING_SETS) & set(VALIDATION_SETS)
    for name in VALIDATION_SETS:
        with pytest.raises(ValueError, match="validation"):
            read_sets((name,))


def test_the_phrasings_file_is_generated_from_the_dev_sets() -> None:
    # Regenerate with: python -m knowledge.red_flag_net
    assert PHRASINGS_PATH.read_text(encoding="utf-8") == render_phrasings(
        read_sets(TRAINING_SETS))
    flags = {p.flag for p in load_phrasings()}
    assert None in flags and len(flags) > 20


def test_stored_vectors_are_used_and_only_the_rest_is_embedded(tmp_path: Any) -> None:
    catalogue = _catalogue(threshold=0.8, anchor_margin=0.0)
    texts = [t for t in RedFlagNet(catalogue, KeywordEmbedder()).needed_texts()
             if t != "dark urine"]
    path = tmp_path / "vectors.npz"
    save_vectors(texts, KeywordEmbedder().embed_array(texts), "keywords", path)
    assert load_vectors("another model", path) == {}
    embedder = KeywordEmbedder()
    net = RedFlagNet(catalogue, embedder, stored=load_vectors("keywords", path))
    assert net.match(["my urine looks strange"])
    assert embedder.calls[0] == ["dark urine"]  # only the one not stored


def test_the_stored_readings_are_how_triage_reads_every_phrasing_now() -> None:
    # Regenerate with: python -m knowledge.red_flag_net (after changing how triage reads)
    net = make_red_flag_net(load_red_flags())
    fresh = net.fresh_readings()
    stored = load_readings()
    assert len(fresh) > 1000
    assert {text: units for text, units in fresh.items() if stored.get(text) != units} == {}


def test_a_phrasing_without_a_stored_reading_is_read_now(tmp_path: Any) -> None:
    catalogue = _catalogue(threshold=0.8, anchor_margin=0.0)
    path = tmp_path / "readings.json.gz"
    save_readings({"stored one": ["as stored"]}, path)
    assert load_readings(tmp_path / "missing.json.gz") == {}
    net = RedFlagNet(catalogue, KeywordEmbedder(), readings=load_readings(path),
                     phrasings=[Phrasing("stored one", None), Phrasing("my urine is dark", None)])
    assert net.reading("stored one") == ["as stored"]
    assert net.reading("my urine is dark") == net.fresh_readings()["my urine is dark"]
    assert "as stored" in net.needed_texts()


def test_the_stored_vectors_cover_the_default_net_and_match_the_model() -> None:
    # Regenerate with: python -m knowledge.red_flag_net
    net = make_red_flag_net(load_red_flags())
    embedder = net.embedder
    assert isinstance(embedder, LocalMiniLMEmbeddings)
    stored = load_vectors(embedder.model_id)
    needed = net.needed_texts()
    assert not [text for text in needed if text not in stored]
    sample = needed[:: max(1, len(needed) // 20)]
    fresh = embedder.embed_array(sample)
    kept = np.vstack([stored[text] for text in sample])
    kept /= np.linalg.norm(kept, axis=1, keepdims=True)
    assert (np.sum(fresh * kept, axis=1) > 0.999).all()


class CountingEmbedder:
    """Axes: 'urine', 'legs', and every other word at half weight: a keyword drowns in a
    long sentence of other words, as a symptom does in other news for the real model."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed_array(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            words = text.split()
            row = np.array([words.count("urine"), words.count("legs"),
                            0.5 * sum(w not in ("urine", "legs") for w in words)],
                           dtype=np.float32)
            rows.append(row / max(float(np.linalg.norm(row)), 1e-6))
        return np.vstack(rows)


def _window_catalogue(**semantic: float | int | None) -> RedFlagCatalogue:
    data: dict[str, Any] = copy.deepcopy(
        yaml.safe_load(DEFAULT_RED_FLAGS_PATH.read_text(encoding="utf-8")))
    data["semantic"] = {"threshold": 0.25, "anchor_margin": 0.0, "neighbours": 1,
                        "window_words": 8, "window_step": 4, "window_margin": 0.0,
                        "window_gate": -1.0, **semantic}
    data["anchors"] = ["legs legs"]
    for entry in data["flags"]:
        entry["examples"] = (["urine urine"] * 3 if entry["id"] == "rhabdo"
                             else ["legs"] * 3)
    return parse_red_flags(data)


LONG = ("what a weekend we had away with the whole family at the lake and then "
        "after the race my urine was odd")


def test_a_long_sentence_is_read_again_in_windows_when_nothing_refers() -> None:
    embedder = CountingEmbedder()
    net = RedFlagNet(_window_catalogue(), embedder)
    hits = net.match([LONG])
    assert {hit.flag_id for hit in hits} == {"rhabdo"}
    assert all("urine" in hit.sentence and len(hit.sentence.split()) <= 8 for hit in hits)
    assert embedder.calls[-2] == [LONG]  # the sentence first, then its windows
    # Without windows (as triage asks when the rules already refer) the sentence alone
    # is too diluted.
    assert not net.match([LONG], windows=False)


def test_windows_are_off_without_their_settings_and_for_sentences_far_from_every_flag(
) -> None:
    assert not RedFlagNet(_window_catalogue(window_gate=None), CountingEmbedder()).match(
        [LONG])
    # The gate: only a sentence at least this close to a flag, over its anchor, is read.
    assert not RedFlagNet(_window_catalogue(window_gate=0.5), CountingEmbedder()).match(
        [LONG])


def test_a_window_must_also_beat_the_anchors_by_the_window_margin() -> None:
    assert not RedFlagNet(_window_catalogue(window_margin=0.5), CountingEmbedder()).match(
        [LONG])


def test_windows_overlap_and_reach_the_end_of_a_long_sentence_only() -> None:
    net = RedFlagNet(_window_catalogue(), CountingEmbedder())
    words = [f"w{i}" for i in range(14)]
    pieces = net.windows([" ".join(words), "short one here"])
    assert pieces == [" ".join(words[0:8]), " ".join(words[4:12]), " ".join(words[8:14])]


def test_the_neighbourhood_averages_a_flags_closest_examples() -> None:
    # Two of rhabdo's three examples are far: with 2 neighbours its mean is halved.
    data = _window_catalogue(neighbours=2, neighbour_margin=0.6, window_gate=None)
    flags = tuple(flag if flag.id != "rhabdo" else
                  dataclasses.replace(flag, examples=("urine", "legs", "legs"))
                  for flag in data.flags)
    catalogue = dataclasses.replace(data, flags=flags)
    net = RedFlagNet(catalogue, CountingEmbedder())
    per_flag, _ = net.scores(["urine"])
    assert per_flag.max() == pytest.approx(1.0)
    near = net._scored(["urine"], window=True).near
    assert near is not None
    column = list(catalogue.ids).index("rhabdo")
    assert near[0, column] == pytest.approx(0.5)


def test_at_most_the_window_limit_is_read_from_the_closest_sentences_first() -> None:
    embedder = CountingEmbedder()
    net = RedFlagNet(_window_catalogue(window_limit=2), embedder)
    far = "legs " + " ".join(f"w{i}" for i in range(20))
    net.match([far, LONG])
    read = embedder.calls[-1]
    assert len(read) == 2 and all(piece in LONG for piece in read)
