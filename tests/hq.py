"""One supervisor database on either backend, for the merge and score tests both run.

`hq` (tests/conftest.py) is parametrised by backend: a SQLite file, or a fresh database on the
session's PostgreSQL server. Tests reach it through the store interface and the CLI
(`location` is what `--db` takes); `rows` runs one read on either backend (`?` marks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldsurvey.store.interface import SupervisorStore

TABLES = {
    "settings": "key",
    "questionnaires": "hash",
    "responses": "uuid, content_hash, id",
    "answers": "response, question",
    "paradata": "response, seq",
    "devices": "device_id",
    "imports": "file_sha256",
    "indicator_values": "office, period, indicator",
    "conflict_resolutions": "id",
    "trust_log": "id",
    "reviews": "id",
}
"""Every table both backends share, with an order for comparing their rows."""


@dataclass
class HQ:
    kind: str
    location: str
    store: SupervisorStore

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.kind == "postgres":
            sql = sql.replace("?", "%s")
        found = self.store.execute(sql, list(params)).fetchall()  # type: ignore[attr-defined]
        return [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in found]

    def flags(self) -> dict[str, tuple[int, int]]:
        found = self.rows("SELECT content_hash, is_head, in_conflict FROM responses")
        return {digest: (int(head), int(conflict)) for digest, head, conflict in found}

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table (for 'nothing changed')."""
        return {table: self.rows(f"SELECT * FROM {table} ORDER BY {order}")
                for table, order in TABLES.items()}  # fmt: skip
