"""Storage failures in our own words, whatever the backend.

Callers (engine, services, CLI, UI) catch these, never a driver's exceptions: the SQLite
adapter maps `sqlite3` errors to them in one place (`store/sqlite/errors.py`), and a PostgreSQL
adapter will map `psycopg`'s the same way. `code` lets a caller decide (the engine keeps an
interview open on `disk_full`); `message` is shown to the user as it is.
"""

from __future__ import annotations

from typing import ClassVar


class StoreError(Exception):
    """A database that cannot be used or written, with the reason in words a user can act on."""

    code: ClassVar[str] = "storage"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.message = message
        self.path = path


class DiskFull(StoreError):
    code = "disk_full"


class ReadOnly(StoreError):
    code = "read_only"


class Busy(StoreError):
    """Another program held the database longer than the busy timeout."""

    code = "busy"


class DiskIOError(StoreError):
    code = "io_error"


class Corrupt(StoreError):
    """Not a database, or a damaged one."""

    code = "corrupt"


class NewerSchema(StoreError):
    """Made by a newer fieldsurvey: refused untouched."""

    code = "newer_schema"


class Missing(StoreError):
    """No database at that place (and creating one was not asked for)."""

    code = "missing"


class IntegrityFailure(StoreError):
    """A write the schema's constraints refused (a duplicate, a bad reference)."""

    code = "integrity"


class Unreachable(StoreError):
    """The database server cannot be reached, or the connection to it was lost."""

    code = "unreachable"


class NotPermitted(StoreError):
    """The server refused the user: a wrong password, or privileges fieldsurvey needs."""

    code = "not_permitted"


class CaptureOnDevice(StoreError):
    """A server URL given to a command that captures interviews: those stay on SQLite."""

    code = "capture_on_device"
