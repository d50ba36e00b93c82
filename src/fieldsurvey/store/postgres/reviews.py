"""The review log's statements for PostgreSQL (a trigger keeps it append-only); the logic is
store/reviews.py's."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.reviews import DECISION_COLUMNS, HELD_COLUMNS, ReviewsPart, ReviewsSQL


class ReviewsMixin(PostgresBase, ReviewsPart):
    reviews_sql = ReviewsSQL(
        add_decision=(
            f"INSERT INTO reviews ({DECISION_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
        ),
        set_review_state=(
            "INSERT INTO review_states (uuid, content_hash, state, in_conflict) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (uuid, content_hash) DO UPDATE SET "
            "state = excluded.state, in_conflict = excluded.in_conflict"
        ),
        review_conflicts=(
            "SELECT s.uuid, s.content_hash FROM review_states s JOIN responses r "
            "ON r.uuid = s.uuid AND r.content_hash = s.content_hash AND r.is_head "
            'WHERE s.in_conflict ORDER BY s.uuid COLLATE "C"'
        ),
        hold_review=(
            f"INSERT INTO held_reviews ({HELD_COLUMNS}) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
        ),
        held_reviews=f"SELECT {HELD_COLUMNS} FROM held_reviews ORDER BY id",
    )

    def _decision_rows(self, uuids: list[str]) -> Iterable[Sequence[Any]]:
        return self.conn.execute(
            f"SELECT {DECISION_COLUMNS} FROM reviews WHERE uuid = ANY(%s) ORDER BY decided_at, id",
            [uuids],
        ).fetchall()
