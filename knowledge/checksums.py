"""The sha256 of a file, read in blocks: how every shipped model, kept graph, kept index
copy and stored classifier is checked. Kept free of heavy imports: the graph child uses it."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
