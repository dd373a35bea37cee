"""A throwaway PostgreSQL server for the test session (a pytest plugin).

The server binaries come from the machine (PATH, then ``/usr/lib/postgresql/*/bin``);
``.ci/run`` installs Debian's ``postgresql`` where they are missing. PostgreSQL refuses to
run as root, so as root ``initdb`` and ``pg_ctl`` run through ``runuser -u postgres --`` in
a temp dir that user owns. One server per test session, on a free port on 127.0.0.1,
stopped and deleted at the end; each test asking for ``pg_url`` gets a fresh empty
database (pytest-postgresql's ``DatabaseJanitor``), dropped afterwards.

Fixtures:
- ``postgres_server`` (session): a :class:`PostgresServer` with ``url(dbname)``.
- ``pg_url`` (function): ``postgresql+psycopg://...`` URL of a fresh empty database.
- :func:`fresh_database` for your own fixtures, e.g. copies of a migrated template.

Set ``CROSSTRAIN_TEST_POSTGRES_URL`` (a server URL with a superuser, any database) to use
an existing server instead of starting one. Without binaries the tests that need the
server are skipped with the reason, never silently passed.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

_EXTERNAL_URL_ENV = "CROSSTRAIN_TEST_POSTGRES_URL"
_SERVER_USER = "postgres"
_DIR_PREFIX = "crosstrain-pg-"
_OWNER_FILE = "owner.pid"
_database_counter = itertools.count(1)


@dataclass(frozen=True)
class PostgresServer:
    """Where the test server listens; superuser ``user`` with no password (trust)."""

    host: str
    port: int
    user: str = _SERVER_USER
    password: str | None = None

    def url(self, dbname: str = "postgres") -> str:
        auth = self.user if self.password is None else f"{self.user}:{self.password}"
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{dbname}"


def find_postgres_bin_dir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, newest version first."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
        reverse=True,
    )
    for initdb in candidates:
        bin_dir = Path(initdb).parent
        if (bin_dir / "pg_ctl").exists():
            return bin_dir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    # PostgreSQL will not run as root; CI runs as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", _SERVER_USER, "--", *command]
    return command


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(
        _as_server_user(command), capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}): {result.stderr or result.stdout}")


class LocalPostgres:
    """initdb + pg_ctl start/stop in a temp dir owned by the server user."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        # Not under pytest's tmp dir: that one is 0700 root and the postgres user must
        # be able to reach its socket and data directories.
        self.base = Path(tempfile.mkdtemp(prefix=_DIR_PREFIX))
        self.data_dir = self.base / "data"
        self.log_file = self.base / "server.log"
        self.port = 0
        # Lets a later session stop this server if our process is killed before teardown.
        (self.base / _OWNER_FILE).write_text(str(os.getpid()))
        if os.geteuid() == 0:
            shutil.chown(self.base, user=_SERVER_USER)
        os.chmod(self.base, 0o755)

    def start(self) -> None:
        _run(
            [str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-A", "trust",
             "-U", _SERVER_USER, "-E", "UTF8", "--locale=C", "--no-sync"],
            "initdb",
        )
        # Durability is not what these tests measure; speed is what the CPU budget needs.
        server_options = (
            "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200 "
            f"-k {self.base}"
        )
        last_error: Exception | None = None
        for _ in range(5):  # the free port can be taken between probe and bind
            self.port = _free_port()
            try:
                _run(
                    [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l",
                     str(self.log_file), "-w", "-t", "60", "-o",
                     f"-p {self.port} {server_options}", "start"],
                    "pg_ctl start",
                )
                return
            except RuntimeError as error:
                last_error = error
        log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {last_error}\n{log[-2000:]}")

    def stop(self) -> None:
        try:
            if self.data_dir.exists():
                _run(
                    [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate",
                     "-w", "stop"],
                    "pg_ctl stop",
                )
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_orphaned_servers(bin_dir: Path) -> None:
    """Stop servers this plugin started for test sessions that were killed (e.g. by a
    timeout) before their teardown; only directories whose owner process is gone."""
    for owner_file in Path(tempfile.gettempdir()).glob(f"{_DIR_PREFIX}*/{_OWNER_FILE}"):
        try:
            owner = int(owner_file.read_text().strip())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        base = owner_file.parent
        if (base / "data" / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(base / "data"),
                                 "-m", "immediate", "-w", "stop"]),
                capture_output=True, timeout=60, check=False,
            )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole test session."""
    external = os.environ.get(_EXTERNAL_URL_ENV)
    if external:
        parts = urlsplit(external)
        yield PostgresServer(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or _SERVER_USER,
            password=parts.password,
        )
        return
    bin_dir = find_postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found (install Debian's postgresql; "
                    ".ci/run does)")
    reap_orphaned_servers(bin_dir)
    server = LocalPostgres(bin_dir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    try:
        yield PostgresServer(host="127.0.0.1", port=server.port)
    finally:
        server.stop()


@contextmanager
def fresh_database(
    server: PostgresServer, *, template: str | None = None, keep: bool = False
) -> Iterator[str]:
    """Create a database (a copy of ``template`` if given) and yield its URL; dropped
    at the end unless ``keep``."""
    from pytest_postgresql.janitor import DatabaseJanitor

    dbname = f"test_{os.getpid()}_{next(_database_counter)}"
    janitor = DatabaseJanitor(
        user=server.user,
        host=server.host,
        port=server.port,
        dbname=dbname,
        template_dbname=template,
        password=server.password,
        connection_timeout=30,
    )
    janitor.init()
    try:
        yield server.url(dbname)
    finally:
        if not keep:
            janitor.drop()


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    with fresh_database(postgres_server) as url:
        yield url
