"""Opening the SQLite file: checks, pragmas, migrations, and one connection per thread.

Field devices lose power and lids close mid-interview, so connections are tuned for
durability first: WAL with `synchronous=FULL` makes every commit survive a crash, and a busy
timeout lets the app and a CLI command share the file without "database is locked" errors.

Each thread gets its own connection (`Connections`). The UI thread saves answers while a Sync
worker merges files; with one shared connection the answer joined the merge's transaction and
was lost when a merged file failed, or its COMMIT committed half a file. With a connection each,
the two transactions queue on SQLite's write lock instead (the busy timeout) and stay whole.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from fieldsurvey.store import errors
from fieldsurvey.store.perthread import PerThread
from fieldsurvey.store.schema import newer_schema
from fieldsurvey.store.sqlite.errors import mapped, storage_error
from fieldsurvey.store.sqlite.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
READ_ONLY_MESSAGE = "the database is read-only; check the file's permissions"


def open_checked(path: Path, *, create: bool, synchronous: str = "FULL") -> sqlite3.Connection:
    """This thread's first connection to the database at `path`, created or migrated.

    A file that is not SQLite, a database from a newer fieldsurvey and a read-only file are
    refused before anything is written to them.
    """
    if path.exists():
        _check_is_sqlite(path)
        _check_is_writable(path)
        _make_empty_file_private(path)
    elif not create:
        raise errors.Missing("no such database", path=str(path))
    else:
        _create_private_file(path)
    conn = connect(path, synchronous)
    try:
        version = _user_version(conn, path)
        if version > SCHEMA_VERSION:
            raise newer_schema(version, SCHEMA_VERSION, str(path), "the file")
        try:
            _set_wal(conn)
            _migrate(conn, version)
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise errors.ReadOnly(READ_ONLY_MESSAGE, path=str(path)) from exc
            raise storage_error(exc, str(path)) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def connect(path: Path, synchronous: str = "FULL") -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with our pragmas.

    `check_same_thread=False` only so `Connections.close` may close a finished thread's
    connection: each connection is used by the thread that opened it, never shared.
    """
    with mapped(str(path)):
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
    return conn


class Connections(PerThread[sqlite3.Connection]):
    """This thread's connection to the file (store/perthread.py)."""

    def __init__(self, path: Path, synchronous: str = "FULL") -> None:
        super().__init__(str(path), lambda: connect(path, synchronous))
        self.path = path
        self.synchronous = synchronous


def _user_version(conn: sqlite3.Connection, path: Path) -> int:
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise errors.Corrupt(f"not a usable SQLite database ({exc})", path=str(path)) from exc


def _check_is_sqlite(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise errors.Corrupt(
            "not a SQLite database (wrong file header); nothing was changed", path=str(path)
        )


def _check_is_writable(path: Path) -> None:
    """Refuse up front: SQLite would open a read-only file silently and fail on the first answer."""
    if not os.access(path, os.W_OK):
        raise errors.ReadOnly(READ_ONLY_MESSAGE, path=str(path))


def _make_empty_file_private(path: Path) -> None:
    """An empty file (made by `touch`, or by a mktemp with the default umask) is about to
    become a database holding the device's secret key and answers: make it 0600 first."""
    try:
        if path.stat().st_size == 0 and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError as exc:
        raise errors.StoreError(
            f"cannot make the empty file private ({exc.strerror})", path=str(path)
        ) from exc


def _create_private_file(path: Path) -> None:
    """Create the file with mode 0600 before SQLite does, so answers are never world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another process created it a moment ago; an empty file is a new database
    os.close(fd)


def _set_wal(conn: sqlite3.Connection) -> None:
    """WAL is a property of the file: set once here, every later connection uses it."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        # A read-only file cannot switch to WAL: surface it as the read-only error it is.
        conn.execute("PRAGMA user_version = user_version")


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """Apply the migrations after `version`, each with its version bump in one transaction."""
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= number:  # another process migrated while we waited
                conn.execute("ROLLBACK")
                continue
            migration = MIGRATIONS[number - 1]
            if callable(migration):
                migration(conn)
            else:
                for statement in _statements(migration):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]
