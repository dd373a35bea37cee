"""The last start's index copy, kept in the data directory, and when it may be used again.

Every start of a worker runs a child process (``bot/services.py``: ``prepare_apart``) that
migrates the database, refreshes the article index with Chroma and writes a copy of the
index for the worker. When nothing it reads has changed since the last start, that child
would migrate nothing, embed nothing and write the same copy again, and it is most of a
restart's cost (a new interpreter importing Chroma and Alembic: ~3.5 s of CPU of the ~11 s
a restart took, measured on the shared 2-core machine).

So the copy is kept beside the index with a *stamp* of everything the child's result
depends on, taken around its run:

- the settings it reads (articles folder, collection, embeddings choice);
- every file of the articles folder (sha256), taken *before* the child reads them;
- our own source files the child ran (sha256), and the migration scripts;
- the model file (size and mtime);
- the on-disk Chroma folder (names, sizes, mtimes), taken *after* the child ran, since
  opening it touches its files; ``crosstrain kb ingest`` or ``kb list`` in between
  changes them, so the next start runs the child again;
- the schema revision the child left the database at.

A start whose stamp matches, and whose database is still at that revision, loads the
kept copy and skips the child. Anything else (no stamp, any difference, a Chroma server,
``static`` or ``openai`` embeddings, whose state is not all in these files) runs the
child as before and writes a new stamp.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import text

from config.settings import Settings
from knowledge.checksums import file_sha256
from knowledge.index_copy import IndexCopy
from storage.db import MIGRATIONS_DIR, Database

log = logging.getLogger(__name__)

STAMP_VERSION = 1
COPY_NAME = "index-copy.npz"
STAMP_NAME = "index-copy.json"


def _filesfile_sha256(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {str(path.relative_to(folder)): file_sha256(path)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _folder_state(folder: Path) -> list[list[Any]]:
    if not folder.is_dir():
        return []
    return [[str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns]
            for path in sorted(folder.rglob("*")) if path.is_file()
            for stat in [path.stat()]]


def _model_state() -> list[Any]:
    from knowledge.embeddings import default_model_path

    path = default_model_path().resolve()
    stat = path.stat()
    return [str(path), stat.st_size, stat.st_mtime_ns]


def schema_revision(database: Database) -> str | None:
    """The revision the database's schema is at (Alembic's table, read without Alembic)."""
    try:
        with database.engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no table yet, an unreachable server: not known to be migrated
        return None


class PreparedIndex:
    """The kept copy and its stamp in ``settings.data_dir`` (see the module doc)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.copy_path = settings.data_dir / COPY_NAME
        self.stamp_path = settings.data_dir / STAMP_NAME

    @property
    def applies(self) -> bool:
        """Whether everything the child's result depends on is in files we can stamp."""
        return self.settings.embeddings == "local" and not self.settings.chroma_host

    def inputs(self) -> dict[str, Any]:
        """The part of the stamp taken before the child runs."""
        settings = self.settings
        return {
            "version": STAMP_VERSION,
            # Not the data directory's own path: a copy of the folder (mtimes kept) is
            # the same index; its database is asked for its revision at each start.
            "settings": [str(settings.articles_dir.resolve()), settings.chroma_collection,
                         settings.embeddings],
            "articles": _filesfile_sha256(settings.articles_dir),
            "migrations": _filesfile_sha256(MIGRATIONS_DIR),
            "model": _model_state(),
        }

    def load_if_current(self, database: Database) -> IndexCopy | None:
        """The kept copy when nothing it depends on has changed since it was made."""
        if not self.applies or database.in_memory:
            return None
        try:
            stamp = json.loads(self.stamp_path.read_text())
            if stamp.get("inputs") != self.inputs():
                return None
            if stamp.get("code") != {path: file_sha256(Path(path)) for path in stamp["code"]}:
                return None
            if stamp.get("chroma") != _folder_state(self.settings.chroma_dir):
                return None
            if stamp.get("revision") is None or stamp["revision"] != schema_revision(database):
                return None
            if stamp.get("copy") != file_sha256(self.copy_path):
                return None
            return IndexCopy.load(self.copy_path)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, unreadable or from another version: prepare again

    def record(self, inputs: dict[str, Any], code: list[str], database: Database) -> None:
        """Stamp the copy the child just wrote to :attr:`copy_path` (``inputs`` taken before
        it ran, ``code`` the source files it ran)."""
        if not self.applies:
            return
        stamp = {
            "inputs": inputs,
            "code": {path: file_sha256(Path(path)) for path in code},
            "chroma": _folder_state(self.settings.chroma_dir),
            "revision": schema_revision(database),
            "copy": file_sha256(self.copy_path),
        }
        # Replaced whole, so a reader never sees half a stamp.
        partial = self.stamp_path.with_name(f"{STAMP_NAME}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(stamp))
        os.replace(partial, self.stamp_path)

    def forget(self) -> None:
        """Drop the stamp (before the child rewrites the copy)."""
        self.stamp_path.unlink(missing_ok=True)


# Our packages: a source file of these the child ran is part of the stamp.
_PACKAGES = frozenset({"bot", "coach", "config", "knowledge", "prompts", "storage", "usecases"})


def project_sources() -> list[str]:
    """Our own source files loaded in this process (the child reports them); libraries
    (even a ``.venv`` inside the checkout) are left to the model and settings parts."""
    import sys

    root = Path(__file__).resolve().parents[1]
    files = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        resolved = Path(path).resolve()
        if resolved.is_relative_to(root) and resolved.relative_to(root).parts[0] in _PACKAGES:
            files.add(str(resolved))
    return sorted(files)
