"""The bundled model's graph rewrites, done in a child process.

``knowledge/lean_graph.py`` and ``knowledge/int8_graph.py`` rewrite the shipped graph with
the ``onnx`` package, which brings protobuf and ml_dtypes: ~7 MB resident that nothing
else in a worker uses, kept for good once imported. A child process reads the model file,
checks its sha256, rewrites those very bytes and writes the graph to the file the parent
names; the parent loads that file into its onnxruntime session (~0.4 s more per model
at start, measured on the 2-core target). The graph is the same, byte for byte.

A refused model file (missing, wrong sha256) is :class:`~knowledge.embeddings.ModelIntegrityError`
in the parent, with the child's message.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The child's exit status for a refused model file (its message is the last stderr line).
REFUSED = 3


def rewrite_apart(model_path: Path, *, integer_matmul: bool, out: Path) -> None:
    """Write to ``out`` the checked graph at ``model_path`` rewritten as ``_load_model``
    needs it: int8 products (``integer_matmul``) or the float graph's int8 lookups."""
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
