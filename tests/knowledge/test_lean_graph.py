"""The float graph with int8 lookup tables: the same vectors, without the float tables."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime
import pytest
from tokenizers import Tokenizer

from knowledge.embeddings import TOKENIZER_PATH, LocalMiniLMEmbeddings, default_model_path
from knowledge.lean_graph import _scaled_tables, int8_lookup_graph

TEXTS = ["swim easy on Monday",
         "my calf is swollen and hot after the long flight, should I still run tomorrow?",
         "Deep-water running keeps the running motion without any impact."]


def _vectors(model: bytes | str, texts: list[str]) -> np.ndarray:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(model, sess_options=options,
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_padding()
    rows = []
    for text in texts:
        ids = np.asarray([tokenizer.encode(text).ids], dtype=np.int64)
        (hidden,) = session.run(["last_hidden_state"], {
            "input_ids": ids, "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids)})
        rows.append(hidden[0])
    return np.concatenate(rows)


@pytest.fixture(scope="module")
def shipped() -> bytes:
    return default_model_path().read_bytes()


def test_the_lean_graph_gives_the_float_graphs_hidden_states_bit_for_bit(shipped: bytes) -> None:
    plain = _vectors(str(default_model_path()), TEXTS)
    lean = _vectors(int8_lookup_graph(shipped), TEXTS)
    assert np.array_equal(plain, lean)


def test_no_float_table_is_made_and_the_products_stay_float(shipped: bytes) -> None:
    before = onnx.load_from_string(shipped).graph
    after = onnx.load_from_string(int8_lookup_graph(shipped)).graph
    tables = _scaled_tables(before)
    assert len(tables) >= 1  # at least the 30522-word table is stored as scaled int8 rows
    made = {output for node in after.node for output in node.output}
    assert not set(tables) & made  # no node makes a whole float table any more
    lookups = [node for node in after.node if node.op_type == "Gather"]
    assert any(node.input[0].endswith("_q") for node in lookups)  # int8 rows looked up
    # The matrix products are the float graph's: it is not the int8 one.
    assert [n.op_type for n in after.node].count("MatMul") == \
        [n.op_type for n in before.node].count("MatMul")
    assert not any(node.domain == "com.microsoft" for node in after.node)


def test_the_bundled_float_model_is_loaded_lean_and_keeps_its_model_id() -> None:
    model = LocalMiniLMEmbeddings()
    (vector,) = model.embed_array(["swim easy on Monday"])
    plain = _vectors(str(default_model_path()), ["swim easy on Monday"]).mean(axis=0)
    assert float(vector @ (plain / np.linalg.norm(plain))) > 0.999999
    assert model.model_id == "all-MiniLM-L6-v2-onnx-int8"  # the index stays valid


def test_the_sessions_keep_no_second_copy_of_their_graph() -> None:
    # onnxruntime's Python session keeps bytes it is given (~23 MB) for as long as it
    # lives; a session loaded from a file keeps only the (deleted) file's name.
    for integer_matmul in (False, True):
        session = LocalMiniLMEmbeddings(integer_matmul=integer_matmul)._session
        assert getattr(session, "_model_bytes", None) is None
