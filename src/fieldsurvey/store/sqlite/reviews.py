"""The review log's statements for SQLite (MIGRATION_SUPERVISION, MIGRATION_FORWARD; triggers
keep it append-only); the logic is store/reviews.py's. Also what forwarding reads of it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from fieldsurvey.store.records import Decision, ExportSelection
from fieldsurvey.store.reviews import DECISION_COLUMNS, HELD_COLUMNS, ReviewsPart, ReviewsSQL
from fieldsurvey.store.sqlite.base import SQLiteBase

CHUNK = 500


class ReviewsMixin(SQLiteBase, ReviewsPart):
    reviews_sql = ReviewsSQL(
        add_decision=f"INSERT INTO reviews ({DECISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        set_review_state=(
            "INSERT INTO review_states (uuid, content_hash, state, in_conflict) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (uuid, content_hash) DO UPDATE SET "
            "state = excluded.state, in_conflict = excluded.in_conflict"
        ),
        review_conflicts=(
            "SELECT s.uuid, s.content_hash FROM review_states s JOIN responses r "
            "ON r.uuid = s.uuid AND r.content_hash = s.content_hash AND r.is_head = 1 "
            "WHERE s.in_conflict ORDER BY s.uuid"
        ),
        hold_review=(
            f"INSERT OR IGNORE INTO held_reviews ({HELD_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        held_reviews=f"SELECT {HELD_COLUMNS} FROM held_reviews ORDER BY id",
    )

    def _decision_rows(self, uuids: list[str]) -> Iterator[Sequence[Any]]:
        for start in range(0, len(uuids), CHUNK):  # SQLite bounds a statement's parameters
            chunk = uuids[start : start + CHUNK]
            yield from self.conn.execute(
                f"SELECT {DECISION_COLUMNS} FROM reviews "
                f"WHERE uuid IN ({', '.join('?' * len(chunk))}) ORDER BY decided_at, id",
                chunk,
            )

    def forwarded_decisions(self, selection: ExportSelection) -> dict[str, list[Decision]]:
        rows = self.conn.execute(
            "SELECT DISTINCT uuid FROM reviews WHERE id > ?", [selection.reviews_after]
        ).fetchall()
        return self.decisions_of([uuid for (uuid,) in rows])

    def last_decision_id(self) -> int:
        row = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM reviews").fetchone()
        return int(row[0])
