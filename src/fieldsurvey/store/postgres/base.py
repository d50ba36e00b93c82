"""What every part of the PostgreSQL adapter builds on: this thread's connection and the unit
of work (one transaction holding the writers' advisory lock)."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from fieldsurvey.store.postgres.connection import WRITER_LOCK, Connection, Connections
from fieldsurvey.store.postgres.errors import mapped, storage_error


def in_transaction(conn: Connection) -> bool:
    return conn.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)


class PostgresUnit:
    """The context manager `unit_of_work()` returns: BEGIN, the writers' lock, COMMIT or
    ROLLBACK; a unit inside a unit of the same thread joins it."""

    __slots__ = ("conn", "outer", "shown")

    def __init__(self, conn: Connection, shown: str) -> None:
        self.conn = conn
        self.shown = shown
        self.outer = False

    def __enter__(self) -> None:
        if in_transaction(self.conn):
            return
        with mapped(self.shown):
            self.conn.execute("BEGIN")
            self.outer = True
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.outer:
            return
        with mapped(self.shown):
            if kind is None:
                self.conn.execute("COMMIT")  # a failed COMMIT leaves no transaction open
                return
            if not self.conn.closed and in_transaction(self.conn):
                self.conn.execute("ROLLBACK")
        if isinstance(exc, psycopg.Error):
            raise storage_error(exc, self.shown) from exc


class PostgresBase:
    def __init__(self, connections: Connections) -> None:
        self._connections = connections

    @property
    def location(self) -> str:
        """The server URL as it may be shown (no password)."""
        return self._connections.shown

    @property
    def conn(self) -> Connection:
        """This thread's connection (never hand it to another thread)."""
        return self._connections.get()

    def execute(self, sql: str, params: Sequence[object] = ()) -> psycopg.Cursor[tuple[Any, ...]]:
        """Run one statement on this thread's connection (the adapter's parts and tests)."""
        return self.conn.execute(sql, params or None)

    def unit_of_work(self) -> PostgresUnit:
        return PostgresUnit(self.conn, self.location)

    def require_unit(self) -> Connection:
        """This thread's connection, which must be inside a unit of work (writes check)."""
        conn = self.conn
        if not in_transaction(conn):
            raise RuntimeError("this store method writes: call it inside store.unit_of_work()")
        return conn

    def close(self) -> None:
        self._connections.close()
