"""The review log (MIGRATION_SUPERVISION): supervisors' decisions, append-only; the newest on
the head revision is the interview's state (none: pending). Triggers refuse to change or delete
a row."""

from __future__ import annotations

from fieldsurvey.store.records import Decision
from fieldsurvey.store.sqlite.base import SQLiteBase

_COLUMNS = "uuid, state, comment, reviewer, device_id, decided_at, content_hash"


def latest_state_sql(uuid_column: str, hash_column: str) -> str:
    """A scalar subquery: the review state of the revision named by `uuid_column` and
    `hash_column` (NULL when pending), for queries that filter or count by review state.

    A decision judges the revision it names: once the interview is revised (a returned
    interview completed again and merged as "updated"), the new head is pending again,
    and the decisions on the older revision stay in the log."""
    return (
        f"(SELECT v.state FROM reviews v WHERE v.uuid = {uuid_column} "
        f"AND (v.content_hash IS NULL OR v.content_hash = {hash_column}) "
        "ORDER BY v.decided_at DESC, v.id DESC LIMIT 1)"
    )


class ReviewsMixin(SQLiteBase):
    def add_decision(self, decision: Decision) -> None:
        conn = self.require_unit()
        conn.execute(
            f"INSERT INTO reviews ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                decision.uuid,
                decision.state,
                decision.comment,
                decision.reviewer,
                decision.device_id,
                decision.decided_at,
                decision.content_hash,
            ],
        )

    def decisions(self, uuid: str) -> list[Decision]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM reviews WHERE uuid = ? ORDER BY decided_at, id", [uuid]
        ).fetchall()
        return [Decision(*row) for row in rows]
