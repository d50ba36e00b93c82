"""The SQLite adapter: the only code that runs SQL or imports `sqlite3` (import-linter checks).

    store = open_store(path)        # create or migrate, or raise StoreError
    with store.unit_of_work(): ...  # one transaction on this thread

`SQLiteStore` implements `fieldsurvey.store.interface.Store`, one mixin per concern:
settings, questionnaires, responses (the engine's draft sink), counts, imports (merge),
exports, conflicts, scoring, copy (demo). `connection.py` opens the file and gives each thread
its own connection; `errors.py` maps SQLite's exceptions to ours; `schema.py` holds the
migrations.
"""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.store.sqlite.connection import Connections, open_checked
from fieldsurvey.store.sqlite.store import SQLiteStore


def open_store(path: Path | str, *, create: bool = True, durable: bool = True) -> SQLiteStore:
    """Open (and create or migrate) the database at `path`, or raise StoreError.

    A file that is not SQLite, a database from a newer fieldsurvey and a read-only file are
    refused before anything is written to them. `durable=False` (`synchronous = OFF`) is for
    scratch files only, which a crash may lose whole (demo builds its chunks in them).
    """
    path = Path(path)
    synchronous = "FULL" if durable else "OFF"
    connections = Connections(path, synchronous)
    connections.adopt(open_checked(path, create=create, synchronous=synchronous))
    return SQLiteStore(connections)


__all__ = ["SQLiteStore", "open_store"]
