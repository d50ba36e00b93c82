"""Opening the configured store: the one place that chooses an adapter.

Today every store is a SQLite file. A PostgreSQL adapter (HQ) will be chosen here by its
location (`postgresql://...`); nothing that receives the store changes.
"""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.store.interface import Store


def open_store(location: Path | str, *, create: bool = True) -> Store:
    """Open (and create or migrate) the store at `location`, or raise StoreError."""
    from fieldsurvey.store.sqlite import open_store as open_sqlite  # the adapter, on demand

    return open_sqlite(location, create=create)
