"""The PostgreSQL adapter (HQ): the only code that imports `psycopg` (import-linter checks).

    store = open_store("postgresql://hq@server/fieldsurvey")   # create or migrate
    with store.unit_of_work(): ...                               # one transaction

`PostgresStore` implements `fieldsurvey.store.interface.SupervisorStore`: what merge,
conflicts, devices, rounds, quality, review, scores, data, report and indicators use.
Interviews are captured on SQLite only (store/opening.py refuses a URL to those commands).
`connection.py` connects, checks and migrates the schema and gives each thread its own
connection; `errors.py` maps psycopg's exceptions to ours; `schema.py` holds the migrations.
See docs/postgresql.md.
"""

from __future__ import annotations

from fieldsurvey.store.location import shown
from fieldsurvey.store.postgres.connection import Connections, open_checked
from fieldsurvey.store.postgres.store import PostgresStore


def open_store(url: str, *, create: bool = True) -> PostgresStore:
    """Connect to the server at `url`, create or migrate the schema, or raise StoreError
    (a newer schema is refused before anything is written). Messages never show the URL's
    password."""
    safe = shown(url)
    connections = Connections(url, safe)
    connections.adopt(open_checked(url, safe, create=create))
    return PostgresStore(connections)


__all__ = ["PostgresStore", "open_store"]
