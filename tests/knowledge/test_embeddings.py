"""The real offline model: checked files, sensible vectors, one factory."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from config.settings import Settings
from knowledge.checksums import file_sha256
from knowledge.embeddings import (
    CACHE_SIZE,
    INTEGER_MODEL_ID,
    LOCAL_MODEL_ID,
    MODEL_SHA256,
    TOKENIZER_PATH,
    TOKENIZER_SHA256,
    LocalMiniLMEmbeddings,
    ModelIntegrityError,
    _vector_cache,
    clear_embedding_cache,
    default_model_path,
    local_embeddings,
    make_embeddings,
)
from knowledge.store import CrosstrainEmbeddingFunction


def test_the_shipped_files_have_the_published_sha256() -> None:
    assert file_sha256(TOKENIZER_PATH) == TOKENIZER_SHA256
    assert file_sha256(default_model_path()) == MODEL_SHA256


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    tokenizer = tmp_path / "tokenizer.json"
    shutil.copy(TOKENIZER_PATH, tokenizer)
    with tokenizer.open("a", encoding="utf-8") as handle:
        handle.write(" ")
    with pytest.raises(ModelIntegrityError, match="sha256"):
        LocalMiniLMEmbeddings(tokenizer_path=tokenizer)
    with pytest.raises(ModelIntegrityError, match="not found"):
        LocalMiniLMEmbeddings(model_path=tmp_path / "missing.onnx")


def test_similar_sentences_are_closer_than_unrelated_ones() -> None:
    model = LocalMiniLMEmbeddings()
    knee, swap, stocks = model.embed_documents([
        "My knee hurts after long runs, what can I do instead?",
        "Cross-training lets an injured runner stay active without stressing the same joints.",
        "The central bank raised interest rates by a quarter point.",
    ])
    assert len(knee) == 384
    a, b, c = (np.asarray(v) for v in (knee, swap, stocks))
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-4)
    assert a @ b > a @ c + 0.2


def test_padding_to_the_longest_text_does_not_change_vectors() -> None:
    model = LocalMiniLMEmbeddings()
    short = "Swim easy."
    long = "Deep-water running keeps the running motion without any impact. " * 5
    alone = np.asarray(model.embed_query(short))
    batched = np.asarray(model.embed_documents([long, short])[1])
    assert float(alone @ batched) > 0.9999


def test_one_factory_gives_the_local_model_or_an_openai_compatible_endpoint() -> None:
    local = make_embeddings(Settings(_env_file=None))  # type: ignore[call-arg]
    assert isinstance(local, LocalMiniLMEmbeddings)
    remote = make_embeddings(Settings(  # type: ignore[call-arg]
        _env_file=None, embeddings="openai", embeddings_base_url="http://127.0.0.1:9/v1",
        embeddings_model="nomic-embed-text"))
    assert type(remote).__name__ == "OpenAIEmbeddings"
    # Otherwise tiktoken would download its encoding at the first call.
    assert remote.check_embedding_ctx_length is False  # type: ignore[attr-defined]
    assert remote.model == "nomic-embed-text"  # type: ignore[attr-defined]


def test_the_int8_graph_is_built_only_from_a_checked_model_file(tmp_path: Path) -> None:
    model = tmp_path / "model.onnx"
    model.write_bytes(default_model_path().read_bytes()[:-1] + b"\0")
    with pytest.raises(ModelIntegrityError, match="sha256"):
        LocalMiniLMEmbeddings(model_path=model, integer_matmul=True)


def test_the_int8_graph_gives_close_vectors_that_do_not_depend_on_their_neighbours() -> None:
    exact = LocalMiniLMEmbeddings()
    fast = LocalMiniLMEmbeddings(integer_matmul=True)
    assert fast.model_id != exact.model_id  # its vectors are not the float graph's
    sentence = "my calf is swollen and hot after the long flight"
    clear_embedding_cache()
    alone = fast.embed_array([sentence])[0]
    clear_embedding_cache()
    with_neighbour = fast.embed_array(
        ["killer hills today, loved every second of the long climb to the top", sentence])[1]
    assert float(alone @ with_neighbour) > 0.99999
    assert float(alone @ exact.embed_array([sentence])[0]) > 0.97


def test_recent_texts_are_remembered_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    model = LocalMiniLMEmbeddings(integer_matmul=True)
    clear_embedding_cache()
    first = model.embed_array(["shin sore on the stairs"])
    calls: list[list[str]] = []
    original = model._embed
    monkeypatch.setattr(model, "_embed", lambda texts: calls.append(texts) or original(texts))
    again = model.embed_array(["shin sore on the stairs", "a new sentence"])
    assert calls == [["a new sentence"]]
    assert np.array_equal(first[0], again[0])
    for index in range(CACHE_SIZE + 5):
        _vector_cache.put(("test", str(index)), first[0])
    assert len(_vector_cache) == CACHE_SIZE
    clear_embedding_cache()
    assert len(_vector_cache) == 0


def test_one_object_and_one_session_per_bundled_model() -> None:
    fast = local_embeddings(INTEGER_MODEL_ID)
    assert local_embeddings(INTEGER_MODEL_ID) is fast
    assert fast.model_id == INTEGER_MODEL_ID
    assert local_embeddings(LOCAL_MODEL_ID).model_id == LOCAL_MODEL_ID
    assert make_embeddings(Settings(_env_file=None)) is local_embeddings()  # type: ignore[call-arg]
    # Another object on the same model (the red-flag net makes its own) loads no second
    # session and finds the vectors the first one remembered.
    other = LocalMiniLMEmbeddings(lazy=True, integer_matmul=True)
    assert other._session is fast._session
    assert local_embeddings(LOCAL_MODEL_ID)._session is not fast._session
    clear_embedding_cache()
    fast.embed_array(["my knee aches after the long run"])
    other.embed_array(["my knee aches after the long run"])
    assert len(_vector_cache) == 1
    with pytest.raises(ValueError, match="no bundled"):
        local_embeddings("another-model")


def test_chroma_reopens_an_index_with_the_model_it_was_built_with() -> None:
    for model_id in (LOCAL_MODEL_ID, INTEGER_MODEL_ID):
        function = CrosstrainEmbeddingFunction.build_from_config({"model": model_id})
        (vector,) = function(["swim easy on Monday"])
        expected = local_embeddings(model_id).embed_array(["swim easy on Monday"])[0]
        assert np.allclose(vector, expected)


def test_a_few_texts_are_read_into_the_same_tokens_as_a_batch_job_reads_them() -> None:
    # Up to BATCH_SIZE texts are tokenised one by one, a batch job (ingestion) at once.
    model = LocalMiniLMEmbeddings()
    texts = [f"Aqua jogging {n} times a week keeps my legs fresh, doesn't it?" for n in range(40)]
    few = model._embed(texts[:3])
    many = model._embed(texts)
    assert np.allclose(few, many[:3], atol=1e-5)
    tokenizer = model._tokenizer
    assert [e.ids for e in tokenizer.encode_batch(texts[:3])] == \
        [tokenizer.encode(text).ids for text in texts[:3]]


def test_vectors_kept_for_the_next_start_are_the_ones_computed_and_skip_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from knowledge.embeddings import vectors_kept_in

    model = LocalMiniLMEmbeddings()
    kept = tmp_path / "start-vectors.npz"
    many = [f"Sentence number {number} of an article about cross-training." for number in
            range(40)]  # more than a batch: the path ingestion and the retriever take
    with vectors_kept_in(kept):
        first_many = model.embed_array(many)
        first_one = model.embed_array(["how do I run in a pool?"])
    assert kept.is_file()

    calls: list[int] = []
    embed = model._embed
    monkeypatch.setattr(model, "_embed", lambda texts: calls.append(len(texts)) or embed(texts))
    with vectors_kept_in(kept):
        again_many = model.embed_array(many)
        again_one = model.embed_array(["how do I run in a pool?"])
        fresh = model.embed_array(["a text not seen before", many[0]])
    assert np.array_equal(again_many, first_many) and np.array_equal(again_one, first_one)
    assert calls == [1]  # only the new text went to the model
    assert np.array_equal(fresh[1], first_many[0])
    assert np.allclose(fresh[0], model.embed_array(["a text not seen before"]), atol=1e-6)
