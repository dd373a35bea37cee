"""The bundled model's graph rewrites, done in a child process.

``knowledge/lean_graph.py`` and ``knowledge/int8_graph.py`` rewrite the shipped graph with
the ``onnx`` package, which brings protobuf and ml_dtypes: ~7 MB resident that nothing
else in a worker uses, kept for good once imported. A child process reads the model file,
checks its sha256, rewrites those very bytes and writes the graph to the file the parent
names; the parent loads that file into its onnxruntime session (~0.4 s more per model
at start, measured on the 2-core target). The graph is the same, byte for byte.

A refused model file (missing, wrong sha256) is :class:`~knowledge.embeddings.ModelIntegrityError`
in the parent, with the child's message.

Both graphs (retrieval's float one and the red-flag net's int8 one) look up words in the
same int8 table of the shipped file (30522 x 384, ~11.7 MB), and each session would keep
its own copy. The child also writes the tables its graph looks rows up in; the parent
keeps one copy of each per process (:func:`shared_tables`) and hands it to every session
as a user initializer (``SessionOptions.add_initializer``), which onnxruntime reads in
place: ~11 MB less per worker (measured with ``python -m bench.memory``), the same
values, so the same vectors.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from knowledge.checksums import file_sha256

if TYPE_CHECKING:
    import onnx
    import onnxruntime

# The child's exit status for a refused model file (its message is the last stderr line).
REFUSED = 3
# Tables smaller than this are not worth sharing (the position table is 0.2 MB).
SHARED_TABLE_BYTES = 1 << 20

_shared_lock = threading.Lock()
# name -> (the table, onnxruntime's view of it); kept for the process's life, as the
# sessions reading it are.
_shared: dict[str, tuple[np.ndarray, onnxruntime.OrtValue]] = {}


def tables_path(out: Path) -> Path:
    """Where the child writes the lookup tables of the graph it wrote to ``out``."""
    return out.with_name(out.name + ".tables.npz")


# Where rewritten graphs are kept between starts (see keep_graphs_in); None: nowhere.
_kept_in: Path | None = None
# The sources whose code decides the rewritten bytes: a change to one is a new graph.
_REWRITE_SOURCES = ("graph_child.py", "lean_graph.py", "int8_graph.py")


def keep_graphs_in(folder: Path | None) -> None:
    """Keep rewritten graphs in ``folder`` (the bot's data directory) and use them again
    at later starts: the child costs a new interpreter importing ``onnx`` and a rewrite,
    ~1.2 s of CPU per graph (two per start) on the shared 2-core machine. A kept graph is
    used only for a model file that still has the expected sha256, made by the same
    rewriting code and ``onnx`` version, and whose own bytes still have the sha256
    written beside them; anything else rewrites it in a child, as without a folder."""
    global _kept_in
    _kept_in = folder


def _kept_name(model_sha256: str, integer_matmul: bool) -> str:
    from importlib.metadata import version

    code = hashlib.sha256()
    for name in _REWRITE_SOURCES:
        code.update((Path(__file__).resolve().parent / name).read_bytes())
    code.update(version("onnx").encode())
    kind = "int8" if integer_matmul else "float"
    return f"graph-{kind}-{model_sha256[:16]}-{code.hexdigest()[:16]}.onnx"


def _use_kept(kept: Path, out: Path) -> bool:
    """Copy the kept graph (and its tables) to ``out`` when its bytes are as written."""
    stamp = kept.with_name(kept.name + ".sha256")
    try:
        expected = json.loads(stamp.read_text())
        if (file_sha256(kept) != expected["graph"]
                or file_sha256(tables_path(kept)) != expected["tables"]):
            return False
        shutil.copyfile(kept, out)
        shutil.copyfile(tables_path(kept), tables_path(out))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


def _keep(out: Path, kept: Path) -> None:
    """Keep the graph just written to ``out`` (best effort: a start never fails on it)."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        suffix = f".{os.getpid()}.tmp"
        for source, target in ((out, kept), (tables_path(out), tables_path(kept))):
            shutil.copyfile(source, target.with_name(target.name + suffix))
            os.replace(target.with_name(target.name + suffix), target)
        stamp = kept.with_name(kept.name + ".sha256")
        stamp.with_name(stamp.name + suffix).write_text(json.dumps(
            {"graph": file_sha256(kept), "tables": file_sha256(tables_path(kept))}))
        os.replace(stamp.with_name(stamp.name + suffix), stamp)
        # Graphs an older model or code made are never used again: ~34 MB each.
        kind = kept.name.split("-")[1]
        for old in kept.parent.glob(f"graph-{kind}-*"):
            if not old.name.startswith(kept.name) and ".tmp" not in old.name:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def rewrite_apart(model_path: Path, *, integer_matmul: bool, out: Path) -> None:
    """Write to ``out`` the checked graph at ``model_path`` rewritten as ``_load_model``
    needs it: int8 products (``integer_matmul``) or the float graph's int8 lookups; and
    its large lookup tables to :func:`tables_path` (see :func:`shared_tables`). A graph
    kept from an earlier start is used when it may be (see :func:`keep_graphs_in`)."""
    from knowledge.embeddings import MODEL_SHA256

    kept: Path | None = None
    folder = _kept_in
    if folder is not None and model_path.is_file():
        model_sha256 = file_sha256(model_path)
        if model_sha256 == MODEL_SHA256:  # else the child refuses it, with its message
            kept = folder / _kept_name(model_sha256, integer_matmul)
            if _use_kept(kept, out):
                return
    _rewrite_in_child(model_path, integer_matmul=integer_matmul, out=out)
    if kept is not None:
        _keep(out, kept)


def _rewrite_in_child(model_path: Path, *, integer_matmul: bool, out: Path) -> None:
    from knowledge.embeddings import ModelIntegrityError

    done = subprocess.run(
        [sys.executable, "-c", "from knowledge.graph_child import main; main()",
         str(model_path), "int8" if integer_matmul else "float", str(out)],
        capture_output=True, check=False, stdin=subprocess.DEVNULL,
        # The child imports what this process imports (the same checkout, not another).
        env={**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)})
    errors = done.stderr.decode(errors="replace").strip()
    if done.returncode == REFUSED:
        raise ModelIntegrityError(errors.splitlines()[-1] if errors else "model refused")
    if done.returncode != 0:
        raise RuntimeError(f"rewriting the embedding model's graph failed:\n{errors[-2000:]}")


