"""What every part of the SQLite adapter builds on: this thread's connection and the unit of work.

The parts (settings.py, responses.py, imports.py...) are mixins of `SQLiteStore` (store.py),
one per concern, each holding its own SQL; they reach the database only through `conn`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from fieldsurvey.store.sqlite.connection import Connections
from fieldsurvey.store.sqlite.errors import mapped, storage_error


class SQLiteUnit:
    """The context manager `unit_of_work()` returns (a class: every answer enters one, and a
    generator-based context manager cost three times as much)."""

    __slots__ = ("conn", "outer", "path")

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self.outer = False

    def __enter__(self) -> None:
        if self.conn.in_transaction:
            return  # joins the unit this thread has open
        with mapped(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
        self.outer = True

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.outer:
            return
        with mapped(self.path):
            if kind is None:
                try:
                    self.conn.execute("COMMIT")
                    return
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise storage_error(exc, self.path) from exc


class SQLiteBase:
    def __init__(self, connections: Connections) -> None:
        self._connections = connections

    @property
    def path(self) -> Path:
        return self._connections.path

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (never hand it to another thread)."""
        return self._connections.get()

    def execute(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        """Run one statement on this thread's connection (the adapter's parts and tests)."""
        return self._connections.get().execute(sql, params)

    def unit_of_work(self) -> SQLiteUnit:
        """BEGIN IMMEDIATE ... COMMIT on this thread's connection, rolled back on any error.

        IMMEDIATE takes the write lock up front, so two writers (threads or processes) queue
        on the busy timeout instead of failing with "database is locked" when a read turns
        into a write. A unit inside a unit of the same thread joins it (no savepoints: batch
        writers such as `demo` nest thousands of units, and a savepoint pair per unit doubled
        their statements); another thread's unit is never joined, it has its own connection.
        """
        return SQLiteUnit(self.conn, str(self.path))

    def require_unit(self) -> sqlite3.Connection:
        """This thread's connection, which must be inside a unit of work (writes check)."""
        conn = self.conn
        if not conn.in_transaction:
            raise RuntimeError("this store method writes: call it inside store.unit_of_work()")
        return conn

    def close(self) -> None:
        self._connections.close()
