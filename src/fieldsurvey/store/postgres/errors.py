"""The one place where psycopg's exceptions become the store's own (store/errors.py).

Mapped by SQLSTATE class (the first two characters), not by message text. A failure to
connect carries no SQLSTATE: libpq's message tells a refused password from a server that is
not there. Messages name the location as `location.shown` makes it (no password), and never
repeat libpq's text for a connection, which may quote the connection string.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg

from fieldsurvey.store import errors

LOST = (
    "lost the connection to the database server; what was being written is not in — "
    "run the command again"
)
UNREACHABLE = "cannot reach the database server (is it running, and are the host and port right?)"
REFUSED_LOGIN = "the database server refused the user name or password"

BY_CLASS: dict[str, tuple[type[errors.StoreError], str]] = {
    "08": (errors.Unreachable, LOST),
    "57": (errors.Unreachable, LOST),
    "28": (errors.NotPermitted, REFUSED_LOGIN),
    "23": (errors.IntegrityFailure, "a write broke a rule of the schema"),
    "40": (errors.Busy, "another supervisor's work kept the database busy; try again"),
    "55": (errors.Busy, "another supervisor's work kept the database busy; try again"),
    "53": (errors.DiskFull, "the database server is out of disk or memory"),
    "XX": (errors.Corrupt, "the database server reported damaged data"),
}
"""SQLSTATE classes -> (our error, words a user can act on)."""

BY_STATE: dict[str, tuple[type[errors.StoreError], str]] = {
    "42501": (
        errors.NotPermitted,
        "the database user lacks a privilege fieldsurvey needs (it must be able to create "
        "tables in the database's public schema and read and write them)",
    ),
    "25006": (errors.ReadOnly, "the database server is read-only (a standby?)"),
    "3D000": (errors.Missing, "no such database on the server"),
}


def storage_error(exc: psycopg.Error, location: str) -> errors.StoreError:
    """Our error for a psycopg one; `location` is already safe to show."""
    state = exc.sqlstate or ""
    found = BY_STATE.get(state) or BY_CLASS.get(state[:2])
    if found is not None:
        kind, message = found
        detail = f" ({_primary(exc)})" if kind is errors.IntegrityFailure else ""
        return kind(message + detail, path=location)
    if isinstance(exc, psycopg.OperationalError):
        return _connection_error(exc, location)
    return errors.StoreError(
        f"the database server refused a statement ({state or 'no code'}: {_primary(exc)})",
        path=location,
    )


def _connection_error(exc: psycopg.OperationalError, location: str) -> errors.StoreError:
    text = str(exc)
    if "password" in text or "authentication" in text:
        return errors.NotPermitted(REFUSED_LOGIN, path=location)
    if "does not exist" in text and "database" in text:
        return errors.Missing("no such database on the server", path=location)
    if "closed" in text or "terminat" in text or "lost" in text:
        return errors.Unreachable(LOST, path=location)
    return errors.Unreachable(UNREACHABLE, path=location)


def _primary(exc: psycopg.Error) -> str:
    """The server's own one-line message (never a connection string)."""
    diag = getattr(exc, "diag", None)
    primary = diag.message_primary if diag is not None else None
    return primary or type(exc).__name__


@contextlib.contextmanager
def mapped(location: str) -> Iterator[None]:
    """Raise our StoreError for any psycopg.Error inside."""
    try:
        yield
    except psycopg.Error as exc:
        raise storage_error(exc, location) from exc
