"""What every part of the SQLite adapter builds on: this thread's connection and the unit of work.

The parts (settings.py, responses.py, imports.py...) are mixins of `SQLiteStore` (store.py),
one per concern, each holding its own SQL; they reach the database only through `conn`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from fieldsurvey.store.sqlite.connection import Connections
from fieldsurvey.store.sqlite.errors import mapped


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

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT on this thread's connection, rolled back on any error.

        IMMEDIATE takes the write lock up front, so two writers (threads or processes) queue
        on the busy timeout instead of failing with "database is locked" when a read turns
        into a write. A unit inside a unit of the same thread joins it (no savepoints: batch
        writers such as `demo` nest thousands of units, and a savepoint pair per unit doubled
        their statements); another thread's unit is never joined, it has its own connection.
        """
        conn = self.conn
        if conn.in_transaction:
            yield
            return
        with mapped(str(self.path)):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
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

    def require_unit(self) -> sqlite3.Connection:
        """This thread's connection, which must be inside a unit of work (writes check)."""
        conn = self.conn
        if not conn.in_transaction:
            raise RuntimeError("this store method writes: call it inside store.unit_of_work()")
        return conn

    def close(self) -> None:
        self._connections.close()