def main() -> None:
    """The child: ``python -c ... MODEL_PATH int8|float OUT``."""
    from knowledge.embeddings import MODEL_SHA256, ModelIntegrityError, _checked_bytes

    model_path, kind, out = sys.argv[1:4]
    try:
        checked = _checked_bytes(Path(model_path), MODEL_SHA256, "embedding model")
    except ModelIntegrityError as error:
        print(error, file=sys.stderr)
        raise SystemExit(REFUSED) from None
    # Rewritten from the bytes just checked, never from a second read of the file.
    if kind == "int8":
        from knowledge.int8_graph import integer_matmul_graph

        graph = integer_matmul_graph(checked)
    else:
        from knowledge.lean_graph import int8_lookup_graph

        graph = int8_lookup_graph(checked)
    Path(out).write_bytes(graph)
    tables: dict[str, Any] = lookup_tables(graph)
    np.savez(tables_path(Path(out)), **tables)


def lookup_tables(graph_bytes: bytes) -> dict[str, np.ndarray]:
    """The int8 tables of at least ``SHARED_TABLE_BYTES`` that ``Gather`` nodes of the
    graph look rows up in, by initializer name."""
    import onnx
    from onnx import numpy_helper

    graph: onnx.GraphProto = onnx.load_from_string(graph_bytes).graph
    looked_up = {node.input[0] for node in graph.node if node.op_type == "Gather"}
    tables = {}
    for initializer in graph.initializer:
        if (initializer.name in looked_up and initializer.data_type == onnx.TensorProto.INT8
                and len(initializer.dims) == 2
                and int(np.prod(initializer.dims)) >= SHARED_TABLE_BYTES):
            tables[initializer.name] = numpy_helper.to_array(initializer)
    return tables


def shared_tables(out: Path) -> dict[str, onnxruntime.OrtValue]:
    """The lookup tables of the graph the child wrote to ``out``, one copy per process:
    the first graph's tables, read from its file, serve every later session too (every
    graph is rewritten from the same checked file, so a table of a name is the same)."""
    import onnxruntime

    with np.load(tables_path(out), allow_pickle=False) as stored:
        names = list(stored.files)
        with _shared_lock:
            for name in names:
                if name not in _shared:
                    table = np.ascontiguousarray(stored[name])
                    _shared[name] = (table, onnxruntime.OrtValue.ortvalue_from_numpy(table))
            return {name: _shared[name][1] for name in names}
