"""Opening the local database: file checks, pragmas, migrations, device identity.

Field devices lose power and lids close mid-interview, so the connection is tuned for
durability first: WAL with `synchronous=FULL` makes every commit survive a crash, and a busy
timeout lets the app and a CLI command share the file without "database is locked" errors.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from fieldsurvey.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
READ_ONLY_MESSAGE = "the database is read-only; check the file's permissions"


class StoreError(Exception):
    """A database that cannot be used, with the reason in words a user can act on."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


def utc_now() -> str:
    """Wall-clock time as stored everywhere: UTC ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def open_database(path: Path | str, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) the database at `path`, or raise StoreError.

    A file that is not SQLite, a database from a newer fieldsurvey and a read-only file are
    refused before anything is written to them.
    """
    path = Path(path)
    if path.exists():
        _check_is_sqlite(path)
        _check_is_writable(path)
        _make_empty_file_private(path)
    elif not create:
        raise StoreError(path, "no such database")
    else:
        _create_private_file(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(path, f"not a usable SQLite database ({exc})") from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            path,
            f"made by a newer fieldsurvey (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade fieldsurvey to use it — the file was left untouched",
        )
    try:
        _configure(conn)
        _migrate(conn, version)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise StoreError(path, READ_ONLY_MESSAGE) from exc
        raise StoreError(path, str(exc)) from exc
    # No sqlite-utils plugins: they cost start-up time and must not alter our connection.
    return sqlite_utils.Database(conn, execute_plugins=False)


def _check_is_sqlite(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise StoreError(path, "not a SQLite database (wrong file header); nothing was changed")


def _check_is_writable(path: Path) -> None:
    """Refuse up front: SQLite would open a read-only file silently and fail on the first answer."""
    if not os.access(path, os.W_OK):
        raise StoreError(path, READ_ONLY_MESSAGE)


def _make_empty_file_private(path: Path) -> None:
    """An empty file (made by `touch`, or by a mktemp with the default umask) is about to
    become a database holding the device's secret key and answers: make it 0600 first."""
    try:
        if path.stat().st_size == 0 and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError as exc:
        raise StoreError(path, f"cannot make the empty file private ({exc.strerror})") from exc


def _create_private_file(path: Path) -> None:
    """Create the file with mode 0600 before SQLite does, so answers are never world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another process created it a moment ago; an empty file is a new database
    os.close(fd)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        # A read-only file cannot switch to WAL: surface it as the read-only error it is.
        conn.execute("PRAGMA user_version = user_version")
    conn.execute("PRAGMA synchronous = FULL")


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """Apply the migrations after `version`, each with its version bump in one transaction."""
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= number:  # another process migrated while we waited
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[number - 1]):
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


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One unit of work that writes: BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    IMMEDIATE takes the write lock up front, so two processes queue on the busy timeout
    instead of failing with "database is locked" when a read turns into a write.

    Inside an open transaction it joins it: an error propagates and the outermost unit rolls
    back as a whole. (No savepoints: batch writers such as `demo` and `merge` nest thousands
    of units, and a savepoint pair per unit doubled their statements.)
    """
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def device_id(db: sqlite_utils.Database) -> str:
    """This database's device identity, made on first use."""
    existing = get_setting(db, "device_id")
    if existing:
        return existing
    new_id = str(uuid.uuid4())
    with write_transaction(db):
        db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('device_id', ?)", [new_id])
    return get_setting(db, "device_id") or new_id


WRITE_FAILURES: dict[str, tuple[str, str]] = {
    "SQLITE_FULL": ("disk_full", "the disk is full"),
    "SQLITE_READONLY": ("read_only", "the database is read-only"),
    "SQLITE_BUSY": ("busy", "another program kept the database busy"),
    "SQLITE_LOCKED": ("busy", "another program kept the database busy"),
    "SQLITE_IOERR": ("io_error", "the disk reported a read/write error"),
}
"""SQLite result-code prefixes -> (code, words an interviewer can act on)."""


def describe_write_error(exc: sqlite3.Error) -> tuple[str, str]:
    """(code, message) for a write that failed, e.g. ("disk_full", "the disk is full").

    The code lets callers decide (the engine keeps the interview open and usable); the
    message is shown as is.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefix, failure in WRITE_FAILURES.items():
        if name.startswith(prefix):
            return failure
    return "storage", f"the database could not be written ({exc})"
