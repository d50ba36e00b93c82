"""Copying the responses of another database file (demo's scratch ones) in one unit.

Response ids are local row ids, so the copied rows are renumbered after the highest id here;
answers and paradata follow their response.
"""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.store.interface import ScratchOpener, ScratchStore
from fieldsurvey.store.records import RESPONSE_FIELDS
from fieldsurvey.store.sqlite.base import SQLiteBase

RESPONSE_COLUMNS = ", ".join(name for name in RESPONSE_FIELDS if name != "id")


def open_scratch(path: Path) -> ScratchStore:
    """A store on a scratch file with `synchronous = OFF` (demo's chunks)."""
    from fieldsurvey.store.sqlite import open_store  # the package builds on this module

    return open_store(path, durable=False)


class CopyMixin(SQLiteBase):
    def scratch_opener(self) -> ScratchOpener:
        return open_scratch

    def copy_responses_from(self, other: Path) -> None:
        conn = self.conn
        conn.execute("ATTACH DATABASE ? AS scratch", [str(other)])
        try:
            with self.unit_of_work():
                offset = conn.execute("SELECT COALESCE(MAX(id), 0) FROM main.responses").fetchone()[
                    0
                ]
                conn.execute(
                    "INSERT OR IGNORE INTO main.questionnaires SELECT * FROM scratch.questionnaires"
                )
                conn.execute(
                    f"INSERT INTO main.responses (id, {RESPONSE_COLUMNS}) "
                    f"SELECT id + ?, {RESPONSE_COLUMNS} FROM scratch.responses ORDER BY id",
                    [offset],
                )
                conn.execute(
                    "INSERT INTO main.answers (response, question, value, answered_at) "
                    "SELECT response + ?, question, value, answered_at FROM scratch.answers",
                    [offset],
                )
                conn.execute(
                    "INSERT INTO main.paradata (response, seq, question, event, at, "
                    "duration_ms, detail) SELECT response + ?, seq, question, event, at, "
                    "duration_ms, detail FROM scratch.paradata",
                    [offset],
                )
        finally:
            conn.execute("DETACH DATABASE scratch")
