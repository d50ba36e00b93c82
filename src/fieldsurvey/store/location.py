"""Where a store lives: a SQLite file (a path) or a PostgreSQL server (a URL), and how a
location is shown to people.

A server URL may carry a password (`postgresql://hq:secret@host/db`); `shown` is the only form
that goes into messages and logs, with the password replaced by `***`, so an error pasted into
a ticket never hands over the HQ database.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SERVER_SCHEMES = ("postgresql", "postgres")
"""URL schemes libpq accepts for a PostgreSQL server."""

HIDDEN = "***"

Location = Path | str
"""A database file's path, or a server URL (a str)."""


def is_server(location: Location) -> bool:
    """True for a PostgreSQL URL (`postgresql://...` or `postgres://...`)."""
    if isinstance(location, Path):
        return False
    scheme, sep, _ = location.partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def shown(location: Location) -> str:
    """The location as it may be printed: a URL's password (in the user part or as a
    `password=` parameter) replaced by `***`; a path as it is."""
    if not is_server(location):
        return str(location)
    parts = urlsplit(str(location))
    netloc = parts.netloc
    user, at, host = netloc.rpartition("@")
    if at and ":" in user:
        netloc = f"{user.split(':', 1)[0]}:{HIDDEN}@{host}"
    query = parse_qsl(parts.query, keep_blank_values=True)
    hidden = [(k, HIDDEN if k.lower() == "password" else v) for k, v in query]
    safe_query = urlencode(hidden, safe="*/") if query else parts.query
    return urlunsplit((parts.scheme, netloc, parts.path, safe_query, parts.fragment))
