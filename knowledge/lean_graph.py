"""Keep the bundled model's lookup tables int8 in the float graph (a graph rewrite at load).

The shipped all-MiniLM-L6-v2 stores its word and position embeddings as int8 rows with a
float scale per row, and turns each whole table back into float32 (``Cast`` then ``Mul``)
before looking rows up. onnxruntime folds that at load into a float32 table: ~47 MB for
the 30522 words, of which a question reads some twenty rows.

``int8_lookup_graph`` looks up the int8 rows and their scales first and scales only the
rows looked up. Each value is computed exactly as before (the same int8 value cast to
float32 times the same float32 scale), so the vectors are bit for bit the float graph's
and an index built with it stays valid; the session is ~34 MB smaller. The matrix
products are left alone (``knowledge/int8_graph.py`` runs those in int8, which changes the
vectors).

The caller checks the source file's sha256 first; the rewrite is deterministic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.int8_graph import dequantised, replace_nodes, scaled_row_lookup

if TYPE_CHECKING:
    import onnx


def _scaled_tables(graph: onnx.GraphProto) -> dict[str, tuple[str, str]]:
    """Float tables made in the graph as ``Mul(Cast(q), scale)`` from int8 initializers
    with one scale per row: name -> (q, scale)."""
    from onnx import TensorProto

    initializers = {init.name: init for init in graph.initializer}
    found: dict[str, tuple[str, str]] = {}
    for name, (quantised, scale) in dequantised(graph).items():
        if quantised not in initializers or scale not in initializers:
            continue
        q_dims = list(initializers[quantised].dims)
        scale_dims = list(initializers[scale].dims)
        if (initializers[quantised].data_type == TensorProto.INT8
                and initializers[scale].data_type == TensorProto.FLOAT
                and len(q_dims) == 2 and scale_dims == [q_dims[0], 1]):
            found[name] = (quantised, scale)
    return found


def int8_lookup_graph(model_bytes: bytes) -> bytes:
    """``model_bytes`` with row-scaled int8 tables looked up before they are scaled."""
    import onnx

    model = onnx.load_from_string(model_bytes)
    graph = model.graph
    tables = _scaled_tables(graph)
    nodes: list[onnx.NodeProto] = []
    for node in graph.node:
        parts = tables.get(node.input[0]) if node.op_type == "Gather" and node.input else None
        axis = next((a.i for a in node.attribute if a.name == "axis"), 0)
        if parts is None or axis != 0:
            nodes.append(node)
            continue
        nodes += scaled_row_lookup(node, *parts)
    replace_nodes(graph, nodes)
    return model.SerializeToString()
