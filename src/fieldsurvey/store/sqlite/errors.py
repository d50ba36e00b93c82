"""The one place where SQLite's exceptions become the store's own (store/errors.py).

Mapped by SQLite's result code (`sqlite_errorname`), not by message text, so a translated or
reworded message changes nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from fieldsurvey.store import errors

FAILURES: dict[str, tuple[type[errors.StoreError], str]] = {
    "SQLITE_FULL": (errors.DiskFull, "the disk is full"),
    "SQLITE_READONLY": (errors.ReadOnly, "the database is read-only"),
    "SQLITE_BUSY": (errors.Busy, "another program kept the database busy"),
    "SQLITE_LOCKED": (errors.Busy, "another program kept the database busy"),
    "SQLITE_IOERR": (errors.DiskIOError, "the disk reported a read/write error"),
    "SQLITE_CORRUPT": (errors.Corrupt, "the database file is damaged"),
    "SQLITE_NOTADB": (errors.Corrupt, "not a SQLite database"),
    "SQLITE_CONSTRAINT": (errors.IntegrityFailure, "a write broke a rule of the schema"),
}
"""SQLite result-code prefixes -> (our error, words a user can act on)."""


def storage_error(exc: sqlite3.Error, path: str | None = None) -> errors.StoreError:
    """Our error for a SQLite one, e.g. DiskFull("the disk is full")."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefix, (kind, message) in FAILURES.items():
        if name.startswith(prefix):
            detail = f" ({exc})" if kind is errors.IntegrityFailure else ""
            return kind(message + detail, path=path)
    return errors.StoreError(f"the database could not be written ({exc})", path=path)


@contextlib.contextmanager
def mapped(path: str | None = None) -> Iterator[None]:
    """Raise our StoreError for any sqlite3.Error inside."""
    try:
        yield
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from exc
