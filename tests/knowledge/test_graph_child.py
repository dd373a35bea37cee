"""The model's graphs rewritten in a child: the same graphs, one word table for both."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from knowledge.embeddings import MODEL_SHA256, _checked_bytes, default_model_path
from knowledge.graph_child import lookup_tables, rewrite_apart, shared_tables, tables_path


def test_the_child_writes_the_graphs_the_rewrites_make_in_process(tmp_path: Path) -> None:
    from knowledge.int8_graph import integer_matmul_graph
    from knowledge.lean_graph import int8_lookup_graph

    checked = _checked_bytes(default_model_path(), MODEL_SHA256, "embedding model")
    rewrite_apart(default_model_path(), integer_matmul=True, out=tmp_path / "int8.onnx")
    rewrite_apart(default_model_path(), integer_matmul=False, out=tmp_path / "float.onnx")

    assert (tmp_path / "int8.onnx").read_bytes() == integer_matmul_graph(checked)
    assert (tmp_path / "float.onnx").read_bytes() == int8_lookup_graph(checked)


def test_both_graphs_share_one_copy_of_the_word_table(tmp_path: Path) -> None:
    rewrite_apart(default_model_path(), integer_matmul=True, out=tmp_path / "int8.onnx")
    rewrite_apart(default_model_path(), integer_matmul=False, out=tmp_path / "float.onnx")

    int8 = shared_tables(tmp_path / "int8.onnx")
    floating = shared_tables(tmp_path / "float.onnx")

    assert set(int8) == set(floating) and len(int8) == 1  # the word table (30522 x 384)
    [name] = int8
    assert int8[name] is floating[name]
    assert int8[name].shape() == [30522, 384]
    with np.load(tables_path(tmp_path / "float.onnx")) as stored:
        assert np.array_equal(int8[name].numpy(), stored[name])


def test_only_large_int8_tables_looked_up_by_gather_are_shared() -> None:
    from onnx import TensorProto, helper, numpy_helper

    big = numpy_helper.from_array(np.ones((2048, 512), np.int8), "big")
    small = numpy_helper.from_array(np.ones((16, 8), np.int8), "small")
    multiplied = numpy_helper.from_array(np.ones((2048, 512), np.int8), "multiplied")
    graph = helper.make_graph(
        [helper.make_node("Gather", ["big", "ids"], ["a"]),
         helper.make_node("Gather", ["small", "ids"], ["b"]),
         helper.make_node("MatMulInteger", ["x", "multiplied"], ["c"])],
        "g", [helper.make_tensor_value_info("ids", TensorProto.INT64, [None]),
              helper.make_tensor_value_info("x", TensorProto.INT8, [None, 2048])],
        [helper.make_tensor_value_info(n, TensorProto.INT8, None) for n in "abc"],
        initializer=[big, small, multiplied])

    tables = lookup_tables(helper.make_model(graph).SerializeToString())

    assert list(tables) == ["big"]
