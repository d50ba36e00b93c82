"""Connecting to the server: the schema check, migrations, and one connection per thread.

The store's rules hold here as on SQLite (docs/architecture.md): each thread has its own
connection and a transaction is never shared between threads. A connection the server closed
(a restart, a network cut, an administrator's `pg_terminate_backend`) is replaced on the next
use, so a long merge loses the file in flight and goes on with the next one.

Writers queue on one transaction-level advisory lock (`WRITER_LOCK`), taken as a unit of work
begins (base.py): several supervisors merging into one HQ database then write one file at a
time, each reading the state the previous one committed, with no deadlock to surface and no
file merged twice. Readers never wait (MVCC).
"""

from __future__ import annotations

from typing import Any

import psycopg

from fieldsurvey.store import errors
from fieldsurvey.store.perthread import PerThread
from fieldsurvey.store.postgres.errors import mapped
from fieldsurvey.store.postgres.schema import MIGRATIONS, SCHEMA_VERSION
from fieldsurvey.store.schema import newer_schema

CONNECT_TIMEOUT_S = 10
SESSION_OPTIONS = "-c jit=off"
"""JIT off for our sessions: the scoring query's correlated lookups make the planner's cost
estimate large enough to compile it, which took 40 ms of its 200 ms (2,000 interviews,
100,000 answers) and saved nothing; our other statements are short."""
WRITER_LOCK = 0x66_73_77_72_69_74_65
"""The advisory lock every unit of work holds until it ends ('fswrite' in ASCII)."""
MIGRATION_LOCK = 0x66_73_6D_69_67_72
"""The advisory lock migrations hold ('fsmigr'): two first starts migrate once."""
VERSION_TABLE = "fieldsurvey_schema"

Connection = psycopg.Connection[tuple[Any, ...]]
"""Rows come back as plain tuples; the mixins turn them into `store.records` dataclasses."""


def connect(url: str, shown: str) -> Connection:
    """A connection in autocommit mode (transactions are explicit, as on SQLite)."""
    with mapped(shown):
        return psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="fieldsurvey",
            options=SESSION_OPTIONS,
        )


def open_checked(url: str, shown: str, *, create: bool) -> Connection:
    """This thread's first connection, the schema created or migrated; a newer schema is
    refused before anything is written."""
    conn = connect(url, shown)
    try:
        with mapped(shown):
            version = schema_version(conn)
            if version > SCHEMA_VERSION:
                raise newer_schema(version, SCHEMA_VERSION, shown, "the database")
            if version == 0 and not create:
                raise errors.Missing("no fieldsurvey tables in this database", path=shown)
            if version < SCHEMA_VERSION:
                _migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def schema_version(conn: Connection) -> int:
    """Migrations applied (0: no fieldsurvey tables yet)."""
    found = conn.execute("SELECT to_regclass(%s)", [VERSION_TABLE]).fetchone()
    if found is None or found[0] is None:
        return 0
    row = conn.execute(f"SELECT max(version) FROM {VERSION_TABLE}").fetchone()
    return int(row[0]) if row and isinstance(row[0], int) else 0


def _migrate(conn: Connection) -> None:
    """Apply the missing migrations in one transaction (DDL is transactional here)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
        conn.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
        for number in range(schema_version(conn) + 1, SCHEMA_VERSION + 1):
            conn.execute(MIGRATIONS[number - 1])
            conn.execute(f"DELETE FROM {VERSION_TABLE}")
            conn.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (%s)", [number])


class Connections(PerThread[Connection]):
    """This thread's connection to the server (store/perthread.py), opened again when the
    server closed it."""

    def __init__(self, url: str, shown: str) -> None:
        super().__init__(shown, lambda: connect(url, shown), lambda conn: not conn.closed)
        self.shown = shown
