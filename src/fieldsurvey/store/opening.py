"""Opening the configured store: the one place that chooses an adapter.

A path is a SQLite file (a device, or a supervisor's own database); a `postgresql://` URL is
a PostgreSQL server (HQ, docs/postgresql.md). Interviews are captured on SQLite only, so
`open_store` (what the app, `ask`, `demo` and `export` use) refuses a URL with the reason, and
`open_supervisor_store` (merge, scores, data...) takes either. Nothing that receives the store
changes with the backend.
"""

from __future__ import annotations

from fieldsurvey.store.errors import CaptureOnDevice
from fieldsurvey.store.interface import Store, SupervisorStore
from fieldsurvey.store.location import Location, is_server, shown

SERVER_COMMANDS = (
    "merge, conflicts, devices, rounds, quality, review, scores, data, report, indicators"
)
"""The commands that accept a PostgreSQL URL (CONTRACT.md, docs/postgresql.md)."""


def open_store(location: Location, *, create: bool = True) -> Store:
    """Open (and create or migrate) the SQLite store at `location`, or raise StoreError.

    A server URL is refused (CaptureOnDevice): interviews are captured on a device's SQLite
    database and reach the server through export files and merge.
    """
    if is_server(location):
        raise CaptureOnDevice(
            "interviews are captured and exported on a device's SQLite database, not on a "
            "PostgreSQL server; give a database file with --db (a server URL is accepted by "
            f"{SERVER_COMMANDS})",
            path=shown(location),
        )
    from fieldsurvey.store.sqlite import open_store as open_sqlite  # the adapter, on demand

    return open_sqlite(location, create=create)


def open_supervisor_store(location: Location, *, create: bool = True) -> SupervisorStore:
    """Open the store of a command that does not capture interviews: a PostgreSQL server for
    a `postgresql://` URL, else the SQLite file at `location`."""
    if is_server(location):
        from fieldsurvey.store.postgres import open_store as open_postgres  # psycopg: only here

        return open_postgres(str(location), create=create)
    return open_store(location, create=create)
