"""The model's graphs rewritten in a child: the same graphs, one word table for both."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.embeddings import (
    MODEL_SHA256,
    ModelIntegrityError,
    _checked_bytes,
    default_model_path,
)
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


def test_a_kept_graph_is_used_again_only_while_its_bytes_and_the_model_are_as_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import knowledge.graph_child as graph_child

    children: list[Path] = []
    rewrite_in_child = graph_child._rewrite_in_child

    def counted(model_path: Path, *, integer_matmul: bool, out: Path) -> None:
        children.append(out)
        rewrite_in_child(model_path, integer_matmul=integer_matmul, out=out)

    monkeypatch.setattr(graph_child, "_rewrite_in_child", counted)
    kept = tmp_path / "models"
    kept.mkdir()
    (kept / "graph-int8-0123456789abcdef-0123456789abcdef.onnx").write_bytes(b"older")
    graph_child.keep_graphs_in(kept)
    try:
        rewrite_apart(default_model_path(), integer_matmul=True, out=tmp_path / "first.onnx")
        assert not (kept / "graph-int8-0123456789abcdef-0123456789abcdef.onnx").exists()
        rewrite_apart(default_model_path(), integer_matmul=True, out=tmp_path / "again.onnx")
        assert len(children) == 1  # the second start used the kept graph
        assert (tmp_path / "again.onnx").read_bytes() == (tmp_path / "first.onnx").read_bytes()
        with np.load(tables_path(tmp_path / "again.onnx")) as again, \
                np.load(tables_path(tmp_path / "first.onnx")) as first:
            assert all(np.array_equal(again[name], first[name]) for name in first.files)

        [graph] = [path for path in kept.iterdir() if path.suffix == ".onnx"]
        graph.write_bytes(graph.read_bytes()[:-1] + b"\0")  # changed on disk: not used
        rewrite_apart(default_model_path(), integer_matmul=True, out=tmp_path / "third.onnx")
        assert len(children) == 2
        assert (tmp_path / "third.onnx").read_bytes() == (tmp_path / "first.onnx").read_bytes()

        changed_model = tmp_path / "model.onnx"  # a kept graph never stands for another file
        changed_model.write_bytes(default_model_path().read_bytes()[:-1] + b"\0")
        with pytest.raises(ModelIntegrityError, match="sha256"):
            rewrite_apart(changed_model, integer_matmul=True, out=tmp_path / "bad.onnx")
    finally:
        graph_child.keep_graphs_in(None)
