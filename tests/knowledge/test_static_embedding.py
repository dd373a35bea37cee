"""Static word-piece embeddings: distilled from the real model, checked, cached, weighted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import knowledge.static_embedding as static
from config.settings import Settings
from knowledge.embeddings import (
    DIMENSIONS,
    MODEL_SHA256,
    TOKENIZER_PATH,
    ModelIntegrityError,
    _load_tokenizer,
    default_model_path,
    local_embeddings,
    make_embeddings,
)
from knowledge.static_embedding import (
    META_FILE,
    STATIC_MODEL_ID,
    VECTORS_FILE,
    StaticEmbeddings,
    StaticTable,
    distil,
    ensure_table,
    load_table,
    principal_axes,
    save_table,
    table_path,
    token_vectors,
    zipf_weights,
)

WORDS = "my knee hurts when I run downhill the ankle banana swimming cycling pool bike"


def _ids(text: str) -> list[int]:
    return list(_load_tokenizer(TOKENIZER_PATH).encode(text, add_special_tokens=False).ids)


def _subset() -> list[int]:
    """The words above and a stretch of the vocabulary: enough rows for every axis."""
    return sorted(set(_ids(WORDS)) | set(range(2000, 2400)))


def test_a_token_row_is_the_model_output_at_the_token_read_alone() -> None:
    # The tokenizer's own encoding of a one-piece word is [CLS] knee [SEP]: the same input.
    (knee,) = _ids("knee")
    encoding = _load_tokenizer(TOKENIZER_PATH).encode("knee")
    assert len(encoding.ids) == 3
    ids = np.asarray([encoding.ids], dtype=np.int64)
    (hidden,) = local_embeddings()._session.run(
        ["last_hidden_state"], {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                "token_type_ids": np.zeros_like(ids)})
    rows = token_vectors([knee, knee + 1])
    assert rows.shape == (2, DIMENSIONS)
    np.testing.assert_allclose(rows[0], hidden[0, 1], atol=1e-5)
    assert not np.allclose(rows[1], hidden[0, 1], atol=1e-3)


def test_the_distilled_table_is_deterministic_and_reads_meaning() -> None:
    subset = _subset()
    first, second = distil(subset), distil(subset)
    vocab = _load_tokenizer(TOKENIZER_PATH).get_vocab_size()
    assert first.vectors.shape == (vocab, DIMENSIONS)
    np.testing.assert_array_equal(first.vectors, second.vectors)
    np.testing.assert_array_equal(first.weights, second.weights)
    outside = sorted(set(range(vocab)) - set(subset))[:50]
    assert not first.vectors[outside].any()
    assert (first.weights[subset] > 0).all()
    # Frequent (low-rank) pieces weigh less: "the" less than "banana".
    (the,), (banana,) = _ids("the"), _ids("banana")
    assert first.weights[the] < first.weights[banana]
    model = StaticEmbeddings.from_table(first)
    knee, ankle, fruit = model.embed_array(["knee", "ankle", "banana"])
    assert float(knee @ ankle) > float(knee @ fruit)


def test_principal_axes_keep_every_dimension_and_decorrelate() -> None:
    rows = np.random.default_rng(7).normal(size=(500, 8)) @ np.diag(
        [5, 4, 3, 2, 1, 1, 1, 1]) + 3.0
    rotated = principal_axes(rows.astype(np.float32))
    assert rotated.shape == (500, 8)
    np.testing.assert_allclose(rotated.mean(axis=0), 0.0, atol=1e-4)
    covariance = np.cov(rotated.T)
    np.testing.assert_allclose(covariance - np.diag(np.diag(covariance)), 0.0, atol=1e-3)
    variances = np.diag(covariance)
    assert list(variances) == sorted(variances, reverse=True)


def test_a_text_is_the_normalised_weighted_mean_of_its_pieces(tmp_path: Path) -> None:
    vocab = _load_tokenizer(TOKENIZER_PATH).get_vocab_size()
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(vocab, 4)).astype(np.float32)
    weights = rng.uniform(0.1, 1.0, size=vocab).astype(np.float32)
    folder = table_path(tmp_path)
    save_table(folder, StaticTable(vectors, weights), source_sha256=MODEL_SHA256)
    model = StaticEmbeddings(data_dir=tmp_path)
    text = "Knee pain downhill, knee again"
    ids = _ids(text)
    assert len(ids) > 3
    expected = (weights[ids, None] * vectors[ids]).sum(axis=0)
    expected /= np.linalg.norm(expected)
    (vector,) = model.embed_array([text])
    np.testing.assert_allclose(vector, expected, rtol=1e-5, atol=1e-6)
    unweighted = vectors[ids].mean(axis=0)
    assert not np.allclose(vector, unweighted / np.linalg.norm(unweighted), atol=1e-3)
    # Nothing to read: a zero vector, not an error.
    assert not model.embed_array([""]).any()
    assert model.embed_query(text) == pytest.approx(list(map(float, expected)), abs=1e-6)
    # Read in place from the data directory, not copied into memory.
    assert isinstance(model.table().vectors, np.memmap)


def test_a_table_from_another_model_or_altered_is_refused(tmp_path: Path) -> None:
    table = StaticTable(np.ones((10, 4), np.float32), np.ones(10, np.float32))
    other = tmp_path / "other"
    save_table(other, table, source_sha256="0" * 64)
    with pytest.raises(ModelIntegrityError, match="distilled from a model"):
        load_table(other)
    altered = tmp_path / "altered"
    save_table(altered, table, source_sha256=MODEL_SHA256)
    load_table(altered)
    data = bytearray((altered / VECTORS_FILE).read_bytes())
    data[-1] ^= 0xFF
    (altered / VECTORS_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_table(altered)
    with pytest.raises(ModelIntegrityError, match="not found"):
        load_table(tmp_path / "missing")


def test_a_changed_model_file_is_not_distilled(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    changed = tmp_path / "model.onnx"
    shutil.copy(default_model_path(), changed)
    with changed.open("ab") as handle:
        handle.write(b"\0")
    monkeypatch.setattr(static, "default_model_path", lambda: changed)
    with pytest.raises(ModelIntegrityError, match="sha256"):
        ensure_table(tmp_path / "data")
    assert not table_path(tmp_path / "data").exists()


def test_the_table_is_distilled_once_per_data_directory(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    small = distil(_subset())

    def counting(token_ids: object = None) -> StaticTable:
        calls.append(token_ids)
        return small

    monkeypatch.setattr(static, "distil", counting)
    folder = ensure_table(tmp_path)
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    assert meta["source_sha256"] == MODEL_SHA256
    written = (folder / VECTORS_FILE).stat().st_mtime_ns
    assert ensure_table(tmp_path) == folder
    first = StaticEmbeddings(data_dir=tmp_path).embed_array(["knee pain"])
    second = StaticEmbeddings(data_dir=tmp_path).embed_array(["knee pain"])
    assert len(calls) == 1
    assert (folder / VECTORS_FILE).stat().st_mtime_ns == written
    np.testing.assert_array_equal(first, second)


def test_the_factory_gives_static_embeddings_when_chosen(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path,
                        embeddings="static")
    embeddings = make_embeddings(settings)
    assert isinstance(embeddings, StaticEmbeddings)
    assert embeddings.model_id == STATIC_MODEL_ID
    assert make_embeddings(settings) is embeddings
    assert not table_path(tmp_path).exists()  # lazy: distilled at first use


def test_zipf_weights_fall_with_rank() -> None:
    weights = zipf_weights(1000)
    assert weights.shape == (1000,)
    assert (np.diff(weights) > 0).all()
    assert 0 < weights[0] < weights[-1] < 1


def test_a_table_written_while_another_is_there_keeps_the_first(tmp_path: Path) -> None:
    first = StaticTable(np.ones((10, 4), np.float32), np.ones(10, np.float32))
    second = StaticTable(np.full((10, 4), 2.0, np.float32), np.ones(10, np.float32))
    folder = tmp_path / "tables" / "table"
    save_table(folder, first, source_sha256=MODEL_SHA256)
    save_table(folder, second, source_sha256=MODEL_SHA256)
    np.testing.assert_array_equal(load_table(folder).vectors, first.vectors)
    assert [path.name for path in folder.parent.iterdir()] == ["table"]
